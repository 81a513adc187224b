/**
 * How the API and the worker connect to Temporal: the dev server's plain gRPC by default; TLS, an
 * API key (Temporal Cloud) or a client certificate (mTLS) when the environment says so
 * (docs/deployment.md, "Temporal").
 */
import { readFileSync } from 'node:fs';
import type { Environment } from './environment.schema';

export interface TemporalConnectionOptions {
  address: string;
  tls?: { serverNameOverride?: string; clientCertPair?: { crt: Buffer; key: Buffer } };
  apiKey?: string;
}

type TemporalEnvironment = Pick<
  Environment,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_API_KEY'
  | 'TEMPORAL_TLS_CERT_PATH'
  | 'TEMPORAL_TLS_KEY_PATH'
  | 'TEMPORAL_TLS_SERVER_NAME'
>;

export function temporalConnectionOptions(env: TemporalEnvironment): TemporalConnectionOptions {
  if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH))
    throw new Error('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together: set both or neither');
  const mtls = env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH;
  const secure = env.TEMPORAL_TLS || Boolean(env.TEMPORAL_API_KEY) || Boolean(mtls);
  if (!secure) return { address: env.TEMPORAL_ADDRESS };
  return {
    address: env.TEMPORAL_ADDRESS,
    tls: {
      ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
      ...(mtls
        ? {
            clientCertPair: {
              crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH as string),
              key: readFileSync(env.TEMPORAL_TLS_KEY_PATH as string),
            },
          }
        : {}),
    },
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
