/**
 * The Temporal client. The connection is lazy so the API boots (and reports Temporal as
 * unreachable on /health) even when Temporal is down; events stay durable in the outbox meanwhile.
 */
import { Client, Connection } from '@temporalio/client';
import { ENVIRONMENT, temporalConnectionOptions, type Environment } from '@waypoint/config';

export const temporalClientProvider = {
  provide: Client,
  inject: [ENVIRONMENT],
  useFactory: (env: Environment) =>
    new Client({
      connection: Connection.lazy(temporalConnectionOptions(env)),
      namespace: env.TEMPORAL_NAMESPACE,
    }),
};
