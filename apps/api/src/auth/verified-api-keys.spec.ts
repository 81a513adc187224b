import { VerifiedApiKeys } from './verified-api-keys';

/** A key table in memory standing in for the read, counting reads, with a clock the test moves. */
function keysWith(active: Map<string, string>) {
  let now = 1_000_000;
  const reads: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  const verified = new VerifiedApiKeys(
    async (hash) => {
      reads.push(hash);
      // The answer is decided when the read starts (its snapshot), delivered when the gate opens.
      const id = active.get(hash) ?? null;
      await gate;
      return id;
    },
    5_000,
    () => now,
  );
  return {
    verified,
    reads,
    advance: (ms: number) => void (now += ms),
    hold: () => {
      let open: () => void = () => undefined;
      gate = new Promise<void>((resolve) => {
        open = () => resolve();
      });
      return () => {
        open();
        gate = Promise.resolve();
      };
    },
  };
}

describe('VerifiedApiKeys', () => {
  it('reads an active key once within the TTL and again after it', async () => {
    const t = keysWith(new Map([['h1', 'key-1']]));
    expect(await t.verified.idOf('h1')).toBe('key-1');
    t.advance(4_999);
    expect(await t.verified.idOf('h1')).toBe('key-1');
    expect(t.reads).toEqual(['h1']);
    t.advance(1);
    expect(await t.verified.idOf('h1')).toBe('key-1');
    expect(t.reads).toEqual(['h1', 'h1']);
  });

  it('never remembers an unknown key', async () => {
    const t = keysWith(new Map());
    expect(await t.verified.idOf('nope')).toBeNull();
    expect(await t.verified.idOf('nope')).toBeNull();
    expect(t.reads).toEqual(['nope', 'nope']);
  });

  it('shares one read between concurrent callers', async () => {
    const t = keysWith(new Map([['h1', 'key-1']]));
    const release = t.hold();
    const answers = Promise.all([t.verified.idOf('h1'), t.verified.idOf('h1'), t.verified.idOf('h1')]);
    release();
    expect(await answers).toEqual(['key-1', 'key-1', 'key-1']);
    expect(t.reads).toEqual(['h1']);
  });

  it('refuses a revoked key at once after forget, even within the TTL', async () => {
    const active = new Map([['h1', 'key-1']]);
    const t = keysWith(active);
    expect(await t.verified.idOf('h1')).toBe('key-1');
    active.delete('h1');
    t.verified.forget('key-1');
    expect(await t.verified.idOf('h1')).toBeNull();
    expect(t.reads).toEqual(['h1', 'h1']);
  });

  it('does not remember a read that was on its way when the key was revoked', async () => {
    const active = new Map([['h1', 'key-1']]);
    const t = keysWith(active);
    const release = t.hold();
    const before = t.verified.idOf('h1');
    active.delete('h1');
    t.verified.forget('key-1');
    const after = t.verified.idOf('h1');
    release();
    // The request that began before the revoke may pass; every later one reads the revoke.
    expect(await before).toBe('key-1');
    expect(await after).toBeNull();
    expect(await t.verified.idOf('h1')).toBeNull();
    expect(t.reads).toEqual(['h1', 'h1', 'h1']);
  });

  it('keeps other keys when one is revoked', async () => {
    const t = keysWith(
      new Map([
        ['h1', 'key-1'],
        ['h2', 'key-2'],
      ]),
    );
    await t.verified.idOf('h1');
    await t.verified.idOf('h2');
    t.verified.forget('key-1');
    expect(await t.verified.idOf('h2')).toBe('key-2');
    expect(t.reads).toEqual(['h1', 'h2']);
  });
});
