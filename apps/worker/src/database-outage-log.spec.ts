import { createServer } from 'node:net';
import { Client as PgClient } from 'pg';
import { DatabaseOutageLog } from './database-outage-log';

/** What pg raises when nothing listens on the port, as it raises it. */
async function refusedByPostgres(): Promise<unknown> {
  const listening = createServer();
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const port = (listening.address() as { port: number }).port;
  await new Promise((resolve) => listening.close(resolve));
  const client = new PgClient({ host: '127.0.0.1', port, user: 'u', database: 'd', password: 'p' });
  client.on('error', () => undefined);
  return client.connect().then(
    () => new Error('expected pg to fail'),
    (error: unknown) => error,
  );
}

describe('DatabaseOutageLog', () => {
  it('logs an outage once for all the ticks that meet it, then once when a tick succeeds', async () => {
    let now = 0;
    const logger = { error: jest.fn(), log: jest.fn() };
    const outage = new DatabaseOutageLog(logger, 'consent write-back', () => now);
    const refused = await refusedByPostgres();
    for (let tick = 0; tick < 12; tick++) {
      outage.failed(refused);
      now += 5_000;
    }
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0][0]).toMatch(
      /^consent write-back: PostgreSQL is unavailable \(.*ECONNREFUSED/,
    );
    outage.succeeded();
    expect(logger.log).toHaveBeenCalledWith(
      'consent write-back: PostgreSQL is back after 60 s (12 tick(s) waited)',
    );
    outage.succeeded();
    expect(logger.log).toHaveBeenCalledTimes(1);
    // The next outage is a new one.
    outage.failed(refused);
    expect(logger.error).toHaveBeenCalledTimes(2);
  });

  it('logs every other failure each time', () => {
    const logger = { error: jest.fn(), log: jest.fn() };
    const outage = new DatabaseOutageLog(logger, 'journey results rollup');
    outage.failed(new Error('division by zero'));
    outage.failed(new Error('division by zero'));
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith('journey results rollup: division by zero');
  });
});
