/**
 * The stack under test, all on 127.0.0.1 and all ours: an embedded PostgreSQL in a temporary
 * folder, an in-memory Temporal dev server (both through the devstack helpers that `npm test`
 * uses), a fresh migrated database, a SendGrid stub, and the real API and worker started from their
 * build as child processes, the way the integration tests start them. Everything started is
 * registered with a Teardown, so it is stopped (and the folder removed) even when a phase fails.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createDatabase,
  databaseUrl,
  DevstackError,
  ensureTemporalCli,
  freePort,
  type ManagedProcess,
  RecentLines,
  repoRoot,
  runMigrations,
  runningPostmasterPid,
  sleep,
  spawnService,
  startEmbeddedPostgres,
  startTemporalDevServer,
  Teardown,
  waitForHttpOk,
} from '@waypoint/devstack';
import { SendGridStub } from '@waypoint/testing';
import { Pool } from 'pg';
import { childrenOf, ProcessGroups } from './proc';

const SENDGRID_KEY = `SG.bench.${randomBytes(8).toString('hex')}`;
const DATABASE = 'waypoint_bench';

/** The admin the API creates at first boot (sign-in, issue 7); the editor phase signs in as it. */
export interface AdminLogin {
  email: string;
  password: string;
}

/** What the SendGrid stub received: first 202 arrival time per recipient, and anything odd. */
export class Arrivals {
  readonly firstAt = new Map<string, number>();
  duplicates = 0;
  refused = 0;

  countWithPrefix(prefix: string): number {
    let n = 0;
    for (const email of this.firstAt.keys()) if (email.startsWith(prefix)) n++;
    return n;
  }
}

