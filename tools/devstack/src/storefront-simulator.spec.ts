import { simulateStore } from './storefront-simulator';

describe('simulateStore', () => {
  const now = new Date('2026-11-24T00:00:00Z');
  const store = simulateStore({ customers: 50, months: 6, seed: 7, now });

  it('is the same store for the same seed', () => {
    expect(simulateStore({ customers: 50, months: 6, seed: 7, now }).map((d) => d.topic)).toEqual(
      store.map((d) => d.topic),
    );
  });

  it('sends everything in time order, within the simulated months, never after now', () => {
    const times = store.map((d) => d.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 180 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime() + 3_600_000);
  });

  it('has sign-ups, abandoned checkouts, orders and reorders shaped like Shopify payloads', () => {
    const topics = store.map((d) => d.topic);
    expect(topics.filter((t) => t === 'customers/create')).toHaveLength(50);
    const checkouts = topics.filter((t) => t === 'checkouts/create').length;
    const orders = store.filter((d) => d.topic === 'orders/create');
    expect(orders.length).toBeGreaterThan(50);
    expect(checkouts).toBeGreaterThan(orders.length); // some abandoned
    const perCustomer = new Map<number, number>();
    for (const o of orders) {
      const id = (o.payload.customer as { id: number }).id;
      perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
    }
    expect([...perCustomer.values()].some((n) => n >= 3)).toBe(true); // reorders
    expect(typeof orders[0].payload.total_price).toBe('string');
    expect((orders[0].payload.line_items as Array<{ price: unknown }>)[0].price).toMatch(/^\d+\.\d{2}$/);
  });
});
