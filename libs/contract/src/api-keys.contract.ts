/**
 * API keys for storefronts and server-to-server callers (admins manage them): `wp_<prefix>_<secret>`,
 * shown once when created, listed without their secret, revocable.
 */
import { z } from 'zod';
import { data, idParams, text } from './http';

export const newApiKeyBody = z
  .strictObject({ name: text(100).trim().min(1, 'name the key (e.g. "storefront")') })
  .meta({ title: 'NewApiKey' });
export type NewApiKey = z.infer<typeof newApiKeyBody>;

export const apiKeySummarySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().describe('The visible start of the key, `wp_<prefix>_`'),
    createdAt: z.string().describe('ISO 8601'),
    createdBy: z.string().nullable().describe('The email of the person who made it (null: the command line)'),
    lastUsedAt: z.string().nullable().describe('ISO 8601, to the minute'),
    revokedAt: z.string().nullable().describe('ISO 8601'),
  })
  .meta({ id: 'ApiKeySummary' });
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

export const createdApiKeySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().describe('The 8 hex characters after `wp_`'),
    key: z.string().describe('The whole key: in this answer only, never stored'),
  })
  .meta({ id: 'CreatedApiKey' });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const revokedApiKeySchema = z.object({ id: z.string().uuid(), revoked: z.literal(true) });
export type RevokedApiKey = z.infer<typeof revokedApiKeySchema>;

export const apiKeyParams = idParams;

export const apiKeyListResponse = data(z.array(apiKeySummarySchema)).meta({ title: 'ApiKeys' });
export const createdApiKeyResponse = data(createdApiKeySchema).meta({ title: 'CreatedApiKeyAnswer' });
export const revokedApiKeyResponse = data(revokedApiKeySchema).meta({ title: 'RevokedApiKey' });
