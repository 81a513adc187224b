import { lifecycleSettingsSchema } from './lifecycle-settings';
import { lifecycleStage, loyaltyTier } from './lifecycle-stage';

const settings = lifecycleSettingsSchema.parse({});
const now = new Date('2026-11-24T00:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('lifecycleStage', () => {
  it('walks a customer from lead to vip by orders and spend', () => {
    expect(
      lifecycleStage(
        { ordersCount: 0, totalSpent: 0, lastOrderAt: null, meanDaysBetweenOrders: null },
        settings,
        now,
      ),
    ).toBe('lead');
    expect(
      lifecycleStage(
        { ordersCount: 1, totalSpent: 40, lastOrderAt: daysAgo(3), meanDaysBetweenOrders: null },
        settings,
        now,
      ),
    ).toBe('first_time');
    expect(
      lifecycleStage(
        { ordersCount: 2, totalSpent: 80, lastOrderAt: daysAgo(3), meanDaysBetweenOrders: 20 },
        settings,
        now,
      ),
    ).toBe('repeat');
    expect(
      lifecycleStage(
        { ordersCount: 4, totalSpent: 300, lastOrderAt: daysAgo(3), meanDaysBetweenOrders: 20 },
        settings,
        now,
      ),
    ).toBe('loyal');
    expect(
      lifecycleStage(
        { ordersCount: 2, totalSpent: 1200, lastOrderAt: daysAgo(3), meanDaysBetweenOrders: 20 },
        settings,
        now,
      ),
    ).toBe('vip');
  });

  it('puts a customer at risk past the larger of the window and their own rhythm, then inactive', () => {
    const base = { ordersCount: 3, totalSpent: 150, meanDaysBetweenOrders: 30 };
    expect(lifecycleStage({ ...base, lastOrderAt: daysAgo(59) }, settings, now)).toBe('repeat');
    expect(lifecycleStage({ ...base, lastOrderAt: daysAgo(61) }, settings, now)).toBe('at_risk');
    // A customer who orders every 50 days is not at risk at day 61 (1.5 × 50 = 75).
    expect(
      lifecycleStage({ ...base, meanDaysBetweenOrders: 50, lastOrderAt: daysAgo(61) }, settings, now),
    ).toBe('repeat');
    expect(lifecycleStage({ ...base, lastOrderAt: daysAgo(181) }, settings, now)).toBe('inactive');
    expect(
      lifecycleStage(
        { ...base, lastOrderAt: daysAgo(100) },
        lifecycleSettingsSchema.parse({ inactiveDays: 90 }),
        now,
      ),
    ).toBe('inactive');
  });

  it('names the loyalty tier reached', () => {
    expect(loyaltyTier(0, settings)).toBe('bronze');
    expect(loyaltyTier(700, settings)).toBe('silver');
    expect(loyaltyTier(5000, settings)).toBe('gold');
  });

  it('refuses thresholds that contradict each other', () => {
    expect(lifecycleSettingsSchema.safeParse({ atRiskDays: 100, inactiveDays: 90 }).success).toBe(false);
  });
});
