/**
 * API keys this process has found active, remembered for a few seconds (by the key's hash), so a
 * storefront's burst of event requests costs no key query each (docs/api.md, "Who may call what").
 * Only active keys are remembered; an unknown or revoked key is read every time. A revoke in this
 * process forgets the key before it answers, and a read that was on its way meanwhile is not
 * remembered; another replica stops taking the key within API_KEY_TTL_MS.
 */

/** How long a key found active is trusted without reading it again. */
export const API_KEY_TTL_MS = 5_000;
/** Keys remembered at most (a store has a handful; the oldest entry goes first). */
const MAX_KEYS = 1_000;

export class VerifiedApiKeys {
  private readonly known = new Map<string, { id: string; readAt: number }>();
  private readonly reading = new Map<string, Promise<string | null>>();
  /** Bumped by every revoke: a read that started before one is answered but not remembered. */
  private generation = 0;

  constructor(
    /** The id of the active key with this hash, or null; reads the database. */
    private readonly read: (keyHash: string) => Promise<string | null>,
    private readonly ttlMs = API_KEY_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The key's id when it is active (remembered, or read: one read for concurrent callers), else null. */
  idOf(keyHash: string): Promise<string | null> {
    const known = this.known.get(keyHash);
    if (known && this.clock() - known.readAt < this.ttlMs) return Promise.resolve(known.id);
    const pending = this.reading.get(keyHash);
    if (pending) return pending;
    const generation = this.generation;
    const readAt = this.clock();
    const reading = this.read(keyHash)
      .then((id) => {
        this.known.delete(keyHash);
        if (id && generation === this.generation) {
          if (this.known.size >= MAX_KEYS) this.known.delete(this.known.keys().next().value as string);
          this.known.set(keyHash, { id, readAt });
        }
        return id;
      })
      .finally(() => {
        if (this.reading.get(keyHash) === reading) this.reading.delete(keyHash);
      });
    this.reading.set(keyHash, reading);
    return reading;
  }

  /** After the key with this id was revoked (committed): the next request reads it again. */
  forget(id: string): void {
    this.generation++;
    for (const [hash, entry] of this.known) if (entry.id === id) this.known.delete(hash);
    this.reading.clear();
  }
}
