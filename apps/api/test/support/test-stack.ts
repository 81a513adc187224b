/**
 * Starts the real API and worker as child processes from their build (`npm run build`), pointed
 * at the PostgreSQL and Temporal that the test command started. Each stack gets its own task
 * queue, so test files sharing one Temporal never pick up each other's runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TestDatabase } from '@waypoint/testing';

const ROOT = join(__dirname, '../../../..');

export interface StackOptions {
  /** Extra environment for both processes (e.g. SENDGRID_API_KEY, SENDGRID_API_URL). */
  env?: Record<string, string | undefined>;
  /** Share another stack's database (it stays that stack's to drop). */
  db?: TestDatabase;
  /** Start even when /health is not 200 (e.g. Temporal deliberately unreachable). */
  allowDegraded?: boolean;
  /** Sign in as TEST_ADMIN once started (default true); `request()` then sends that session. */
  signIn?: boolean;
  /** How long the API may take to answer /health (default 30 s), e.g. when several start at once. */
  startTimeoutMs?: number;
}

export const TEST_ADMIN = { email: 'admin@test.local', password: 'test-admin-password' };

export class TestStack {
  readonly shopifySecret = randomBytes(16).toString('hex');
  /** The first admin's session token; `request()` sends it unless told otherwise. */
  adminToken = '';
  readonly taskQueue = `test-${randomBytes(4).toString('hex')}`;
  readonly db: TestDatabase;
  private readonly ownsDb: boolean;
  private api?: ChildProcess;
  private worker?: ChildProcess;
  private port = 0;
  private readonly output: string[] = [];

  constructor(private readonly options: StackOptions = {}) {
    this.db = options.db ?? new TestDatabase();
    this.ownsDb = !options.db;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The API child's process id (e.g. to read its memory from /proc). */
  get apiPid(): number | undefined {
    return this.api?.pid;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    if (this.ownsDb) await this.db.create();
    this.api = this.spawn('api', join(ROOT, 'apps/api/dist/main.js'));
    this.startWorker();
    try {
      await this.waitForHealth();
      if (this.options.signIn !== false)
        this.adminToken = await this.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    } catch (error) {
      // The caller never gets a stack to stop: stop what was started, or Jest waits on it forever.
      await this.stop().catch(() => undefined);
      throw error;
    }
    return this;
  }

  /** Signs in and returns the session token. */
  async signIn(email: string, password: string): Promise<string> {
    const res = await this.request('POST', '/v1/auth/login', { email, password }, { authorization: '' });
    if (res.status !== 200)
      throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.token as string;
  }

  /** Creates a person with `role` (as the admin) and returns their session token. */
  async personWithRole(
    role: 'admin' | 'marketer' | 'support',
    email = `${role}-${randomBytes(3).toString('hex')}@test.local`,
  ) {
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const res = await this.request('POST', '/v1/users', { email, name: `Test ${role}`, role, password });
    if (res.status !== 201)
      throw new Error(`creating a ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.data.id as string, email, password, token: await this.signIn(email, password) };
  }

  startWorker(): void {
    this.worker = this.spawn('worker', join(ROOT, 'apps/worker/dist/main.js'));
  }

  /** SIGKILL the API: whatever it accepted is in PostgreSQL, whatever it was about to do is not. */
  async killApi(): Promise<void> {
    const api = this.api;
    if (!api || api.exitCode !== null) return;
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGKILL');
    await exited;
  }

  /** Starts the API again after `killApi()` (same port, same database) and waits until it is healthy. */
  async startApi(): Promise<void> {
    this.api = this.spawn('api', join(ROOT, 'apps/api/dist/main.js'));
    await this.waitForHealth();
  }

  /** SIGKILL: no shutdown hooks, no graceful drain; what a power cut or OOM kill does. */
  async killWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker || worker.exitCode !== null) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    // STACK_LOGS=1 npm test -- <file>: see what the API and worker said.
    if (process.env.STACK_LOGS) console.log(this.logs());
    await Promise.all([this.api, this.worker].map((child) => stopChild(child)));
    if (this.ownsDb) await this.db.drop();
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.query<T>(sql, params);
  }

  /** Creates an API key with the real CLI and returns it. */
  async apiKey(name = 'test'): Promise<string> {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, [join(ROOT, 'apps/api/dist/cli/create-api-key.js'), name], {
      env: { ...process.env, DATABASE_URL: this.db.url },
      encoding: 'utf8',
    });
    return out.trim().split('\n').at(-1) as string;
  }

  /** The processes' output, for a failing test's message. */
  logs(): string {
    return this.output.slice(-80).join('');
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any }> {
    // Signed in as the first admin unless the caller sends its own Authorization ('' for none).
    const merged: Record<string, string> = {};
    if (body !== undefined) merged['content-type'] = 'application/json';
    if (this.adminToken) merged.authorization = `Bearer ${this.adminToken}`;
    Object.assign(merged, headers);
    if (merged.authorization === '') delete merged.authorization;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: merged,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (an HTML page): keep the text
    }
    return { status: res.status, body: parsed };
  }

  private spawn(name: string, script: string): ChildProcess {
    const child = spawn(process.execPath, [script], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: this.db.url,
        PORT: String(this.port),
        PUBLIC_URL: `http://127.0.0.1:${this.port}`,
        APP_SECRET: 'test-app-secret-test-app-secret-test-app-secret',
        SHOPIFY_WEBHOOK_SECRET: this.shopifySecret,
        // Tests never reach a real store: a connect or coupon without a ShopifyAdminStub of the
        // test's own meets a closed loopback port (refused at once), not Shopify.
        SHOPIFY_API_URL: 'http://127.0.0.1:9',
        TEMPORAL_TASK_QUEUE: this.taskQueue,
        ROUTING_SWEEP_INTERVAL_MS: '500',
        // The results rollup rewrites its tables on the worker's clock, which would race every
        // "this request wrote nothing" check: off unless a test turns it on (journey-results).
        RESULTS_ROLLUP_INTERVAL_MS: '0',
        SENDGRID_API_KEY: '',
        WAYPOINT_ADMIN_EMAIL: TEST_ADMIN.email,
        WAYPOINT_ADMIN_PASSWORD: TEST_ADMIN.password,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // STACK_LOG_FILE=path: everything the processes said, not only the last lines `logs()` keeps.
    const logFile = process.env.STACK_LOG_FILE;
    const collect = (chunk: Buffer) => {
      this.output.push(`[${name}] ${chunk.toString()}`);
      if (logFile) appendFileSync(logFile, `[${name}] ${chunk.toString()}`);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    return child;
  }

  private async waitForHealth(): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.api?.exitCode !== null) throw new Error(`the API exited:\n${this.logs()}`);
      try {
        const res = await fetch(`${this.baseUrl}/health`);
        if (res.status === 200 || (this.options.allowDegraded && res.status === 503)) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`the API did not become healthy in ${timeoutMs / 1000} s:\n${this.logs()}`);
  }
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` returns a value (not undefined), or fails with what it last saw. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
