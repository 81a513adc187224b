/** The event API's request bodies (SPEC §4), validated at the edge. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { IncomingEvent } from './incoming-event';

export const MAX_BATCH = 1000;

const customerSchema = z
  .object({
    id: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().email().max(320).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +14155550100')
      .optional(),
    firstName: z.string().max(200).optional(),
    lastName: z.string().max(200).optional(),
    timezone: z.string().max(64).optional(),
    locale: z.string().max(35).optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const eventSchema = z
  .object({
    type: z
      .string()
      .regex(
        /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/,
        'must look like "order.placed" (lowercase words joined by dots)',
      ),
    customer: customerSchema,
    properties: z.record(z.string(), z.unknown()).default({}),
    timestamp: z.string().datetime({ offset: true }).optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .strict();

export const batchSchema = z.object({ events: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict();

export type EventDto = z.infer<typeof eventSchema>;

/** A customer must be named somehow; checked separately so the 422 can name the field. */
export function hasIdentity(event: EventDto): boolean {
  return Boolean(event.customer.id || event.customer.email || event.customer.phone);
}

export function toIncoming(event: EventDto, receivedAt: Date): IncomingEvent {
  // Without a key, the content itself is the key: the same event sent twice is stored once.
  const key =
    event.idempotencyKey ??
    createHash('sha256')
      .update(JSON.stringify([event.type, event.customer, event.properties, event.timestamp ?? null]))
      .digest('hex');
  return {
    idempotencyKey: `api:${key}`,
    type: event.type,
    source: 'api',
    occurredAt: event.timestamp ? new Date(event.timestamp) : receivedAt,
    properties: event.properties,
    customer: {
      externalId: event.customer.id ?? null,
      email: event.customer.email ?? null,
      phone: event.customer.phone ?? null,
      firstName: event.customer.firstName ?? null,
      lastName: event.customer.lastName ?? null,
      timezone: event.customer.timezone ?? null,
      locale: event.customer.locale ?? null,
      attributes: event.customer.attributes,
    },
  };
}
