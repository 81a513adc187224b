/**
 * A local Temporal server (`temporal server start-dev`) with the search attributes the engine
 * queries runs by. With a db file its history survives restarts; without one it lives in memory
 * (what tests want). Bound to 127.0.0.1 only.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { DevstackError } from './devstack-error';
import { canConnect, isPortFree } from './ports';
import { type ExitStatus, describeExit, spawnService } from './processes';
import { runCommand } from './run-command';
import { ensureTemporalCli } from './temporal-cli';
import { sleep } from './timing';

const HOST = '127.0.0.1';

/** Registered at every start; the dev server accepts them again on an existing db file. */
export const SEARCH_ATTRIBUTES = ['CustomerId=Keyword', 'JourneyId=Keyword'];

/**
 * What the paced send queues need from the server (docs/architecture.md, "Pacing and priority"):
 * the priority-aware matcher (off by default before server 1.31; migration lets queues that
 * already have a backlog switch to it), and one partition per queue, since Temporal divides a
 * queue's rate among its partitions and a backlog left in one of four drains at a quarter of the
 * rate. The dev server takes no per-queue settings, so every queue gets one partition, which a
 * single-process server loses nothing by.
 */
export const DYNAMIC_CONFIG = [
  'matching.useNewMatcher=true',
  'matching.enableMigration=true',
  'matching.numTaskqueueReadPartitions=1',
  'matching.numTaskqueueWritePartitions=1',
];

export interface TemporalDevServerOptions {
  port: number;
  /** Port of the web UI; without one the server runs headless. */
  uiPort?: number;
  /** SQLite file for persistent history; without one everything is in memory. */
  dbFile?: string;
  /** Receives the server's output lines. */
  log: (line: string) => void;
  /** The `temporal` binary; found or installed with ensureTemporalCli() when omitted. */
  cliPath?: string;
  readyTimeoutMs?: number;
}

export interface TemporalDevServer {
  /** host:port for clients (TEMPORAL_ADDRESS). */
  address: string;
  uiUrl: string | undefined;
  /** Settles when the server process exits, for whatever reason. */
  exited: Promise<ExitStatus>;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const { port, uiPort, dbFile, log } = options;
  const cli = options.cliPath ?? (await ensureTemporalCli());
  for (const [what, p] of [
    ['gRPC', port],
    ['UI', uiPort],
  ] as const) {
    if (p !== undefined && !(await isPortFree(p))) {
      throw new DevstackError(
        `Cannot start the Temporal dev server: its ${what} port ${p} is already in use.`,
      );
    }
  }

  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(port), '--namespace', 'default'];
  args.push('--log-level', 'warn');
  for (const attribute of SEARCH_ATTRIBUTES) args.push('--search-attribute', attribute);
  for (const setting of DYNAMIC_CONFIG) args.push('--dynamic-config-value', setting);
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (dbFile !== undefined) {
    await mkdir(path.dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }

  const server = spawnService('temporal', cli, args, { log });
  const address = `${HOST}:${port}`;
  try {
    await waitUntilServing(cli, address, port, server.exited, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await server.stop();
    const why = error instanceof Error ? error.message : String(error);
    throw new DevstackError(`${why}\n  Its last output:\n${server.recentOutput()}`);
  }

  return {
    address,
    uiUrl: uiPort === undefined ? undefined : `http://${HOST}:${uiPort}`,
    exited: server.exited,
    stop: async () => {
      // A dev server shutting down logs a burst of harmless errors about cancelled tasks.
      server.mute();
      await server.stop(5_000);
    },
  };
}

/** Polls until the frontend answers a health check, the process dies, or time runs out. */
async function waitUntilServing(
  cli: string,
  address: string,
  port: number,
  exited: Promise<ExitStatus>,
  timeoutMs: number,
): Promise<void> {
  // Held in an object: TypeScript would otherwise assume a callback never changes a local.
  const died: { status?: ExitStatus } = {};
  void exited.then((status) => (died.status = status));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (died.status)
      throw new Error(`The Temporal dev server ${describeExit(died.status)} before it was ready.`);
    // A TCP probe first: cheap, and spares a CLI process per poll while the server boots.
    if (await canConnect(port)) {
      const health = await runCommand(cli, ['operator', 'cluster', 'health', '--address', address], {
        timeoutMs: 10_000,
      });
      if (health.code === 0 && !died.status) return;
    }
    await sleep(250);
  }
  throw new Error(`The Temporal dev server did not become ready on ${address} within ${timeoutMs / 1000}s.`);
}

/**
 * TEMPORAL_UI_URL for the API when `npm start` runs the dev server's UI: the UI it started (on
 * TEMPORAL_UI_PORT), so run pages link to it, unless the caller set one.
 */
export function temporalUiUrlEnv(
  startedUi: string | undefined,
  env: NodeJS.ProcessEnv,
): { TEMPORAL_UI_URL?: string } {
  return startedUi && !env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: startedUi } : {};
}
