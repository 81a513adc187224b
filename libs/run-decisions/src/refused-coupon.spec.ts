import type { IssuedCoupon, TemplateState } from '@waypoint/journey';
import { showsRefusedCoupon } from './refused-coupon';

const coupon = (status: 'local' | 'created' | 'refused' | null): IssuedCoupon => ({
  code: 'WELCOME-ABCD2345',
  kind: 'percent',
  value: 10,
  expiresAt: null,
  ...(status ? { store: { status, discountId: null, reason: '' } } : {}),
});
const state = (c: IssuedCoupon | null): TemplateState => ({ event: null, coupon: c });

describe('showsRefusedCoupon', () => {
  it('stops a message that shows a code the store refused, in any letter case', () => {
    expect(showsRefusedCoupon(state(coupon('refused')), 'Subject', '<p>Use welcome-abcd2345</p>')).toBe(
      'it would show coupon WELCOME-ABCD2345, which the store refused',
    );
  });

  it('lets a message go that does not show the refused code, or shows a code the store has or never saw', () => {
    expect(showsRefusedCoupon(state(coupon('refused')), 'Thanks for your order')).toBeNull();
    expect(showsRefusedCoupon(state(coupon('created')), 'WELCOME-ABCD2345')).toBeNull();
    expect(showsRefusedCoupon(state(coupon('local')), 'WELCOME-ABCD2345')).toBeNull();
    // Runs begun before codes went to the store carry coupons without a store status.
    expect(showsRefusedCoupon(state(coupon(null)), 'WELCOME-ABCD2345')).toBeNull();
    expect(showsRefusedCoupon(state(null), 'anything')).toBeNull();
  });
});
