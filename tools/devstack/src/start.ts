/**
 * `npm start`: the whole product on one machine. PostgreSQL and Temporal come from DATABASE_URL
 * and TEMPORAL_ADDRESS when set, else the devstack runs its own (embedded PostgreSQL, the Temporal
 * CLI's dev server) with their data in the data folder, so a second start finds yesterday's
 * journeys, runs and history. Then migrations, then the API, worker and editor, which are kept up:
 * one that crashes or stops unasked is restarted with backoff (supervisor.ts) while the rest keep
 * running. A crash of PostgreSQL or Temporal, which the apps cannot work without, still stops
 * everything. Ctrl-C stops everything in reverse order.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ensureAppSecret } from './app-secret';
import { writeDatabaseUrl } from './database-url-file';
import { ensureFirstAdmin } from './first-admin';
import { DevstackError, describeFailure } from './devstack-error';
import { runMigrations, migrateCliPath } from './migrations';
import { prefixedLog } from './output-prefix';
import { dataDir, repoRoot } from './paths';
import { isPortFree } from './ports';
import { runningPostmasterPid, startEmbeddedPostgres } from './postgres';
import { createDatabaseIfMissing, databaseUrl, maskPassword } from './postgres-databases';
import { type ExitStatus, describeExit } from './processes';
import { interruptCommands } from './run-command';
import { exitWhenDone, onStopSignal } from './stop-signals';
import { Supervisor } from './supervisor';
import { Teardown } from './teardown';
import { ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer, temporalUiUrlEnv } from './temporal-dev-server';
import { waitForHttpOk } from './wait-for-http';

const DATABASE_NAME = 'waypoint';
const HEALTH_TIMEOUT_MS = 60_000;
const log = prefixedLog('devstack');

interface StartConfig {
  root: string;
  data: string;
  /** From DATABASE_URL; when absent we run embedded PostgreSQL on pgPort. */
  databaseUrl: string | undefined;
  pgPort: number;
  /** From TEMPORAL_ADDRESS; when absent we run the dev server on temporalPort. */
  temporalAddress: string | undefined;
  temporalPort: number;
  temporalUiPort: number;
  apiPort: number;
  editorPort: number;
}

