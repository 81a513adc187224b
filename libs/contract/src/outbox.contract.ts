/**
 * The sandbox outbox (docs/product.md, "Sandbox"): without provider credentials messages are
 * rendered and stored instead of sent, with the request the provider would have received.
 */
import { CHANNELS } from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime, pageQuery, text } from './http';

/** A message's own status: `sending` is written before the provider is called (at most once). */
export const MESSAGE_STATUSES = ['sending', 'sent', 'sandboxed', 'failed', 'unconfirmed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** What the provider reported afterwards (SendGrid events, Twilio status callbacks). */
export const DELIVERY_STATUSES = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'dropped',
  'failed',
  'undelivered',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const outboxQuery = z.object({ limit: pageQuery.shape.limit });

/** Anything but a sandbox message's id (UUID or not) is answered 404. */
export const outboxMessageParams = z.object({ id: text(200).min(1).describe('Message id (a UUID)') });

const outboxItemShape = {
  id: z.string().uuid(),
  channel: z.enum(CHANNELS),
  to: z.string(),
  from: z.string().nullable(),
  subject: z.string().nullable().describe('Email only'),
  template: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  provider: z.string(),
  createdAt: isoDateTime,
  runId: z.string().uuid().nullable().describe('Null for a test send'),
  nodeId: z.string(),
  customerId: z.string().uuid().nullable().describe('Null for a test send'),
  test: z
    .boolean()
    .describe(
      "A test send from the templates page, or a test run's message (to the person who asked for it)",
    ),
  locale: z.string().nullable().describe('The template variant rendered'),
};

export const outboxItemSchema = z.object(outboxItemShape).meta({ id: 'OutboxItem' });
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** The list fields plus the rendered message and what would have been sent. */
export const outboxMessageSchema = z
  .object({
    ...outboxItemShape,
    bodyHtml: z.string().nullable(),
    bodyText: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    providerRequest: z.unknown().describe("The provider's request, as it would have been sent"),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const outboxListResponse = data(z.array(outboxItemSchema)).meta({ title: 'OutboxList' });
export const outboxMessageResponse = data(outboxMessageSchema).meta({ title: 'OutboxMessageAnswer' });
