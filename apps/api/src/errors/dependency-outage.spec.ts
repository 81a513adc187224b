import { createServer, type Server, type Socket } from 'node:net';
import { Metadata } from '@grpc/grpc-js';
import { Client as TemporalClient, Connection, ServiceError } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { QueryFailedError } from 'typeorm';
import type { Environment } from '@waypoint/config';
import { temporalClientProvider } from '../temporal/temporal-client.provider';
import { DependencyOutages, unavailableBody, unavailableDependency } from './dependency-outage';

/** A TCP server on a free port that does `onSocket` with every connection. */
async function server(onSocket: (socket: Socket) => void): Promise<{ port: number; server: Server }> {
  const listening = createServer(onSocket);
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return { port: (listening.address() as { port: number }).port, server: listening };
}

async function closedPort(): Promise<number> {
  const { port, server: listening } = await server(() => undefined);
  await new Promise((resolve) => listening.close(resolve));
  return port;
}

/** What pg raises connecting to `port` (and the query after), as it raises it. */
async function pgError(port: number): Promise<unknown> {
  const client = new PgClient({ host: '127.0.0.1', port, user: 'u', database: 'd', password: 'p' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error('expected pg to fail');
}

/** A PostgreSQL ErrorResponse message ('E') with these fields, as a server writes it. */
function errorResponse(fields: Record<string, string>): Buffer {
  const body = Buffer.concat([
    ...Object.entries(fields).map(([type, value]) => Buffer.from(`${type}${value}\0`)),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

describe('unavailableDependency', () => {
  it('names PostgreSQL for a refused connection (pg, as raised)', async () => {
    const error = await pgError(await closedPort());
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(unavailableDependency(error)).toBe('database');
  });

  it('names PostgreSQL for a connection the server closes ("Connection terminated unexpectedly")', async () => {
    const { port, server: listening } = await server((socket) => socket.destroy());
    try {
      const error = await pgError(port);
      expect((error as Error).message).toMatch(/^Connection terminated/);
      expect(unavailableDependency(error)).toBe('database');
    } finally {
      listening.close();
    }
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['53300', 'sorry, too many clients already'],
  ])('names PostgreSQL for SQLSTATE %s sent by the server, raw and through TypeORM', async (code, text) => {
    const { port, server: listening } = await server((socket) =>
      socket.once('data', () => socket.end(errorResponse({ S: 'FATAL', C: code, M: text }))),
    );
    try {
      const error = await pgError(port);
      expect(error).toMatchObject({ code, message: text });
      expect(unavailableDependency(error)).toBe('database');
      expect(unavailableDependency(new QueryFailedError('SELECT 1', [], error as Error))).toBe('database');
    } finally {
      listening.close();
    }
  });

  it('finds a refusal inside the AggregateError Node raises when every address refuses', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}:5432`), { code: 'ECONNREFUSED' });
    expect(unavailableDependency(new AggregateError([refused('::1'), refused('127.0.0.1')]))).toBe(
      'database',
    );
  });

  it("names pg-pool's connection timeout", () => {
    expect(unavailableDependency(new Error('timeout exceeded when trying to connect'))).toBe('database');
    expect(
      unavailableDependency(
        new Error('Connection terminated due to connection timeout', { cause: new Error('x') }),
      ),
    ).toBe('database');
  });

  it('leaves bad data, bugs and a failed provider fetch alone', () => {
    const badData = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    expect(unavailableDependency(new QueryFailedError('SELECT', [], badData))).toBeNull();
    expect(
      unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'x')")),
    ).toBeNull();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    expect(unavailableDependency(new TypeError('fetch failed', { cause: refused }))).toBeNull();
    expect(unavailableDependency('a string')).toBeNull();
  });

  it("names Temporal for the client's ServiceError around a gRPC UNAVAILABLE", () => {
    // grpc-js's callErrorFromStatus: an Error carrying the status's code, details and metadata.
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: new Metadata(),
    });
    expect(unavailableDependency(grpc)).toBe('temporal');
    expect(unavailableDependency(new ServiceError('Failed to signalWithStart', { cause: grpc }))).toBe(
      'temporal',
    );
    const notFound = Object.assign(new Error('5 NOT_FOUND: no'), {
      code: 5,
      details: 'no',
      metadata: new Metadata(),
    });
    expect(unavailableDependency(new ServiceError('Failed', { cause: notFound }))).toBeNull();
  });

  it('names Temporal for a call that cannot reach the server (as raised)', async () => {
    // Without a deadline the client retries UNAVAILABLE for ~20 s, then throws a ServiceError whose
    // cause has code 14 (covered above); with one it raises DEADLINE_EXCEEDED, as here.
    const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}` });
    const client = new TemporalClient({ connection });
    try {
      const error = await connection
        .withDeadline(Date.now() + 500, () => client.workflowService.getSystemInfo({}))
        .then(
          () => new Error('expected Temporal to be unreachable'),
          (thrown: unknown) => thrown,
        );
      expect(unavailableDependency(error)).toBe('temporal');
    } finally {
      await connection.close();
    }
  });

  it("answers a call to an unreachable Temporal through the API's client in about a second, as unavailable", async () => {
    // The SDK's default retries UNAVAILABLE 9 times over about 15 s; the API's client 3 times.
    const env = { TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}`, TEMPORAL_NAMESPACE: 'default' };
    const client = temporalClientProvider.useFactory(env as unknown as Environment);
    const started = Date.now();
    try {
      const error = await client.workflowService.getSystemInfo({}).then(
        () => new Error('expected Temporal to be unreachable'),
        (thrown: unknown) => thrown,
      );
      expect(unavailableDependency(error)).toBe('temporal');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await client.connection.close();
    }
  });

  it('answers with the dependency in the code', () => {
    expect(unavailableBody('database').error.code).toBe('database_unavailable');
    expect(unavailableBody('temporal').error.code).toBe('temporal_unavailable');
  });
});

describe('DependencyOutages', () => {
  afterEach(() => jest.useRealTimers());

  it('logs an outage once, then once when the probe finds it back', async () => {
    jest.useFakeTimers();
    const logger = { error: jest.fn(), log: jest.fn() };
    let up = false;
    const outages = new DependencyOutages(
      logger,
      { database: () => (up ? Promise.resolve() : Promise.reject(new Error('down'))) },
      { probeIntervalMs: 1_000, quietMs: 30_000 },
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 100; i++) outages.refused('database', refused);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0][0]).toMatch(/^PostgreSQL is unavailable \(connect ECONNREFUSED/);
    expect(logger.log).not.toHaveBeenCalled();
    expect(outages.isDown('database')).toBe(true);

    up = true;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(logger.log).toHaveBeenCalledTimes(1);
    expect(logger.log.mock.calls[0][0]).toMatch(/^PostgreSQL is back after \d+ s; 100 request\(s\)/);
    expect(outages.isDown('database')).toBe(false);

    // The next outage is a new one: logged again.
    outages.refused('database', refused);
    expect(logger.error).toHaveBeenCalledTimes(2);
    outages.close();
  });

  it('counts background work apart from requests, within the same outage', async () => {
    jest.useFakeTimers();
    const logger = { error: jest.fn(), log: jest.fn() };
    let up = false;
    const outages = new DependencyOutages(
      logger,
      { temporal: () => (up ? Promise.resolve() : Promise.reject(new Error('down'))) },
      { probeIntervalMs: 1_000, quietMs: 30_000 },
    );
    // The router's passes and /health meet it first, then two requests.
    for (let i = 0; i < 5; i++) outages.refused('temporal', new Error('14 UNAVAILABLE'), 'background');
    outages.refused('temporal', new Error('14 UNAVAILABLE'));
    outages.refused('temporal', new Error('14 UNAVAILABLE'));
    expect(logger.error).toHaveBeenCalledTimes(1);
    up = true;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(logger.log.mock.calls[0][0]).toMatch(
      /^Temporal is back after \d+ s; 2 request\(s\) were answered 503, 5 background attempt\(s\) waited$/,
    );
    outages.close();
  });

  it('without a probe, ends an outage after a quiet interval', () => {
    let now = 0;
    const logger = { error: jest.fn(), log: jest.fn() };
    const outages = new DependencyOutages(
      logger,
      {},
      { probeIntervalMs: 1_000, quietMs: 10_000, now: () => now },
    );
    outages.refused('temporal', new Error('Failed to connect before the deadline'));
    now = 5_000;
    outages.refused('temporal', new Error('Failed to connect before the deadline'));
    expect(logger.error).toHaveBeenCalledTimes(1);
    now = 20_000;
    outages.refused('temporal', new Error('Failed to connect before the deadline'));
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[1][0]).toMatch(/^Temporal is unavailable/);
  });
});
