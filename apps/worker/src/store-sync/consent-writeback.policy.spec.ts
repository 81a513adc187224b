import { ShopifyAuthError, ShopifyError, ShopifyUserError } from '@waypoint/shopify';
import {
  afterWritebackFailure,
  REFUSALS_BEFORE_GIVING_UP,
  WRITEBACK_MAX_BACKOFF_MS,
  writebackBackoffMs,
} from './consent-writeback.policy';

const middle = () => 0.5;

describe('consent write-back after a failure', () => {
  it('backs off exponentially from 5 s, spread by ±20 %, capped at an hour', () => {
    expect([1, 2, 3, 4].map((n) => writebackBackoffMs(n, middle))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(writebackBackoffMs(1, () => 0)).toBe(4_000);
    expect(writebackBackoffMs(1, () => 0.999_999)).toBe(6_000);
    expect(writebackBackoffMs(30, () => 0.999_999)).toBe(WRITEBACK_MAX_BACKOFF_MS);
    expect(writebackBackoffMs(1_000, middle)).toBe(WRITEBACK_MAX_BACKOFF_MS);
  });

  it('keeps retrying an unavailable store or a refused token, however many attempts it takes', () => {
    const unavailable = new ShopifyError(
      'shopify_unavailable',
      'shop did not answer after 5 attempts: HTTP 503',
      true,
    );
    const auth = new ShopifyAuthError('shop.myshopify.com', 'Invalid API key', 401);
    for (const error of [unavailable, auth, new Error('fetch failed')])
      expect(afterWritebackFailure(error, 50, middle)).toEqual({
        action: 'retry',
        delayMs: WRITEBACK_MAX_BACKOFF_MS,
        error: error.message,
      });
  });

  it('gives up a store refusal (userErrors) after a bounded number of attempts, keeping its message', () => {
    const refused = new ShopifyUserError('customerEmailMarketingConsentUpdate', [
      { field: ['input', 'customerId'], message: 'Customer not found', code: 'INVALID' },
    ]);
    expect(afterWritebackFailure(refused, 1, middle)).toMatchObject({ action: 'retry', delayMs: 5_000 });
    expect(afterWritebackFailure(refused, REFUSALS_BEFORE_GIVING_UP - 1, middle).action).toBe('retry');
    expect(afterWritebackFailure(refused, REFUSALS_BEFORE_GIVING_UP, middle)).toEqual({
      action: 'give_up',
      error: 'customerEmailMarketingConsentUpdate refused by the store: input.customerId: Customer not found',
    });
  });
});
