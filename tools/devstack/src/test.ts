/**
 * `npm test`: every test in one Jest run, against real services described through the
 * environment. PostgreSQL: the server at DATABASE_URL, else an embedded one; either way a fresh
 * database per run, migrated once and dropped at the end. Temporal: TEMPORAL_ADDRESS, else an
 * in-memory dev server. Plus the time-skipping test server for workflow tests, and Chromium when
 * the editor's browser tests are among those chosen (installed when missing, see chromium.ts),
 * checked first so that a machine without it stops before anything starts. Whatever happens
 * (failing tests, Ctrl-C), what was started is stopped and Jest's exit code is ours.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { BROWSER_TESTS_DIR, ensureChromium } from './chromium';
import { DevstackError, describeFailure } from './devstack-error';
import { runMigrations } from './migrations';
import { prefixedLog } from './output-prefix';
import { dataDir, repoRoot } from './paths';
import { freePort } from './ports';
import { startEmbeddedPostgres } from './postgres';
import { createDatabase, databaseUrl, dropDatabase, listDatabases, maskPassword } from './postgres-databases';
import { interruptCommands, runCommand } from './run-command';
import { type StopSignal, exitWhenDone, onStopSignal, signalExitCode } from './stop-signals';
import { Teardown } from './teardown';
import { ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';
import { ensureTimeSkippingServer } from './time-skipping-server';
import { stopwatch } from './timing';

const TEST_DATABASE_PREFIX = 'waypoint_test_';
const log = prefixedLog('devstack');
/** Server output is kept for error messages but not shown: test output is what matters here. */
const quiet = (): void => undefined;

async function main(): Promise<number> {
  const root = repoRoot();
  const jestArgs = process.argv.slice(2);
  const teardown = new Teardown();
  let interrupted: StopSignal | undefined;
  let jest: ChildProcess | undefined;
  const removeSignalHandlers = onStopSignal((signal) => {
    interrupted = signal;
    log(`${signal} received: cleaning up …`);
    interruptCommands();
    jest?.kill('SIGTERM');
  });

  try {
    const chromium = await prepareChromium(root, jestArgs);
    if (interrupted) return signalExitCode(interrupted);

    // Independent, and each takes seconds: started side by side. Each registers its own cleanup
    // as soon as it exists, so a failure in one still tears down the others.
    const [testDatabaseUrl, temporal, timeSkippingServer] = await settleAll([
      prepareDatabase(root, teardown),
      prepareTemporal(teardown),
      prepareTimeSkippingServer(),
    ] as const);
    if (interrupted) return signalExitCode(interrupted);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: testDatabaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TEST_SERVER_PATH: timeSkippingServer,
      WAYPOINT_REPO_ROOT: root,
    };
    if (temporal.cliPath) env.TEMPORAL_CLI_PATH = temporal.cliPath;
    else delete env.TEMPORAL_CLI_PATH;
    if (chromium) env.CHROMIUM_PATH = chromium;

    const clock = stopwatch();
    const args = jestCli(root);
    // Two cores, and integration tests share one Temporal and one database: in band unless the
    // caller chose the workers.
    if (!choosesWorkers(jestArgs)) args.push('--runInBand');
    args.push(...jestArgs);
    jest = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    const code = await exitCodeOf(jest);
    jest = undefined;
    log(`jest finished in ${clock()} (exit code ${code})`);
    return interrupted ? signalExitCode(interrupted) : code;
  } catch (error) {
    if (!interrupted) console.error(`\n${describeFailure(error)}\n`);
    return interrupted ? signalExitCode(interrupted) : 1;
  } finally {
    const clock = stopwatch();
    await teardown.run();
    log(`teardown in ${clock()}`);
    removeSignalHandlers();
  }
}

function jestCli(root: string): string[] {
  return [
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--config',
    path.join(root, 'jest.config.js'),
  ];
}

/**
 * Chromium's path when the chosen tests include the editor's browser tests (asking Jest which tests
 * the arguments select), else undefined: `npm test -- libs/journey` needs no browser.
 */
async function prepareChromium(root: string, jestArgs: readonly string[]): Promise<string | undefined> {
  const listed = await runCommand(process.execPath, [...jestCli(root), '--listTests', ...jestArgs], {
    cwd: root,
  });
  // Arguments Jest refuses fail the real run as well, with Jest's own message.
  if (listed.code !== 0) return undefined;
  if (!listed.output.includes(path.join(root, BROWSER_TESTS_DIR) + path.sep)) return undefined;
  const clock = stopwatch();
  const chromium = await ensureChromium({ log });
  log(`chromium ready in ${clock()} (${chromium})`);
  return chromium;
}

/** Returns the URL of a fresh, migrated database for this run. */
async function prepareDatabase(root: string, teardown: Teardown): Promise<string> {
  let adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    log(`postgres: using the server at DATABASE_URL (${maskPassword(adminUrl)})`);
  } else {
    const clock = stopwatch();
    const port = await freePort();
    const postgres = await startEmbeddedPostgres({
      dir: path.join(dataDir(), 'test-postgres'),
      port,
      log: quiet,
    });
    teardown.add('the test PostgreSQL', postgres.stop);
    adminUrl = postgres.url;
    // This cluster is ours alone (its lock file guarantees one run at a time), so any test
    // database still here is from a run that was killed before it could clean up.
    for (const leftover of await listDatabases(adminUrl, TEST_DATABASE_PREFIX))
      await dropDatabase(adminUrl, leftover);
    log(`postgres ready in ${clock()} (embedded, 127.0.0.1:${port})`);
  }

  const clock = stopwatch();
  const name = `${TEST_DATABASE_PREFIX}${Date.now()}_${process.pid}`;
  const serverUrl = adminUrl;
  try {
    await createDatabase(serverUrl, name);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DevstackError(
      `Could not create the test database ${name} on ${maskPassword(serverUrl)}: ${why}`,
    );
  }
  teardown.add(`the test database ${name}`, () => dropDatabase(serverUrl, name));
  const url = databaseUrl(serverUrl, name);
  await runMigrations(root, url);
  log(`test database ${name} created and migrated in ${clock()}`);
  return url;
}

async function prepareTemporal(
  teardown: Teardown,
): Promise<{ address: string; cliPath: string | undefined }> {
  const given = process.env.TEMPORAL_ADDRESS;
  if (given) {
    log(`temporal: using the server at TEMPORAL_ADDRESS (${given})`);
    return { address: given, cliPath: undefined };
  }
  const clock = stopwatch();
  const cliPath = await ensureTemporalCli();
  const server = await startTemporalDevServer({ port: await freePort(), log: quiet, cliPath });
  teardown.add('the test Temporal dev server', server.stop);
  log(`temporal ready in ${clock()} (in-memory dev server on ${server.address})`);
  return { address: server.address, cliPath };
}

async function prepareTimeSkippingServer(): Promise<string> {
  const clock = stopwatch();
  const launcher = await ensureTimeSkippingServer();
  log(`time-skipping test server ready in ${clock()} (${launcher})`);
  return launcher;
}

/** Like Promise.all, but waits for every task, so nothing is still starting during teardown. */
async function settleAll<T extends readonly unknown[]>(tasks: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(tasks);
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new DevstackError(failures.map(describeFailure).join('\n\n'));
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** -w / --maxWorkers in any of the spellings Jest accepts. */
function choosesWorkers(args: readonly string[]): boolean {
  return args.some((arg) => /^(-w|--maxWorkers|--max-workers)(=.*)?$/.test(arg) || /^-w\d+$/.test(arg));
}

function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`Could not run Jest: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 0;
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
