import { createServer, type Server } from 'node:net';
import { checkDependency, isConnectionRefused, tcpReach } from './dependency-probe';

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('checkDependency', () => {
  it('says ok when the probe answers in time', async () => {
    expect(await checkDependency(() => Promise.resolve('pong'))).toEqual({ ok: true });
  });

  it('tells a refused connection from another error', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(await checkDependency(() => Promise.reject(refused))).toEqual({
      ok: false,
      failure: 'refused',
      error: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    expect(await checkDependency(() => Promise.reject(new Error('password authentication failed')))).toEqual({
      ok: false,
      failure: 'error',
      error: 'password authentication failed',
    });
  });

  it('finds a refusal inside an AggregateError and names it though the error has no message', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    const aggregate = Object.assign(new AggregateError([refused], ''), { code: 'ECONNREFUSED' });
    expect(isConnectionRefused(new AggregateError([refused]))).toBe(true);
    expect(await checkDependency(() => Promise.reject(aggregate))).toEqual({
      ok: false,
      failure: 'refused',
      error: 'ECONNREFUSED',
    });
  });

  it('says timeout when no answer comes in time, unless onTimeout explains it better', async () => {
    const never = () => new Promise(() => undefined);
    expect(await checkDependency(never, undefined, 20)).toEqual({
      ok: false,
      failure: 'timeout',
      error: 'no answer within 20 ms',
    });
    const explained = await checkDependency(
      never,
      async () => ({ ok: false, failure: 'refused', error: 'connection refused' }),
      20,
    );
    expect(explained).toEqual({ ok: false, failure: 'refused', error: 'connection refused' });
  });
});

describe('tcpReach', () => {
  let server: Server;
  afterEach(() => server?.close());

  it('tells an open port from a refused one', async () => {
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await tcpReach(`127.0.0.1:${port}`)).toBe('open');
    expect(await tcpReach(`127.0.0.1:${await closedPort()}`)).toBe('refused');
  });
});
