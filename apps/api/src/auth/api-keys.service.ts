/**
 * API keys for storefronts and server-to-server callers: `wp_<prefix>_<secret>`, shown once,
 * stored as a SHA-256 hash (the secret is 32 random bytes, so a fast hash is enough), revocable.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The whole key: shown once, never stored. */
  key: string;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

@Injectable()
export class ApiKeysService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(name: string, createdBy: string | null = null): Promise<CreatedApiKey> {
    const prefix = randomBytes(4).toString('hex');
    const key = `wp_${prefix}_${randomBytes(32).toString('base64url')}`;
    const [row]: Array<{ id: string }> = await this.db.query(
      `INSERT INTO api_keys (name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [name, prefix, hashApiKey(key), createdBy],
    );
    return { id: row.id, name, prefix, key };
  }

  /** The key's id when it is valid and not revoked; null otherwise. */
  async verify(key: string): Promise<string | null> {
    if (!/^wp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(key)) return null;
    const hash = hashApiKey(key);
    const rows: Array<{ id: string; key_hash: string; stale: boolean }> = await this.db.query(
      `SELECT id, key_hash, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
         FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    if (!row || !timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(hash))) return null;
    // "Last used" to the minute: a write per event request would make this row the hottest in the database.
    if (row.stale)
      void this.db
        .query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.id])
        .catch(() => undefined);
    return row.id;
  }

  /** Every key without its secret: name, the visible prefix, who made it, when it was last used. */
  async list(): Promise<ApiKeySummary[]> {
    const rows: Array<{
      id: string;
      name: string;
      prefix: string;
      created_at: Date;
      last_used_at: Date | null;
      revoked_at: Date | null;
      created_by: string | null;
    }> = await this.db.query(
      `SELECT k.id, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked_at, u.email AS created_by
         FROM api_keys k LEFT JOIN users u ON u.id = k.created_by ORDER BY k.created_at`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: `wp_${r.prefix}_`,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }

  async revoke(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH revoked AS (UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM revoked`,
      [id],
    );
    return rows.length > 0;
  }
}
