/**
 * The Temporal client. The connection is lazy so the API boots (and reports Temporal as
 * unreachable on /health) even when Temporal is down; events stay durable in the outbox meanwhile.
 * A call that finds Temporal unavailable is retried 3 times within about a second (the SDK's
 * default is 9 retries over about 15 s): a request then answers 503 `temporal_unavailable` at
 * once instead of holding its client for 20 s, and routing leaves the event to the next sweep.
 */
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { ENVIRONMENT, temporalConnectionOptions, type Environment } from '@waypoint/config';

/** Attempts of one call to an unavailable Temporal, the first included. */
export const TEMPORAL_CALL_ATTEMPTS = 4;

export const temporalClientProvider = {
  provide: Client,
  inject: [ENVIRONMENT],
  useFactory: (env: Environment) =>
    new Client({
      connection: Connection.lazy({
        ...temporalConnectionOptions(env),
        interceptors: [
          makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: TEMPORAL_CALL_ATTEMPTS })),
        ],
      }),
      namespace: env.TEMPORAL_NAMESPACE,
    }),
};
