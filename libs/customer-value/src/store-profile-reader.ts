/**
 * The store profile as one process reads it (docs/product.md, "Store settings"): kept for a few
 * seconds, so the hot paths (ingestion's phone numbers, every send's quiet hours and caps) cost no
 * query, and a change saved by any process reaches every other within `STORE_PROFILE_TTL_MS`.
 * The process that saves a change forgets its copy at once.
 */
import type { StoreProfile } from '@waypoint/contract';
import type { Query } from '@waypoint/data';
import { loadStoreProfile, type StoreProfileEnvironment } from './store-profile';

/** How long a read profile is used before it is read again. */
export const STORE_PROFILE_TTL_MS = 5_000;

export class StoreProfileReader {
  private cached: { profile: StoreProfile; readAt: number } | null = null;
  private reading: Promise<StoreProfile> | null = null;

  constructor(
    private readonly query: Query,
    private readonly env: StoreProfileEnvironment,
    private readonly ttlMs = STORE_PROFILE_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The profile, read again when the copy is older than the TTL (one read for concurrent callers). */
  async current(): Promise<StoreProfile> {
    if (this.cached && this.clock() - this.cached.readAt < this.ttlMs) return this.cached.profile;
    this.reading ??= loadStoreProfile(this.query, this.env)
      .then((profile) => {
        this.cached = { profile, readAt: this.clock() };
        return profile;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** After a save in this process: the next read goes to the database. */
  forget(): void {
    this.cached = null;
  }
}
