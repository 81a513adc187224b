/**
 * An event as ingestion accepts it (from a storefront, the API, a Shopify webhook or a history
 * import), before it is stored: the API's ingestion and the worker's store import share it.
 */
import type { StoreConsent } from '../consent/consent-ledger';
import type { StoredEventContent } from './event.queries';

export interface CustomerProfileInput {
  externalId?: string | null;
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  timezone?: string | null;
  locale?: string | null;
  attributes?: Record<string, unknown>;
}

export interface IncomingEvent {
  /** Explicit opt-ins the event carries (e.g. Shopify's buyer_accepts_sms_marketing). */
  optIns?: Array<'email' | 'sms' | 'whatsapp'>;
  /**
   * The customer's consent as the store reports it, with its own time (Shopify's marketing
   * consent): applied newest-wins with source `shopify`, in the event's transaction.
   */
  consents?: StoreConsent[];
  idempotencyKey: string;
  type: string;
  source: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
  customer: CustomerProfileInput;
}

export interface AcceptedEvent {
  eventId: string;
  customerId: string;
  duplicate: boolean;
  /**
   * A duplicate's original as stored (or as first sent in the same batch): the event API compares
   * it to refuse a key reused with other content (docs/api.md, "Idempotency").
   */
  original?: StoredEventContent;
}

/** An event as a later repeat of its key in the same batch is compared with it. */
export function contentOf(event: IncomingEvent): StoredEventContent {
  return {
    type: event.type,
    properties: event.properties,
    occurredAt: event.occurredAt,
    externalId: event.customer.externalId ?? null,
  };
}
