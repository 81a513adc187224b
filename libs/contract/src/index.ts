/**
 * The API's contract, written once: a zod schema for every request body, query, path parameter and
 * response body. The API validates with these (a global pipe), generates `/openapi.json` from them,
 * and the editor takes its types from them. No server code here: the editor imports this lib.
 */
export * from './http';
export * from './segments.contract';
export * from './events.contract';
export * from './customers.contract';
export * from './webhooks.contract';
