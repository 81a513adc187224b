/**
 * The webhook topics a connected store is subscribed to: every topic the engine maps
 * (libs/shopify's webhook-events/shopify-topics.ts, and the catalogue's in shopify-catalogue.mapper.ts),
 * so a topic added there is registered on the next connect.
 */
import { SHOPIFY_CATALOGUE_TOPICS, SHOPIFY_TOPICS, webhookTopicHeader } from '@waypoint/shopify';

/** `orders/paid` (a delivery's X-Shopify-Topic) → `ORDERS_PAID` (the subscription's topic). */
export function subscriptionTopic(delivery: string): string {
  return delivery.replace(/\//g, '_').toUpperCase();
}

/** `ORDERS_PAID` → `orders/paid`. */
export function deliveryTopic(topic: string): string {
  return webhookTopicHeader(topic);
}

export function mappedWebhookTopics(): string[] {
  return [...Object.keys(SHOPIFY_TOPICS), ...Object.keys(SHOPIFY_CATALOGUE_TOPICS)].map(subscriptionTopic);
}
