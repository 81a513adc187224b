/** Test infrastructure: local servers that speak provider APIs, and a database per test stack. */
export * from './sendgrid-event-signer';
export * from './sendgrid-stub.server';
export * from './shopify-admin.server';
export * from './shopify-admin.store';
export * from './shopify-bulk-operations.store';
export * from './test-database';
export * from './twilio-stub.server';
export * from './twilio-webhook-signature';
export * from './local-http-server';
export * from './store-history';
