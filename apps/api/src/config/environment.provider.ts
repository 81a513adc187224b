import { ENVIRONMENT, loadEnvironment } from '@waypoint/config';

/** The validated environment, read once at boot and injected where needed. */
export const environmentProvider = { provide: ENVIRONMENT, useFactory: () => loadEnvironment() };
