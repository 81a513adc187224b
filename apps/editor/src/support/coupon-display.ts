// Words and tones for a customer's coupons: what the code gives, whether it is still open, used or
// ran out, and what the connected store did with it.
import type { CustomerCoupon } from '../api-types';
import type { StatusTone } from '../status-tone';

const STATE_TONES: Record<CustomerCoupon['state'], StatusTone> = {
  issued: 'info',
  redeemed: 'success',
  expired: 'muted',
};

/** An unknown state (from a newer API) stays neutral. */
export function couponStateTone(state: CustomerCoupon['state'] | (string & {})): StatusTone {
  return Object.hasOwn(STATE_TONES, state) ? STATE_TONES[state as CustomerCoupon['state']] : 'neutral';
}

/** "15% off", "5.00 off", "free shipping". */
export function couponOffer(
  coupon: Pick<CustomerCoupon, 'kind' | 'value'>,
  money: (n: number) => string,
): string {
  if (coupon.kind === 'free_shipping') return 'free shipping';
  return coupon.kind === 'percent' ? `${coupon.value}% off` : `${money(coupon.value)} off`;
}

/** What the store did with the code, for support: created (with its id), refused (why), or local. */
export function couponInStore(
  coupon: Pick<CustomerCoupon, 'storeStatus' | 'storeDiscountId' | 'storeError'>,
): { tone: StatusTone; text: string } {
  if (coupon.storeStatus === 'created')
    return {
      tone: 'success',
      text: `in the store${coupon.storeDiscountId ? ` (${coupon.storeDiscountId})` : ''}`,
    };
  if (coupon.storeStatus === 'refused')
    return {
      tone: 'danger',
      text: `refused by the store${coupon.storeError ? `: ${coupon.storeError}` : ''}`,
    };
  return { tone: 'muted', text: 'local only (no store connected)' };
}
