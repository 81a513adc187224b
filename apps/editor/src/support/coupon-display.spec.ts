import { describe, expect, it } from '@jest/globals';
import { couponInStore, couponOffer, couponStateTone } from './coupon-display';

const money = (n: number) => n.toFixed(2);

describe('couponOffer', () => {
  it('says what each kind of code gives', () => {
    expect(couponOffer({ kind: 'percent', value: 15 }, money)).toBe('15% off');
    expect(couponOffer({ kind: 'fixed', value: 5 }, money)).toBe('5.00 off');
    expect(couponOffer({ kind: 'free_shipping', value: 0 }, money)).toBe('free shipping');
  });
});

describe('couponInStore', () => {
  it("names the store's discount, the store's refusal, or a code kept locally", () => {
    expect(
      couponInStore({
        storeStatus: 'created',
        storeDiscountId: 'gid://shopify/DiscountCodeNode/7',
        storeError: null,
      }),
    ).toEqual({ tone: 'success', text: 'in the store (gid://shopify/DiscountCodeNode/7)' });
    expect(
      couponInStore({ storeStatus: 'refused', storeDiscountId: null, storeError: 'Code must be unique' }),
    ).toEqual({ tone: 'danger', text: 'refused by the store: Code must be unique' });
    expect(couponInStore({ storeStatus: 'local', storeDiscountId: null, storeError: null }).text).toBe(
      'local only (no store connected)',
    );
  });
});

describe('couponStateTone', () => {
  it('shows a redeemed code as a success and an unknown state as neutral', () => {
    expect(couponStateTone('redeemed')).toBe('success');
    expect(couponStateTone('expired')).toBe('muted');
    expect(couponStateTone('something-new')).toBe('neutral');
  });
});
