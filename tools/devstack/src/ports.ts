/**
 * Local TCP ports: finding a free one for throwaway servers and checking a configured one before
 * anything starts, so a clash is reported by name instead of as a crash halfway through.
 */
import * as net from 'node:net';

const LOOPBACK = '127.0.0.1';

/** A port the OS considers free right now (another process may still take it before we do). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * True when nothing listens on the port. Binding is the honest test: on Linux and macOS a socket
 * bound to 0.0.0.0 also blocks 127.0.0.1, which a connect-based probe could miss.
 */
export function isPortFree(port: number, host: string = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** Resolves once something accepts TCP connections on the port, false if nothing does. */
export function canConnect(port: number, host: string = LOOPBACK, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