export interface Stack {
  root: string;
  apiUrl: string;
  /** The bench database, for the CLIs (create-api-key). */
  databaseUrl: string;
  admin: AdminLogin;
  /** A session token for the management API; undefined while the API has no sign-in (login 404). */
  apiToken: string | undefined;
  shopifySecret: string;
  taskQueue: string;
  /** The SendGrid stub every email goes to (the floor phase's worker posts to it too). */
  sendgrid: { url: string; apiKey: string };
  db: Pool;
  arrivals: Arrivals;
  groups: ProcessGroups;
  workerPid: number;
  temporalCliPath: string;
  temporalAddress: string;
  temporalVersion: string;
  logs: Record<string, RecentLines>;
  warnings: Record<string, number>;
  /** Those lines per service, grouped by what they say (numbers and ids left out), with counts. */
  warningKinds: Record<string, Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * `extraEnv`: more variables for the API and the worker (the import phase's Shopify stub);
 * `postgresSettings`: more PostgreSQL settings (the floor phase's pg_stat_statements).
 */
export async function startStack(
  log: (line: string) => void,
  extraEnv: NodeJS.ProcessEnv = {},
  postgresSettings: readonly string[] = [],
): Promise<Stack> {
  const root = repoRoot();
  const teardown = new Teardown();
  const logs: Record<string, RecentLines> = {};
  const warnings: Record<string, number> = {};
  const warningKinds: Record<string, Record<string, number>> = {};
  const verbose = process.env.BENCH_VERBOSE === '1';
  const collect = (name: string) => {
    logs[name] = new RecentLines(60);
    warnings[name] = 0;
    warningKinds[name] = {};
    return (line: string): void => {
      logs[name].add(line);
      if (/warn|error/i.test(line)) {
        warnings[name]++;
        const kind = kindOf(line);
        warningKinds[name][kind] = (warningKinds[name][kind] ?? 0) + 1;
      }
      if (verbose) process.stdout.write(`[${name}] ${line}\n`);
    };
  };

  const folder = await mkdtemp(path.join(tmpdir(), 'waypoint-bench-'));
  teardown.add(`the folder ${folder}`, () => rm(folder, { recursive: true, force: true }));
  const groups = new ProcessGroups();
  try {
    const pgDir = path.join(folder, 'postgres');
    const postgres = await startEmbeddedPostgres({
      dir: pgDir,
      port: await freePort(),
      log: collect('postgres'),
      settings: postgresSettings,
    });
    teardown.add('PostgreSQL', postgres.stop);
    groups.add('postgres', runningPostmasterPid(pgDir));
    await createDatabase(postgres.url, DATABASE);
    const url = databaseUrl(postgres.url, DATABASE);
    await runMigrations(root, url);
    log(`PostgreSQL ready (embedded, data in ${pgDir}), database ${DATABASE} migrated`);

    const temporalCliPath = await ensureTemporalCli({ log });
    let temporalAddress = process.env.BENCH_TEMPORAL_ADDRESS;
    if (temporalAddress) {
      // A Temporal server of the caller's (a cluster, or a dev server started with other flags).
      // Its CPU is counted only when its pid is given.
      const pid = Number(process.env.BENCH_TEMPORAL_PID);
      if (Number.isInteger(pid) && pid > 0) groups.add('temporal', pid);
      log(`Temporal: using the server at BENCH_TEMPORAL_ADDRESS (${temporalAddress})`);
    } else {
      const temporal = await startTemporalDevServer({
        port: await freePort(),
        log: collect('temporal'),
        cliPath: temporalCliPath,
      });
      teardown.add('the Temporal dev server', temporal.stop);
      groups.add('temporal', childrenOf(process.pid).find((c) => c.comm === 'temporal')?.pid);
      temporalAddress = temporal.address;
      log(`Temporal dev server ready (in memory) on ${temporal.address}`);
    }

    const sendgrid = new SendGridStub(SENDGRID_KEY);
    await sendgrid.start();
    teardown.add('the SendGrid stub', () => sendgrid.stop());
    const arrivals = recordArrivals(sendgrid);

    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const shopifySecret = randomBytes(16).toString('hex');
    const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
    const admin: AdminLogin = {
      email: 'bench-admin@example.com',
      password: randomBytes(12).toString('base64url'),
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PORT: String(port),
      PUBLIC_URL: apiUrl,
      APP_SECRET: randomBytes(32).toString('hex'),
      SHOPIFY_WEBHOOK_SECRET: shopifySecret,
      SENDGRID_API_KEY: SENDGRID_KEY,
      SENDGRID_API_URL: sendgrid.url,
      TWILIO_ACCOUNT_SID: '',
      TWILIO_AUTH_TOKEN: '',
      WAYPOINT_ADMIN_EMAIL: admin.email,
      WAYPOINT_ADMIN_PASSWORD: admin.password,
      ...extraEnv,
    };
    const spawnApp = (name: 'api' | 'worker'): ManagedProcess => {
      // e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the worker.
      const nodeArgs = (process.env[`BENCH_${name.toUpperCase()}_NODE_ARGS`] ?? '')
        .split(' ')
        .filter(Boolean);
      const script = path.join(root, `apps/${name}/dist/main.js`);
      const service = spawnService(name, process.execPath, [...nodeArgs, script], {
        cwd: root,
        env,
        log: collect(name),
      });
      teardown.add(`the ${name}`, async () => void (await service.stop(10_000)));
      return service;
    };
    const api = spawnApp('api');
    const worker = spawnApp('worker');
    groups.add('api', api.pid);
    groups.add('worker', worker.pid);

    const started = new AbortController();
    void Promise.race([api.exited, worker.exited]).then(() => started.abort());
    if (!(await waitForHttpOk(`${apiUrl}/health`, { timeoutMs: 60_000, signal: started.signal }))) {
      throw new DevstackError(
        `The API did not become healthy:\n[api]\n${logs.api.text()}\n[worker]\n${logs.worker.text()}`,
      );
    }
    const deadline = Date.now() + 60_000;
    while (!logs.worker.text().includes('polling task queue')) {
      if (worker.hasExited || Date.now() > deadline)
        throw new DevstackError(`The worker did not start polling:\n${logs.worker.text()}`);
      await sleep(200);
    }
    log(`API (${apiUrl}, pid ${api.pid}) and worker (pid ${worker.pid}) up, task queue ${taskQueue}`);

    const db = new Pool({ connectionString: url, max: 3 });
    teardown.add('the benchmark’s database pool', () => db.end());
    return {
      root,
      apiUrl,
      databaseUrl: url,
      admin,
      apiToken: await logIn(apiUrl, admin),
      shopifySecret,
      taskQueue,
      sendgrid: { url: sendgrid.url, apiKey: SENDGRID_KEY },
      db,
      arrivals,
      groups,
      workerPid: worker.pid as number,
      temporalCliPath,
      temporalAddress,
      temporalVersion: temporalVersion(temporalCliPath),
      logs,
      warnings,
      warningKinds,
      stop: () => teardown.run((line) => log(line)),
    };
  } catch (error) {
    await teardown.run((line) => log(line));
    throw error;
  }
}

/** Signs in as the admin; undefined when the API has no sign-in yet (404), so management routes are open. */
async function logIn(apiUrl: string, admin: AdminLogin): Promise<string | undefined> {
  const res = await fetch(`${apiUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (res.status === 404) return undefined;
  const text = await res.text();
  if (!res.ok) throw new DevstackError(`Signing in as the bench admin answered ${res.status}: ${text}`);
  return (JSON.parse(text) as { data: { token: string } }).data.token;
}

/** What a log line says, without its time, ids and numbers: Temporal's msg and error fields, else the text. */
function kindOf(line: string): string {
  const field = (name: string) => new RegExp(`${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(line)?.[1];
  const msg = field('msg');
  const text = msg ? [msg, field('error')].filter(Boolean).join(': ') : line;
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, '<id>')
    .replace(/\d+/g, 'N')
    .slice(0, 240);
}

/**
 * The stub keeps every request it answers, bodies included; 20,000 emails of a few KiB each would
 * only cost memory here. Its list's push is replaced so each request is timed as it is recorded
 * (before the 202 goes out) and only the recipient and time are kept.
 */
function recordArrivals(stub: SendGridStub): Arrivals {
  const arrivals = new Arrivals();
  stub.requests.push = (...items) => {
    const at = Date.now();
    for (const item of items) {
      if (item.status !== 202) {
        arrivals.refused++;
        continue;
      }
      const email = item.body.personalizations?.[0]?.to?.[0]?.email ?? '';
      if (arrivals.firstAt.has(email)) arrivals.duplicates++;
      else arrivals.firstAt.set(email, at);
    }
    return 0;
  };
  return arrivals;
}

function temporalVersion(cli: string): string {
  try {
    return execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
