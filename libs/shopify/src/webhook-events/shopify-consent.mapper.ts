/**
 * Shopify's marketing consent on a customer (a `customers/*` payload, or the `customer` inside an
 * order or checkout; imported history arrives in the same shape) as consent the ingestion applies
 * with source `shopify`, newest wins (libs/data `applyStoreConsents`).
 *
 * States: `subscribed` is an opt-in; `unsubscribed`, `redacted`, `invalid` and any state this code
 * does not know are an opt-out (the safe side); `not_subscribed` and `pending` (asked, not yet
 * confirmed) record nothing: they are neither a consent nor a refusal, so the engine's default
 * stands (email allowed unless opted out, SMS only with an opt-in) and a consent we hold is kept.
 * The time is `consent_updated_at`, else the payload's own time. The legacy `accepts_marketing`
 * (email) counts only when `email_marketing_consent` is absent: `true` is an opt-in; `false`
 * meant "not subscribed" as well as "unsubscribed", so it only withdraws an opt-in we hold.
 * Self-contained (types only from the contract and the data layer), so it can live beside the
 * other topic mappers wherever they are.
 */
import type { ShopifyMarketingConsentPayload } from '@waypoint/contract';
import type { StoreConsent } from '@waypoint/data';

/** The consent fields of a Shopify customer object, as the contract reads them. */
export interface ShopifyConsentFields {
  email_marketing_consent?: ShopifyMarketingConsentPayload | null;
  sms_marketing_consent?: ShopifyMarketingConsentPayload | null;
  accepts_marketing?: boolean | null;
  accepts_marketing_updated_at?: string | null;
}

const NO_CONSENT_STATES = new Set(['not_subscribed', 'pending']);

/** What a customer object says about consent; `fallbackAt` dates a state that carries no time. */
export function shopifyMarketingConsents(
  customer: ShopifyConsentFields | null | undefined,
  fallbackAt: Date,
): StoreConsent[] {
  if (!customer || typeof customer !== 'object') return [];
  const consents: StoreConsent[] = [];
  const email = customer.email_marketing_consent;
  if (email) {
    const consent = fromState('email', email, fallbackAt);
    if (consent) consents.push(consent);
  } else if (typeof customer.accepts_marketing === 'boolean') {
    const at = dateOf(customer.accepts_marketing_updated_at) ?? fallbackAt;
    consents.push(
      customer.accepts_marketing
        ? { channel: 'email', status: 'opted_in', optInLevel: null, at }
        : { channel: 'email', status: 'opted_out', optInLevel: null, at, withdrawOnly: true },
    );
  }
  const sms = customer.sms_marketing_consent;
  if (sms) {
    const consent = fromState('sms', sms, fallbackAt);
    if (consent) consents.push(consent);
  }
  return consents;
}

function fromState(
  channel: StoreConsent['channel'],
  payload: ShopifyMarketingConsentPayload,
  fallbackAt: Date,
): StoreConsent | null {
  const state = typeof payload.state === 'string' ? payload.state.trim().toLowerCase() : '';
  if (!state || NO_CONSENT_STATES.has(state)) return null;
  const level = typeof payload.opt_in_level === 'string' ? payload.opt_in_level.trim().toLowerCase() : '';
  return {
    channel,
    status: state === 'subscribed' ? 'opted_in' : 'opted_out',
    optInLevel: level || null,
    at: dateOf(payload.consent_updated_at) ?? fallbackAt,
  };
}

/** A Shopify timestamp ("2026-02-02T18:20:11-04:00"), or null for anything else. */
function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}
