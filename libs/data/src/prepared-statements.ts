/**
 * The hot statements `Database` sends as named (prepared) statements: PostgreSQL parses one the
 * first time a connection runs it and reuses it on every later call there (with a generic plan
 * once its custom plans cost no less), instead of parsing and planning the text on every call.
 *
 * Opt-in per statement, and only for fixed SQL texts (never text built from user conditions, which
 * would grow each connection's statements without bound): a query function wraps its text,
 * `query(prepared('runs.finish', `UPDATE …`), params)`; a name given another text throws. The
 * result is still the SQL string, so every `Query` (a test's or a bench's own client among them)
 * runs it as before; only `Database` looks the name up and sends `{ name, text, values }`.
 *
 * Why this is safe:
 * - Parameter types are the same: node-postgres sends every statement with parameters through the
 *   extended protocol already (an unnamed Parse with no types), so PostgreSQL infers the same types
 *   for the named one. Statements without parameters are not worth preparing.
 * - No `cached plan must not change result type`: statements are prepared per connection, lazily,
 *   by processes that start after the release's migrations ran (docs/deployment.md: the `migrate`
 *   service runs before the new API and workers start); a later schema change invalidates the plan
 *   and PostgreSQL re-plans by itself. The result could only change type if a statement's output
 *   columns did, so prepared statements name their output columns (no `*` in a result).
 */

declare const preparedSql: unique symbol;

/** A fixed SQL text registered under a statement name (still a string). */
export type PreparedSql = string & { readonly [preparedSql]: true };

const nameOfText = new Map<string, string>();
const textOfName = new Map<string, string>();

/**
 * Registers `sql` as the statement `name`, unique across the process (node-postgres refuses a name
 * reused for another text on the same connection; here the clash throws wherever it happens).
 * Cheap enough per call: a constant text is the same string each time, compared by identity.
 */
export function prepared(name: string, sql: string): PreparedSql {
  const text = textOfName.get(name);
  if (text === sql) return sql as PreparedSql;
  if (text !== undefined)
    throw new Error(`Prepared statement "${name}" is already declared with another SQL text`);
  const other = nameOfText.get(sql);
  if (other !== undefined)
    throw new Error(`The SQL text of prepared statement "${name}" is already declared as "${other}"`);
  textOfName.set(name, sql);
  nameOfText.set(sql, name);
  return sql as PreparedSql;
}

/** The statement name `sql` was prepared under, if it was. */
export function preparedName(sql: string): string | undefined {
  return nameOfText.get(sql);
}
