/**
 * History imports from the connected store (admins): `POST /v1/store/imports` starts one
 * (customers, then orders, then the recompute of attributes, stages and reorder intervals);
 * `GET /v1/store/imports` lists the latest with their progress (docs/product.md, "The store
 * connection").
 */
import { z } from 'zod';
import { data } from './http';

export const STORE_IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export const STORE_IMPORT_PHASES = ['customers', 'orders', 'recompute', 'done'] as const;
export const STORE_IMPORT_KINDS = ['customers', 'orders'] as const;

export const storeImportPartSchema = z
  .object({
    kind: z.enum(STORE_IMPORT_KINDS),
    status: z.enum(STORE_IMPORT_STATUSES),
    bulkOperationId: z.string().nullable().describe("The store's bulk operation being read"),
    objectsRead: z
      .number()
      .int()
      .describe('Lines of the bulk file read and stored (customers, orders, line items)'),
    objectCount: z
      .number()
      .int()
      .nullable()
      .describe('Lines the bulk operation exported; null until it has finished'),
    rowsStored: z.number().int().describe('Events stored (a second import of the same data stores none)'),
    malformedLines: z.number().int().describe('Lines skipped as malformed (counted, not fatal)'),
    ratePerSecond: z.number().nullable().describe('Lines read per second since the part started'),
    etaSeconds: z.number().nullable().describe('Seconds left at that rate, when the total is known'),
    error: z.string().nullable().describe('Why it failed, or the last problem it retried'),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'StoreImportPart' });
export type StoreImportPart = z.infer<typeof storeImportPartSchema>;

export const storeImportSchema = z
  .object({
    id: z.string().uuid(),
    status: z.enum(STORE_IMPORT_STATUSES),
    phase: z.enum(STORE_IMPORT_PHASES).describe('Where it is (and where a restarted worker resumes)'),
    shop: z.string().nullable(),
    startedBy: z.string().nullable(),
    customersRecomputed: z
      .number()
      .int()
      .nullable()
      .describe('Customers whose computed attributes were recomputed at the end'),
    error: z.string().nullable(),
    startedAt: z.string(),
    updatedAt: z.string(),
    recomputeStartedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    parts: z.array(storeImportPartSchema).describe('Customers, then orders, as far as the import got'),
  })
  .meta({ id: 'StoreImport' });
export type StoreImport = z.infer<typeof storeImportSchema>;

export const storeImportResponse = data(storeImportSchema).meta({ title: 'StoreImportAnswer' });
export const storeImportListResponse = data(z.array(storeImportSchema)).meta({ title: 'StoreImportList' });
