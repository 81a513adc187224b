/**
 * What the database holds, table by table, to prove a refused request wrote nothing: the row
 * count of every table in the stack's database and, for tables whose rows no request touches in
 * passing, a fingerprint of their contents (so an UPDATE is caught too, not only an INSERT).
 */
import { Client } from 'pg';

/**
 * Tables whose rows change on any request of a signed-in caller, whatever its input: their
 * counts are compared, their contents are not.
 */
export const TOUCHED_BY_ANY_REQUEST: Record<string, string> = {
  // last_seen_at is refreshed (at most once a minute) by every request made with the session.
  sessions: 'each signed-in request refreshes its session’s last_seen_at',
  // last_used_at is refreshed (at most once a minute) by every request made with the key.
  api_keys: 'each request with an API key refreshes that key’s last_used_at',
};
// Not excluded, on purpose: login_failures (only a well-formed sign-in with a wrong password may
// add a row, and no refused input is well-formed) and audit_log (sign-ins are audited, but the
// bad-input test signs in before its first snapshot, never during one).

export type Snapshot = Map<string, { rows: number; fingerprint: string | null }>;

export class TableSnapshots {
  private constructor(
    private readonly client: Client,
    private readonly tables: string[],
  ) {}

  static async open(databaseUrl: string): Promise<TableSnapshots> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    return new TableSnapshots(
      client,
      rows.map((r) => r.name),
    );
  }

  has(table: string): boolean {
    return this.tables.includes(table);
  }

  async take(): Promise<Snapshot> {
    const parts = this.tables.map((table, i) => {
      const quoted = `"${table.replace(/"/g, '""')}"`;
      const fingerprint =
        table in TOUCHED_BY_ANY_REQUEST
          ? 'NULL::text'
          : `coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '')`;
      return `SELECT ${i} AS i, count(*)::int AS rows, ${fingerprint} AS fingerprint FROM ${quoted} t`;
    });
    const { rows } = await this.client.query<{ i: number; rows: number; fingerprint: string | null }>(
      parts.join(' UNION ALL '),
    );
    return new Map(rows.map((r) => [this.tables[r.i], { rows: r.rows, fingerprint: r.fingerprint }]));
  }

  /**
   * Waits until nothing has changed for `quietMs` (start-up work done, runs at their waits; a
   * workflow can take a moment to start, hence the several looks).
   */
  async settle(quietMs = 2_000, timeoutMs = 30_000): Promise<Snapshot> {
    const deadline = Date.now() + timeoutMs;
    let previous = await this.take();
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const current = await this.take();
      if (changes(previous, current).length > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= quietMs) return current;
      previous = current;
    }
    throw new Error(
      `the database kept changing with nobody calling: ${changes(previous, await this.take()).join(', ')}`,
    );
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** `table: 3 → 4 rows` or `table: contents changed`, for every table that differs. */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const found: string[] = [];
  for (const [table, then] of before) {
    const now = after.get(table);
    if (!now) found.push(`${table}: gone`);
    else if (now.rows !== then.rows) found.push(`${table}: ${then.rows} → ${now.rows} rows`);
    else if (now.fingerprint !== then.fingerprint) found.push(`${table}: contents changed`);
  }
  for (const table of after.keys()) if (!before.has(table)) found.push(`${table}: new table`);
  return found;
}
