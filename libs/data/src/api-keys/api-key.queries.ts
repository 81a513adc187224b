/**
 * The API keys aggregate: keys stored by the SHA-256 hash of the whole key (the key is made and
 * hashed by the API and never stored), with the visible prefix, who made it, last use, revocation.
 */
import type { Query } from '../database';

export interface ApiKeyRow {
  id: string;
  name: string;
  /** The 8 hex characters after `wp_`. */
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** The email of the person who made it (null: the command line, or the person is gone). */
  created_by: string | null;
}

/** A key found by its hash, and whether its "last used" is more than a minute old. */
export interface ActiveApiKeyRow {
  id: string;
  key_hash: string;
  stale: boolean;
}

/** The new key's id. */
export async function insertApiKey(
  query: Query,
  key: { name: string; prefix: string; keyHash: string; createdBy: string | null },
): Promise<string> {
  const rows = await query(
    `INSERT INTO api_keys (name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
    [key.name, key.prefix, key.keyHash, key.createdBy],
  );
  return rows[0].id as string;
}

/** The key with this hash unless it is revoked. */
export async function findActiveApiKey(query: Query, keyHash: string): Promise<ActiveApiKeyRow | null> {
  const rows = await query(
    `SELECT id, key_hash, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
         FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [keyHash],
  );
  return (rows[0] as unknown as ActiveApiKeyRow | undefined) ?? null;
}

export async function markApiKeyUsed(query: Query, id: string): Promise<void> {
  await query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [id]);
}

/** Every key (revoked ones too), oldest first, with the email of whoever made it. */
export async function listApiKeys(query: Query): Promise<ApiKeyRow[]> {
  return (await query(
    `SELECT k.id, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked_at, u.email AS created_by
         FROM api_keys k LEFT JOIN users u ON u.id = k.created_by ORDER BY k.created_at`,
    [],
  )) as unknown as ApiKeyRow[];
}

/** Whether an active key with this id was revoked now. `id` must be a UUID. */
export async function revokeApiKey(query: Query, id: string): Promise<boolean> {
  const rows = await query(
    `WITH revoked AS (UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM revoked`,
    [id],
  );
  return rows.length > 0;
}
