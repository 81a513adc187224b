/**
 * The event API (API key): `POST /v1/events` and `POST /v1/events/batch`, events from storefronts
 * and servers (docs/architecture.md, "How a webhook becomes an email"). Limits: an event type of at
 * most LIMITS.eventTypeLength characters, at most LIMITS.eventProperties properties counted at
 * every level, at most LIMITS.batchEvents events a batch.
 */
import { canonicalLocale, canonicalTimeZone } from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime, LIMITS, text } from './http';

/**
 * A phone number in international (E.164, `+90 532 123 45 67`) or the store's national format
 * (`0532 123 45 67`); stored as E.164, read in the store's country (STORE_COUNTRY) when it has no
 * country code. One that is not a valid number there is refused with 422 `invalid_phone`.
 */
export const phoneNumber = text(32)
  .trim()
  .regex(/^\+?[\d\s().-]*\d[\d\s().-]*$/, 'must be a phone number, e.g. +905321234567 or 0532 123 45 67');

/** A customer's time zone: an IANA name Intl knows, as the store settings require. */
export const timeZoneName = text(64).refine(
  (zone) => canonicalTimeZone(zone) !== null,
  'must be an IANA time zone, e.g. Europe/Berlin',
);

/**
 * A customer's locale: a BCP 47 tag, as the store settings require; the POSIX spelling many
 * platforms send (`en_US`) is taken as the tag it names, not refused.
 */
export const localeTag = text(35).refine(
  (locale) => canonicalLocale(locale.replace(/_/g, '-')) !== null,
  'must be a BCP 47 locale, e.g. de-DE',
);

/** An email as profiles store it (trimmed; lower-cased on the way in). */
export const emailAddress = text(320).trim().pipe(z.email());

/** Keys of a JSON object, counted at every level of nesting (arrays' objects included). */
export function countProperties(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    for (const child of Object.values(current)) {
      count += 1;
      stack.push(child);
    }
  }
  return count;
}

/** The path of the first string value (at any level) longer than `max` characters; null when none is. */
export function overlongString(value: unknown, max: number): PropertyKey[] | null {
  const stack: Array<[unknown, PropertyKey[]]> = [[value, []]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, PropertyKey[]];
    if (typeof current === 'string' && current.length > max) return path;
    if (current === null || typeof current !== 'object') continue;
    for (const [key, child] of Object.entries(current))
      stack.push([child, [...path, Array.isArray(current) ? Number(key) : key]]);
  }
  return null;
}

/**
 * A JSON object of free-form values (the global check already refused NUL and deep nesting); a
 * string at any level holds at most LIMITS.textLength characters, as every string field does.
 */
export const jsonObject = z.record(text(LIMITS.nameLength), z.unknown()).superRefine((value, ctx) => {
  const path = overlongString(value, LIMITS.textLength);
  if (path)
    ctx.addIssue({
      code: 'custom',
      message: `must hold no string longer than ${LIMITS.textLength} characters`,
      path,
    });
});

export const eventCustomerSchema = z
  .strictObject({
    id: text(LIMITS.nameLength).trim().min(1).optional().describe("The store's customer id"),
    email: emailAddress.optional(),
    phone: phoneNumber.optional(),
    firstName: text(LIMITS.nameLength).optional(),
    lastName: text(LIMITS.nameLength).optional(),
    timezone: timeZoneName.optional().describe('IANA, e.g. Europe/Berlin'),
    locale: localeTag.optional().describe('BCP 47, e.g. de-DE'),
    attributes: jsonObject.optional(),
  })
  .describe('Who the event is about: an id, an email or a phone (at least one)');

export const eventBody = z
  .strictObject({
    type: text(LIMITS.eventTypeLength).regex(
      /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/,
      'must look like "order.placed" (lowercase words joined by dots)',
    ),
    customer: eventCustomerSchema,
    properties: jsonObject
      .refine(
        (properties) => countProperties(properties) <= LIMITS.eventProperties,
        `must hold at most ${LIMITS.eventProperties} properties, counted at every level`,
      )
      .default({}),
    timestamp: isoDateTime
      .optional()
      .describe('When it happened (ISO 8601 with offset); else when it arrived'),
    idempotencyKey: text(LIMITS.nameLength)
      .min(1)
      .optional()
      .describe(
        'The same key with the same content is stored once (a repeat answers `duplicate`); with other ' +
          'content it is refused (409 `idempotency_conflict`). Keys are global to the store. Without one, ' +
          'the same content (and, without a timestamp, the same 5-minute window of receipt) is stored once',
      ),
  })
  .meta({ title: 'Event' });
export type EventInput = z.infer<typeof eventBody>;

/**
 * `live` (default): events are triggers, routed to journeys as they arrive. `import`: history,
 * stored with its timestamps as facts: routed to no journey, nothing sent, no lifecycle storm;
 * computed attributes, stages and learned reorder intervals recomputed once for the batch.
 */
export const EVENT_BATCH_MODES = ['live', 'import'] as const;
export type EventBatchMode = (typeof EVENT_BATCH_MODES)[number];

export const eventBatchBody = z
  .strictObject({
    events: z.array(eventBody).min(1).max(LIMITS.batchEvents),
    mode: z
      .enum(EVENT_BATCH_MODES)
      .default('live')
      .describe(
        '`import`: historic events stored as facts (no journey started, nothing sent, no ' +
          'lifecycle.stage_changed); computed attributes, stages and reorder intervals recomputed at the end of the batch',
      ),
  })
  .meta({ title: 'EventBatch' });
export type EventBatchInput = z.infer<typeof eventBatchBody>;

export const EVENT_STATUSES = ['accepted', 'duplicate'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const acceptedEventSchema = z.object({
  eventId: z.string().uuid(),
  status: z.enum(EVENT_STATUSES).describe('`duplicate`: the same event was stored before'),
});
export type AcceptedEventAnswer = z.infer<typeof acceptedEventSchema>;

export const eventAcceptedResponse = data(acceptedEventSchema).meta({ title: 'EventAccepted' });

/** A batch reports a key reused with other content per event, as it reports duplicates. */
export const EVENT_BATCH_STATUSES = [...EVENT_STATUSES, 'conflict'] as const;

export const batchEventSchema = z.object({
  eventId: z
    .string()
    .uuid()
    .describe("The stored event's id (for `conflict`: the event that first used the key)"),
  status: z
    .enum(EVENT_BATCH_STATUSES)
    .describe(
      '`duplicate`: the same event was stored before; `conflict`: its idempotencyKey was first used for ' +
        'other content, nothing was stored for it',
    ),
});
export type EventBatchItemAnswer = z.infer<typeof batchEventSchema>;

export const eventBatchAcceptedResponse = data(
  z.object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    conflicts: z
      .number()
      .int()
      .describe('Events refused because their idempotencyKey was used for other content'),
    events: z.array(batchEventSchema).describe('One per event sent, in order'),
  }),
).meta({ title: 'EventBatchAccepted' });
export type EventBatchAnswer = z.infer<typeof eventBatchAcceptedResponse>['data'];