function readPort(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DevstackError(`${variable}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

function readConfig(): StartConfig {
  return {
    root: repoRoot(),
    data: dataDir(),
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgPort: readPort('WAYPOINT_PG_PORT', 5433),
    temporalAddress: process.env.TEMPORAL_ADDRESS || undefined,
    temporalPort: readPort('TEMPORAL_PORT', 7233),
    temporalUiPort: readPort('TEMPORAL_UI_PORT', 8233),
    apiPort: readPort('PORT', 3000),
    editorPort: readPort('EDITOR_PORT', 5173),
  };
}

function entryPoints(root: string) {
  const editor = path.join(root, 'apps', 'editor');
  return {
    api: path.join(root, 'apps', 'api', 'dist', 'main.js'),
    worker: path.join(root, 'apps', 'worker', 'dist', 'main.js'),
    editor,
    vite: viteCli(editor),
    migrate: migrateCliPath(root),
  };
}

/**
 * Vite's CLI as the editor resolves it: npm installs it under apps/editor/node_modules or hoists
 * it to the root, depending on the rest of the tree.
 */
function viteCli(editor: string): string {
  try {
    const manifest = require.resolve('vite/package.json', { paths: [editor] });
    return path.join(path.dirname(manifest), 'bin', 'vite.js');
  } catch {
    return path.join(editor, 'node_modules', 'vite', 'bin', 'vite.js');
  }
}

/** Everything that can be checked before anything starts, reported together. */
async function preflight(config: StartConfig): Promise<void> {
  const problems: string[] = [];
  const files = entryPoints(config.root);
  for (const file of [files.migrate, files.api, files.worker, files.vite]) {
    if (existsSync(file)) continue;
    const fix =
      file === files.vite ? 'install the dependencies (npm install)' : 'build first (npm run build)';
    problems.push(`${path.relative(config.root, file)} is missing: ${fix}.`);
  }

  const wanted: { port: number; what: string; variable: string }[] = [];
  if (!config.databaseUrl)
    wanted.push({ port: config.pgPort, what: 'PostgreSQL', variable: 'WAYPOINT_PG_PORT' });
  if (!config.temporalAddress) {
    wanted.push({ port: config.temporalPort, what: 'Temporal', variable: 'TEMPORAL_PORT' });
    wanted.push({ port: config.temporalUiPort, what: 'the Temporal UI', variable: 'TEMPORAL_UI_PORT' });
  }
  wanted.push({ port: config.apiPort, what: 'the API', variable: 'PORT' });
  wanted.push({ port: config.editorPort, what: 'the editor', variable: 'EDITOR_PORT' });

  const seen = new Map<number, string>();
  for (const { port, what, variable } of wanted) {
    const other = seen.get(port);
    if (other) {
      problems.push(`Port ${port} is configured for both ${other} and ${what}: change ${variable}.`);
      continue;
    }
    seen.set(port, what);
    if (await isPortFree(port)) continue;
    const leftOver =
      what === 'PostgreSQL' ? runningPostmasterPid(path.join(config.data, 'postgres')) : undefined;
    problems.push(
      leftOver === undefined
        ? `Port ${port} (for ${what}) is already in use: stop what uses it, or set ${variable} to another port.`
        : `Port ${port} (for PostgreSQL) is held by a PostgreSQL left running by an earlier start (pid ${leftOver}): stop it with \`kill ${leftOver}\`.`,
    );
  }
  if (problems.length > 0) {
    throw new DevstackError(`Cannot start Waypoint:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

class Interrupted extends Error {}

async function main(): Promise<number> {
  const config = readConfig();
  await preflight(config);
  const temporalCli = config.temporalAddress ? undefined : await ensureTemporalCli();

  const teardown = new Teardown();
  const stopping = new AbortController();
  let exitCode = 0;
  let signalled = false;
  const removeSignalHandlers = onStopSignal((signal) => {
    signalled = true;
    log(`${signal} received: stopping everything …`);
    interruptCommands();
    stopping.abort();
  });
  const throwIfStopping = (): void => {
    if (stopping.signal.aborted) throw new Interrupted();
  };
  /**
   * A server that exits while we are not stopping has crashed and takes the stack down (the apps
   * are not watched: the supervisor restarts them).
   */
  const watch = (name: string, exited: Promise<ExitStatus>): void => {
    void exited.then((status) => {
      if (stopping.signal.aborted) return;
      log(`${name} ${describeExit(status)} unexpectedly: stopping everything.`);
      exitCode = 1;
      stopping.abort();
    });
  };

  try {
    let dbUrl: string;
    if (config.databaseUrl) {
      dbUrl = config.databaseUrl;
      log(`Using the PostgreSQL database at DATABASE_URL (${maskPassword(dbUrl)}).`);
    } else {
      const postgres = await startEmbeddedPostgres({
        dir: path.join(config.data, 'postgres'),
        port: config.pgPort,
        log: prefixedLog('postgres'),
      });
      teardown.add('PostgreSQL', postgres.stop);
      watch('PostgreSQL', postgres.exited);
      if (await createDatabaseIfMissing(postgres.url, DATABASE_NAME))
        log(`Created the database "${DATABASE_NAME}".`);
      dbUrl = databaseUrl(postgres.url, DATABASE_NAME);
    }
    throwIfStopping();

    log(await runMigrations(config.root, dbUrl));
    const dbUrlFile = writeDatabaseUrl(config.data, dbUrl);
    throwIfStopping();

    let temporalAddress: string;
    let temporalUi: string | undefined;
    if (config.temporalAddress) {
      temporalAddress = config.temporalAddress;
      log(`Using the Temporal server at TEMPORAL_ADDRESS (${temporalAddress}).`);
    } else {
      const temporal = await startTemporalDevServer({
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        dbFile: path.join(config.data, 'temporal', 'temporal.db'),
        log: prefixedLog('temporal'),
        cliPath: temporalCli,
      });
      teardown.add('the Temporal dev server', temporal.stop);
      watch('The Temporal dev server', temporal.exited);
      temporalAddress = temporal.address;
      temporalUi = temporal.uiUrl;
    }
    throwIfStopping();

    const configuredAdmin = Boolean(process.env.WAYPOINT_ADMIN_EMAIL && process.env.WAYPOINT_ADMIN_PASSWORD);
    const admin = configuredAdmin ? undefined : ensureFirstAdmin(config.data);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...(admin ? { WAYPOINT_ADMIN_EMAIL: admin.email, WAYPOINT_ADMIN_PASSWORD: admin.password } : {}),
      DATABASE_URL: dbUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      PORT: String(config.apiPort),
      APP_SECRET: process.env.APP_SECRET || ensureAppSecret(config.data),
      PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${config.apiPort}`,
      ...temporalUiUrlEnv(temporalUi, process.env),
    };
    const apiUrl = `http://127.0.0.1:${config.apiPort}`;
    const files = entryPoints(config.root);
    const apps = new Supervisor();
    teardown.add('the API, worker and editor', () => apps.stopAll());
    const appOptions = { cwd: config.root, env };
    apps.spawn('api', process.execPath, [files.api], { ...appOptions, title: 'the API' });
    apps.spawn('worker', process.execPath, [files.worker], { ...appOptions, title: 'the worker' });
    const viteArgs = ['preview', '--port', String(config.editorPort), '--strictPort', '--host', '127.0.0.1'];
    const editorArgs = [files.vite, ...viteArgs];
    const editorEnv = { ...env, API_URL: apiUrl };
    apps.spawn('editor', process.execPath, editorArgs, {
      cwd: files.editor,
      env: editorEnv,
      title: 'the editor',
    });

    const healthy = await waitForHttpOk(`${apiUrl}/health`, {
      timeoutMs: HEALTH_TIMEOUT_MS,
      signal: stopping.signal,
    });
    throwIfStopping();
    if (!healthy) {
      throw new DevstackError(
        `The API did not answer GET ${apiUrl}/health with 200 within ${HEALTH_TIMEOUT_MS / 1000}s (its output is above).`,
      );
    }

    printWelcome([
      ['Editor', `http://127.0.0.1:${config.editorPort}`],
      ['API', apiUrl],
      ['OpenAPI', `${apiUrl}/openapi.json`],
      ['Health', `${apiUrl}/health`],
      temporalUi ? ['Temporal UI', temporalUi] : ['Temporal', `${temporalAddress} (TEMPORAL_ADDRESS)`],
      ['PostgreSQL', `${maskPassword(dbUrl)} (full URL, for the CLI tools: ${dbUrlFile})`],
      ['Data folder', config.data],
      admin
        ? ['Sign in', `${admin.email} / ${admin.password} (the first admin, unless changed; ${admin.file})`]
        : ['Sign in', `${process.env.WAYPOINT_ADMIN_EMAIL} (WAYPOINT_ADMIN_EMAIL / WAYPOINT_ADMIN_PASSWORD)`],
    ]);

    await new Promise<void>((resolve) => {
      if (stopping.signal.aborted) resolve();
      else stopping.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } catch (error) {
    // After Ctrl-C, whatever was starting fails as a matter of course; that is not news.
    if (!(error instanceof Interrupted) && !signalled) {
      console.error(`\n${describeFailure(error)}\n`);
      exitCode = 1;
    }
  } finally {
    // Set before stopping anything, so the watchers see the exits as expected.
    stopping.abort();
    await teardown.run();
    removeSignalHandlers();
  }
  log(exitCode === 0 ? 'Stopped.' : 'Stopped everything that was started.');
  return exitCode;
}

function printWelcome(rows: [string, string][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  const rule = '─'.repeat(64);
  const lines = [
    '',
    rule,
    '  Waypoint is running',
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    '  A crashed API, worker or editor is restarted; if PostgreSQL or Temporal dies, everything',
    '  stops (run npm start again: the data survives). Ctrl-C stops everything.',
    rule,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  main().then(
    (code) => exitWhenDone(code),
    (error: unknown) => {
      console.error(`\n${describeFailure(error)}\n`);
      exitWhenDone(1);
    },
  );
}
