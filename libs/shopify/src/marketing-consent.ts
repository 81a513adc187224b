/**
 * Writes a consent change taken by the engine (an unsubscribe link, a STOP) back to the store, so
 * the store's other tools respect it too. Both mutations are idempotent (setting the same state
 * twice is harmless), so a caller may retry them until they land.
 *
 * Checked against the Admin GraphQL schema 2025-07 and 2026-04 and shopify.dev 2025-10:
 * `customerEmailMarketingConsentUpdate(input: { customerId, emailMarketingConsent: { marketingState,
 * marketingOptInLevel, consentUpdatedAt } })` and `customerSmsMarketingConsentUpdate(input:
 * { customerId, smsMarketingConsent: { … } })`, answering `{ customer { id } userErrors { field
 * message code } }`. As input the store accepts only SUBSCRIBED, UNSUBSCRIBED and PENDING.
 */
import { shopifyGid, throwUserErrors, type AdminGraphql, type UserErrorPayload } from './admin-graphql';

export type MarketingConsentState = 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'PENDING';
export type MarketingOptInLevel = 'SINGLE_OPT_IN' | 'CONFIRMED_OPT_IN' | 'UNKNOWN';

export interface ConsentUpdate {
  state: MarketingConsentState;
  /** When the customer gave or withdrew consent (the engine's record, not the time of the call). */
  consentUpdatedAt: Date | string;
  optInLevel?: MarketingOptInLevel;
}

export const EMAIL_MARKETING_CONSENT_UPDATE = `#graphql
  mutation WaypointEmailMarketingConsentUpdate($input: CustomerEmailMarketingConsentUpdateInput!) {
    customerEmailMarketingConsentUpdate(input: $input) {
      customer {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const SMS_MARKETING_CONSENT_UPDATE = `#graphql
  mutation WaypointSmsMarketingConsentUpdate($input: CustomerSmsMarketingConsentUpdateInput!) {
    customerSmsMarketingConsentUpdate(input: $input) {
      customer {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

interface ConsentPayload {
  customer: { id: string } | null;
  userErrors: UserErrorPayload[];
}

export async function updateEmailMarketingConsent(
  admin: AdminGraphql,
  customerGid: string,
  update: ConsentUpdate,
): Promise<{ customerId: string }> {
  const answer = await admin.request<{ customerEmailMarketingConsentUpdate: ConsentPayload }>(
    EMAIL_MARKETING_CONSENT_UPDATE,
    {
      input: { customerId: shopifyGid('Customer', customerGid), emailMarketingConsent: consentInput(update) },
    },
  );
  return landed(
    'customerEmailMarketingConsentUpdate',
    answer.customerEmailMarketingConsentUpdate,
    customerGid,
  );
}

export async function updateSmsMarketingConsent(
  admin: AdminGraphql,
  customerGid: string,
  update: ConsentUpdate,
): Promise<{ customerId: string }> {
  const answer = await admin.request<{ customerSmsMarketingConsentUpdate: ConsentPayload }>(
    SMS_MARKETING_CONSENT_UPDATE,
    { input: { customerId: shopifyGid('Customer', customerGid), smsMarketingConsent: consentInput(update) } },
  );
  return landed('customerSmsMarketingConsentUpdate', answer.customerSmsMarketingConsentUpdate, customerGid);
}

function consentInput(update: ConsentUpdate): Record<string, unknown> {
  const at =
    update.consentUpdatedAt instanceof Date ? update.consentUpdatedAt : new Date(update.consentUpdatedAt);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a date: ${String(update.consentUpdatedAt)}`);
  return {
    marketingState: update.state,
    consentUpdatedAt: at.toISOString(),
    ...(update.optInLevel ? { marketingOptInLevel: update.optInLevel } : {}),
  };
}

function landed(operation: string, payload: ConsentPayload, customerGid: string): { customerId: string } {
  throwUserErrors(operation, payload.userErrors);
  return { customerId: payload.customer?.id ?? shopifyGid('Customer', customerGid) };
}
