/**
 * Registers the webhook subscriptions the engine needs, idempotently: it reads what the store
 * already has (all pages), keeps a subscription with the same topic and URI, and creates only the
 * missing ones. Checked against the Admin GraphQL schema 2026-04 (operations and variables
 * validated with graphql-js), Shopify's changelog and the shopify.dev reference for 2025-10:
 * `webhookSubscriptions(first, after, topics)`, `WebhookSubscription { id topic uri format }`,
 * `webhookSubscriptionCreate(topic, webhookSubscription: { uri, format })` (`uri` replaced the
 * deprecated `callbackUrl` in 2025-10; `userErrors` are plain UserError `{ field message }`).
 */
import { throwUserErrors, type AdminGraphql, type UserErrorPayload } from './admin-graphql';
import { ShopifyUserError } from './shopify.errors';

/** The topics the engine maps (GraphQL enum names of WebhookSubscriptionTopic). */
export const WAYPOINT_WEBHOOK_TOPICS = [
  'CUSTOMERS_CREATE',
  'CUSTOMERS_UPDATE',
  'CHECKOUTS_CREATE',
  'CHECKOUTS_UPDATE',
  'ORDERS_CREATE',
  'ORDERS_PAID',
  'ORDERS_FULFILLED',
  'ORDERS_CANCELLED',
  'FULFILLMENTS_CREATE',
  'FULFILLMENTS_UPDATE',
  'PRODUCTS_CREATE',
  'PRODUCTS_UPDATE',
  'PRODUCTS_DELETE',
  'INVENTORY_LEVELS_UPDATE',
] as const;

export type WebhookTopic = (typeof WAYPOINT_WEBHOOK_TOPICS)[number] | (string & {});

export type WebhookTopicState = 'existing' | 'created' | 'failed';

export interface WebhookTopicStatus {
  topic: string;
  state: WebhookTopicState;
  /** The subscription's gid, or null when it could not be created. */
  subscriptionId: string | null;
  /** The store's reason, when `state` is `failed`. */
  error: string | null;
}

export interface WebhookSubscriptionNode {
  id: string;
  topic: string;
  uri: string;
  format: string;
}

/** `ORDERS_PAID` → `orders/paid`: the X-Shopify-Topic header a delivery of that topic carries. */
export function webhookTopicHeader(topic: string): string {
  const cut = topic.lastIndexOf('_');
  return cut < 0 ? topic.toLowerCase() : `${topic.slice(0, cut)}/${topic.slice(cut + 1)}`.toLowerCase();
}

export const WEBHOOK_SUBSCRIPTIONS_QUERY = `#graphql
  query WaypointWebhookSubscriptions($first: Int!, $after: String, $topics: [WebhookSubscriptionTopic!]) {
    webhookSubscriptions(first: $first, after: $after, topics: $topics) {
      edges {
        node {
          id
          topic
          uri
          format
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const WEBHOOK_SUBSCRIPTION_CREATE = `#graphql
  mutation WaypointWebhookSubscriptionCreate(
    $topic: WebhookSubscriptionTopic!
    $webhookSubscription: WebhookSubscriptionInput!
  ) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
      webhookSubscription {
        id
        topic
        uri
        format
      }
      userErrors {
        field
        message
      }
    }
  }
`;

interface SubscriptionsAnswer {
  webhookSubscriptions: {
    edges: Array<{ node: WebhookSubscriptionNode }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface CreateAnswer {
  webhookSubscriptionCreate: {
    webhookSubscription: WebhookSubscriptionNode | null;
    userErrors: UserErrorPayload[];
  };
}

const PAGE_SIZE = 100;

/** Every subscription of these topics (all topics when none are given), following every page. */
export async function listWebhookSubscriptions(
  admin: AdminGraphql,
  topics?: readonly string[],
): Promise<WebhookSubscriptionNode[]> {
  const found: WebhookSubscriptionNode[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: SubscriptionsAnswer = await admin.request<SubscriptionsAnswer>(
      WEBHOOK_SUBSCRIPTIONS_QUERY,
      {
        first: PAGE_SIZE,
        after,
        topics: topics?.length ? [...topics] : null,
      },
    );
    const page = answer.webhookSubscriptions;
    found.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return found;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Makes sure each topic has a JSON subscription to `callbackUrl`. A subscription of the same topic
 * to another URL (an old deployment's) is left alone. A refused topic is reported as `failed` with
 * the store's message while the others are still registered; auth and network failures throw.
 */
export async function ensureWebhookSubscriptions(
  admin: AdminGraphql,
  callbackUrl: string,
  topics: readonly string[],
): Promise<WebhookTopicStatus[]> {
  const wanted = [...new Set(topics)];
  const existing = await listWebhookSubscriptions(admin, wanted);
  const statuses: WebhookTopicStatus[] = [];
  for (const topic of wanted) {
    const match = existing.find((s) => s.topic === topic && s.uri === callbackUrl);
    if (match) {
      statuses.push({ topic, state: 'existing', subscriptionId: match.id, error: null });
      continue;
    }
    statuses.push(await createSubscription(admin, topic, callbackUrl));
  }
  return statuses;
}

async function createSubscription(
  admin: AdminGraphql,
  topic: string,
  callbackUrl: string,
): Promise<WebhookTopicStatus> {
  try {
    const { webhookSubscriptionCreate: payload } = await admin.request<CreateAnswer>(
      WEBHOOK_SUBSCRIPTION_CREATE,
      {
        topic,
        webhookSubscription: { uri: callbackUrl, format: 'JSON' },
      },
    );
    throwUserErrors('webhookSubscriptionCreate', payload.userErrors);
    const id = payload.webhookSubscription?.id ?? null;
    return { topic, state: 'created', subscriptionId: id, error: null };
  } catch (error) {
    if (!(error instanceof ShopifyUserError)) throw error;
    // A create whose answer was lost and then retried is refused as taken: it exists after all.
    const again = await listWebhookSubscriptions(admin, [topic]);
    const match = again.find((s) => s.uri === callbackUrl);
    if (match) return { topic, state: 'existing', subscriptionId: match.id, error: null };
    return { topic, state: 'failed', subscriptionId: null, error: error.storeMessage || error.message };
  }
}
