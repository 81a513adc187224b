import { LeakyBucket, throttledWaitMs } from './leaky-bucket';

describe('throttledWaitMs', () => {
  const cost = (requested: number, available: number, rate = 100) => ({
    requestedQueryCost: requested,
    actualQueryCost: null,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: rate },
  });

  it('waits for the missing points at the restore rate', () => {
    expect(throttledWaitMs(cost(752, 666, 50), 0, 60_000)).toBe(1720);
  });

  it('never waits less than the floor nor more than the cap', () => {
    expect(throttledWaitMs(cost(10, 9), 100, 60_000)).toBe(100);
    expect(throttledWaitMs(cost(1000, 0, 1), 100, 5_000)).toBe(5_000);
  });

  it('says nothing when the answer carried no usable cost', () => {
    expect(throttledWaitMs(undefined, 100, 1000)).toBeNull();
    expect(throttledWaitMs({ throttleStatus: { currentlyAvailable: 0 } }, 100, 1000)).toBeNull();
  });
});

describe('LeakyBucket', () => {
  it('holds the next request until a query like the last one fits, counting the refill', () => {
    let now = 0;
    const bucket = new LeakyBucket(() => now);
    expect(bucket.delayBeforeNext()).toBe(0);
    bucket.observe({
      requestedQueryCost: 100,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 40, restoreRate: 50 },
    });
    expect(bucket.delayBeforeNext()).toBe(1200);
    now = 1000;
    expect(bucket.available()).toBe(90);
    expect(bucket.delayBeforeNext()).toBe(200);
    now = 60_000;
    expect(bucket.available()).toBe(1000);
    expect(bucket.delayBeforeNext()).toBe(0);
  });
});
