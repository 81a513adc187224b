/**
 * The API's contract, written once: a zod schema for every request body, query, path parameter and
 * response body. The API validates with these (a global pipe), generates `/openapi.json` from them,
 * and the editor takes its types from them. No server code here: the editor imports this lib.
 */
export * from './http';
export * from './segments.contract';
export * from './auth.contract';
export * from './people.contract';
export * from './api-keys.contract';
export * from './audit.contract';
export * from './health.contract';
export * from './journeys.contract';
export * from './runs.contract';
export * from './templates.contract';
export * from './settings.contract';
export * from './outbox.contract';
export * from './events.contract';
export * from './customers.contract';
export * from './webhooks.contract';
export * from './store.contract';
export * from './store-imports.contract';
export * from './store-profile.contract';
export * from './links.contract';
export * from './experiments.contract';
export * from './dashboard.contract';
export * from './surveys.contract';
export * from './results.contract';
export * from './test-runs.contract';
export * from './catalogue.contract';
export * from './journey-preview.contract';
