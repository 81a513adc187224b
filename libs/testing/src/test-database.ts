/**
 * A database of its own for each test stack, cloned from the test run's migrated database
 * (`CREATE DATABASE … TEMPLATE`), so journeys published by one test file never see another's
 * events. Plus direct reads, to assert what was (and was not) stored.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export class TestDatabase {
  readonly name = `waypoint_stack_${randomBytes(5).toString('hex')}`;
  readonly url: string;
  private readonly template: string;
  private readonly adminUrl: string;

  constructor(templateUrl: string = requiredEnv('DATABASE_URL')) {
    const url = new URL(templateUrl);
    this.template = decodeURIComponent(url.pathname.slice(1));
    url.pathname = '/postgres';
    this.adminUrl = url.toString();
    url.pathname = `/${this.name}`;
    this.url = url.toString();
  }

  async create(): Promise<void> {
    await withClient(this.adminUrl, (c) =>
      c.query(`CREATE DATABASE "${this.name}" TEMPLATE "${this.template}"`),
    );
  }

  async drop(): Promise<void> {
    await withClient(this.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return withClient(this.url, async (c) => (await c.query(sql, params)).rows as T[]);
  }
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the tests with \`npm test\`, which starts PostgreSQL and Temporal`,
    );
  return value;
}
