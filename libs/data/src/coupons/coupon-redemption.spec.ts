import { couponUsesOf, mayRedeemCoupons } from './coupon-redemption.queries';

const at = '2026-05-01T10:00:00.000Z';

describe('couponUsesOf', () => {
  it("reads the codes an order used, with the order's total discount when it used one", () => {
    expect(
      couponUsesOf({
        type: 'order.placed',
        occurredAt: at,
        properties: { orderId: '5601', discountCodes: ['welcome-abcd2345'], totalDiscounts: 9 },
      }),
    ).toEqual([{ code: 'welcome-abcd2345', orderId: '5601', amount: 9, usedAt: new Date(at) }]);
  });

  it('leaves the amount unknown when the order used several codes', () => {
    const uses = couponUsesOf({
      type: 'order.paid',
      occurredAt: at,
      properties: { orderId: 5601, discountCodes: ['A', 'B'], totalDiscounts: 12 },
    });
    expect(uses.map((u) => [u.code, u.orderId, u.amount])).toEqual([
      ['A', '5601', null],
      ['B', '5601', null],
    ]);
  });

  it('ignores events that are not placed or paid orders, and orders without codes', () => {
    expect(mayRedeemCoupons({ type: 'order.cancelled', properties: { discountCodes: ['A'] } })).toBe(false);
    expect(mayRedeemCoupons({ type: 'order.placed', properties: { discountCodes: [] } })).toBe(false);
    expect(
      couponUsesOf({ type: 'checkout.started', occurredAt: at, properties: { discountCodes: ['A'] } }),
    ).toEqual([]);
  });
});
