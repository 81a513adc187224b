/**
 * API keys for storefronts and server-to-server callers: `wp_<prefix>_<secret>`, shown once,
 * stored as a SHA-256 hash (the secret is 32 random bytes, so a fast hash is enough), revocable
 * (at once in this process, within a few seconds in other replicas: verified-api-keys.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ApiKeySummary, CreatedApiKey, RevokedApiKey } from '@waypoint/contract';
import {
  Database,
  findActiveApiKey,
  insertApiKey,
  isUuid,
  listApiKeys,
  markApiKeyUsed,
  revokeApiKey,
  type Query,
} from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import { ApiError } from '../errors/api-error';
import type { Principal } from './principal';
import { VerifiedApiKeys } from './verified-api-keys';

const KEY_PATTERN = /^wp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Makes a key and stores its hash (the command-line tool calls this too); the whole key is in the answer only. */
export async function issueApiKey(
  query: Query,
  name: string,
  createdBy: string | null,
): Promise<CreatedApiKey> {
  const prefix = randomBytes(4).toString('hex');
  const key = `wp_${prefix}_${randomBytes(32).toString('base64url')}`;
  const id = await insertApiKey(query, { name, prefix, keyHash: hashApiKey(key), createdBy });
  return { id, name, prefix, key };
}

@Injectable()
export class ApiKeysService {
  private readonly verified = new VerifiedApiKeys((hash) => this.readActive(hash));

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async create(name: string, by: Principal | undefined): Promise<CreatedApiKey> {
    const created = await issueApiKey(this.db.query, name, by?.kind === 'user' ? by.userId : null);
    await this.audit.record(by, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: created.id,
      detail: { name },
    });
    return created;
  }

  /**
   * The key's id when it is valid and not revoked; null otherwise. An active key is remembered for
   * a few seconds (verified-api-keys.ts): a revoke here forgets it at once, other replicas within
   * API_KEY_TTL_MS.
   */
  async verify(key: string): Promise<string | null> {
    if (!KEY_PATTERN.test(key)) return null;
    return this.verified.idOf(hashApiKey(key));
  }

  private async readActive(hash: string): Promise<string | null> {
    const row = await findActiveApiKey(this.db.query, hash);
    if (!row || !timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(hash))) return null;
    // "Last used" to the minute: a write per event request would make this row the hottest in the database.
    if (row.stale) void markApiKeyUsed(this.db.query, row.id).catch(() => undefined);
    return row.id;
  }

  /** Every key without its secret: name, the visible prefix, who made it, when it was last used. */
  async list(): Promise<ApiKeySummary[]> {
    return (await listApiKeys(this.db.query)).map((r) => ({
      id: r.id,
      name: r.name,
      prefix: `wp_${r.prefix}_`,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }

  /** Stops the key working at once; 404 when there is no such active key. */
  async revoke(id: string, by: Principal | undefined): Promise<RevokedApiKey> {
    if (!isUuid(id) || !(await revokeApiKey(this.db.query, id)))
      throw ApiError.notFound('Active API key', id);
    this.verified.forget(id);
    await this.audit.record(by, { action: 'api_key.revoke', targetType: 'api_key', targetId: id });
    return { id, revoked: true };
  }
}
