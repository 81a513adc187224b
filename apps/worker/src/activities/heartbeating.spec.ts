import { MockActivityEnvironment } from '@temporalio/testing';
import { whileHeartbeating } from './heartbeating';

/** Work that ends when the test says so, after the heartbeats it wanted to see. */
function heldWork<T>(): { work: () => Promise<T>; finish: (value: T) => void; fail: (e: Error) => void } {
  let finish!: (value: T) => void;
  let fail!: (e: Error) => void;
  const settled = new Promise<T>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { work: () => settled, finish, fail };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('whileHeartbeating', () => {
  it('heartbeats while the work runs, answers its result, and stops when it ends', async () => {
    const env = new MockActivityEnvironment();
    const held = heldWork<string>();
    let beats = 0;
    env.on('heartbeat', () => {
      beats++;
      if (beats === 3) held.finish('swept');
    });

    await expect(env.run(() => whileHeartbeating(held.work, 5))).resolves.toBe('swept');
    const atEnd = beats;
    await tick(50);
    expect(atEnd).toBe(3);
    expect(beats).toBe(atEnd);
  });

  it('stops heartbeating when the work fails, and passes the failure on', async () => {
    const env = new MockActivityEnvironment();
    const held = heldWork<string>();
    let beats = 0;
    env.on('heartbeat', () => {
      beats++;
      if (beats === 2) held.fail(new Error('connection lost'));
    });

    await expect(env.run(() => whileHeartbeating(held.work, 5))).rejects.toThrow('connection lost');
    const atEnd = beats;
    await tick(50);
    expect(beats).toBe(atEnd);
  });
});
