/**
 * The bulk queries of the backfill (customers; orders with their line items) and the shape of the
 * JSONL lines they produce. Field names checked against the Admin GraphQL schema of 2025-07 and
 * 2026-04 (validated with graphql-js) and the shopify.dev reference for 2025-10, the version these
 * queries are pinned to:
 *
 * - Since 2025-04 a customer's contact and consent live on `defaultEmailAddress` (`emailAddress
 *   marketingState marketingOptInLevel marketingUpdatedAt`) and `defaultPhoneNumber` (`phoneNumber`
 *   and the same four for SMS, plus `marketingCollectedFrom`); `Customer.email`, `phone`,
 *   `emailMarketingConsent` and `smsMarketingConsent` are deprecated there and not used here.
 *   (After 2026-04 the SMS consent moves again, to `defaultPhoneNumber.smsMarketingConsent`: check
 *   this query again when the pinned version moves past 2026-04.)
 * - `defaultAddress.countryCodeV2` (the old `countryCode` is gone), `provinceCode`.
 * - Orders: money as `…Set { shopMoney { amount currencyCode } }` (the shop's currency, like the
 *   webhooks' `total_price`), `discountCodes: [String!]!`, `fulfillments { createdAt }` (a list,
 *   not a connection), `lineItems` (a connection: its nodes become separate JSONL lines with
 *   `__parentId` = the order's gid).
 *
 * Without the `read_all_orders` scope Shopify exposes only the last 60 days of orders.
 * Bulk queries take no variables and no `first`; at most five connections, two levels deep.
 */

export const CUSTOMERS_BULK_QUERY = `#graphql
  {
    customers {
      edges {
        node {
          id
          firstName
          lastName
          locale
          tags
          createdAt
          updatedAt
          defaultEmailAddress {
            emailAddress
            marketingState
            marketingOptInLevel
            marketingUpdatedAt
          }
          defaultPhoneNumber {
            phoneNumber
            marketingState
            marketingOptInLevel
            marketingUpdatedAt
            marketingCollectedFrom
          }
          defaultAddress {
            countryCodeV2
            provinceCode
            city
            zip
          }
        }
      }
    }
  }
`;

export const ORDERS_BULK_QUERY = `#graphql
  {
    orders {
      edges {
        node {
          id
          name
          email
          createdAt
          updatedAt
          processedAt
          cancelledAt
          cancelReason
          currencyCode
          displayFinancialStatus
          displayFulfillmentStatus
          customerAcceptsMarketing
          customer {
            id
          }
          totalPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          subtotalPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          totalDiscountsSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          discountCodes
          fulfillments {
            createdAt
          }
          lineItems {
            edges {
              node {
                id
                sku
                title
                quantity
                product {
                  id
                }
                variant {
                  id
                }
                originalUnitPriceSet {
                  shopMoney {
                    amount
                    currencyCode
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export interface BulkMoney {
  /** A decimal string, e.g. `"19.90"`. */
  amount: string;
  currencyCode: string;
}

export interface BulkMoneyBag {
  shopMoney: BulkMoney;
}

/** CustomerEmailAddressMarketingState / CustomerSmsMarketingState. */
export type BulkMarketingState =
  'NOT_SUBSCRIBED' | 'PENDING' | 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'REDACTED' | 'INVALID';

export interface BulkCustomerLine {
  id: string;
  firstName: string | null;
  lastName: string | null;
  locale: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  defaultEmailAddress: {
    emailAddress: string;
    marketingState: BulkMarketingState;
    marketingOptInLevel: 'SINGLE_OPT_IN' | 'CONFIRMED_OPT_IN' | 'UNKNOWN' | null;
    marketingUpdatedAt: string | null;
  } | null;
  defaultPhoneNumber: {
    phoneNumber: string;
    marketingState: BulkMarketingState;
    marketingOptInLevel: 'SINGLE_OPT_IN' | 'CONFIRMED_OPT_IN' | 'UNKNOWN' | null;
    marketingUpdatedAt: string | null;
    marketingCollectedFrom: 'SHOPIFY' | 'OTHER' | null;
  } | null;
  defaultAddress: {
    countryCodeV2: string | null;
    provinceCode: string | null;
    city: string | null;
    zip: string | null;
  } | null;
}

export interface BulkOrderLine {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  currencyCode: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  customerAcceptsMarketing: boolean;
  customer: { id: string } | null;
  totalPriceSet: BulkMoneyBag;
  subtotalPriceSet: BulkMoneyBag | null;
  totalDiscountsSet: BulkMoneyBag | null;
  discountCodes: string[];
  fulfillments: Array<{ createdAt: string }>;
}

/** One of an order's line items: its own JSONL line, after the order it belongs to. */
export interface BulkLineItemLine {
  id: string;
  sku: string | null;
  title: string;
  quantity: number;
  product: { id: string } | null;
  variant: { id: string } | null;
  originalUnitPriceSet: BulkMoneyBag;
  /** The order's gid. */
  __parentId: string;
}

/** True for a child line (a nested connection's node), which names its parent in `__parentId`. */
export function isChildLine(value: unknown): value is { __parentId: string } {
  return typeof (value as { __parentId?: unknown } | null)?.__parentId === 'string';
}
