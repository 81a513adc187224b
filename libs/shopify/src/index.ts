/** A store's Shopify Admin GraphQL API: connection check, webhooks, discount codes, consent write-back, bulk export. */
export * from './admin-graphql';
export * from './bulk-jsonl';
export * from './bulk-operations';
export * from './bulk-queries';
export * from './bulk-webhook-payloads';
export * from './discount-codes';
export * from './leaky-bucket';
export * from './marketing-consent';
export * from './shop-info';
export * from './shopify-admin';
export * from './shopify-admin.config';
export * from './shopify.errors';
export * from './webhook-subscriptions';
export * from './connected-store';
export * from './secret-box';
export * from './webhook-events/shopify-topics';
export * from './webhook-events/shopify-catalogue.mapper';
