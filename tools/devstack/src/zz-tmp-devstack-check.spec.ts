// TEMPORARY: hand check of the test command; deleted after use.
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';

describe('devstack test environment', () => {
  it('provides a migrated database', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const db = await client.query('SELECT current_database() AS name');
    const tables = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
    await client.end();
    console.log('db', db.rows[0].name, 'tables', tables.rows[0].n, 'root', process.env.WAYPOINT_REPO_ROOT);
    expect(db.rows[0].name).toMatch(/^waypoint_test_/);
    expect(tables.rows[0].n).toBeGreaterThan(1);
  });
  it('provides temporal', () => {
    const out = execFileSync(process.env.TEMPORAL_CLI_PATH!, ['operator', 'cluster', 'health', '--address', process.env.TEMPORAL_ADDRESS!]).toString();
    expect(out).toMatch(/SERVING/);
  });
  it('provides the time-skipping server', async () => {
    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER_PATH! } } });
    await env.teardown();
  });
  if (process.env.DEVSTACK_FAIL) it('fails on purpose', () => expect(1).toBe(2));
});
if (process.env.DEVSTACK_SLOW) it('waits', () => new Promise((r) => setTimeout(r, 30_000)), 60_000);
