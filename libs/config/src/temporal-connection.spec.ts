import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalConnectionOptions } from './temporal-connection';

/** The dev server's settings: every optional variable unset. */
const base: Parameters<typeof temporalConnectionOptions>[0] = {
  TEMPORAL_ADDRESS: 'temporal:7233',
  TEMPORAL_TLS: false,
  TEMPORAL_API_KEY: undefined,
  TEMPORAL_TLS_CERT_PATH: undefined,
  TEMPORAL_TLS_KEY_PATH: undefined,
  TEMPORAL_TLS_SERVER_NAME: undefined,
};

describe('temporalConnectionOptions', () => {
  it('speaks plain gRPC when nothing asks for TLS (the dev server)', () => {
    expect(temporalConnectionOptions(base)).toEqual({ address: 'temporal:7233' });
  });

  it('turns TLS on with an API key (Temporal Cloud)', () => {
    expect(
      temporalConnectionOptions({
        ...base,
        TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
        TEMPORAL_API_KEY: 'k',
      }),
    ).toEqual({ address: 'ns.acct.tmprl.cloud:7233', tls: {}, apiKey: 'k' });
  });

  it('reads the client certificate and key for mTLS, with a server name override', () => {
    const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
    writeFileSync(join(dir, 'client.pem'), 'CERT');
    writeFileSync(join(dir, 'client.key'), 'KEY');
    const options = temporalConnectionOptions({
      ...base,
      TEMPORAL_TLS_CERT_PATH: join(dir, 'client.pem'),
      TEMPORAL_TLS_KEY_PATH: join(dir, 'client.key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(options.tls?.serverNameOverride).toBe('temporal.internal');
    expect(options.tls?.clientCertPair?.crt.toString()).toBe('CERT');
    expect(options.tls?.clientCertPair?.key.toString()).toBe('KEY');
    expect(options.apiKey).toBeUndefined();
  });

  it('refuses a certificate without its key', () => {
    expect(() => temporalConnectionOptions({ ...base, TEMPORAL_TLS_CERT_PATH: '/x.pem' })).toThrow(
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together',
    );
  });
});
