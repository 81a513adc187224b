/**
 * A message that would show a coupon code the store refused is not sent: the customer could not
 * use the code at checkout. Decided on what the message says once rendered, so a message that
 * does not show the code still goes.
 */
import type { TemplateState } from '@waypoint/journey';

/** Why the message must not go, or null when it may. */
export function showsRefusedCoupon(
  state: TemplateState,
  ...texts: Array<string | null | undefined>
): string | null {
  const coupon = state.coupon;
  if (coupon?.store?.status !== 'refused') return null;
  const code = coupon.code.toUpperCase();
  if (!texts.some((text) => text?.toUpperCase().includes(code))) return null;
  return `it would show coupon ${coupon.code}, which the store refused`;
}
