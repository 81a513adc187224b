/**
 * @waypoint/devstack: the pieces behind `npm start` and `npm test` (local PostgreSQL and Temporal,
 * the time-skipping test server, process supervision), exported for tests and tools that need
 * their own servers. The two commands themselves are start.ts and test.ts.
 */
export * from './app-secret';
export * from './chromium';
export * from './devstack-error';
export * from './executables';
export * from './migrations';
export * from './output-prefix';
export * from './paths';
export * from './ports';
export * from './postgres';
export * from './postgres-databases';
export * from './processes';
export * from './run-command';
export * from './stop-signals';
export * from './supervisor';
export * from './teardown';
export * from './temporal-cli';
export * from './temporal-dev-server';
export * from './time-skipping-server';
export * from './timing';
export * from './wait-for-http';
export * from './storefront-simulator';
