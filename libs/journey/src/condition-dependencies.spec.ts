import type { Condition } from './condition.schema';
import { conditionDependencies, eventCanChange } from './condition-dependencies';

describe('conditionDependencies', () => {
  it('collects attributes, event types and segments from every branch of the tree', () => {
    const deps = conditionDependencies({
      all: [
        { attribute: 'totalSpent', op: 'gte', value: 500 },
        { any: [{ did: 'order.placed', count: { op: 'gte', value: 2 } }, { segment: 'vip' }] },
        { not: { attribute: 'attributes.vip', op: 'eq', value: true } },
        { property: 'orderId', op: 'exists' },
      ],
    });
    expect(deps).toEqual({
      attributes: ['attributes.vip', 'totalSpent'],
      events: ['order.placed'],
      segments: ['vip'],
      changesWithTime: false,
    });
  });

  it('folds in the dependencies of included segments, recursively', () => {
    const saved: Record<string, Condition> = {
      outer: { all: [{ segment: 'inner' }, { attribute: 'ordersCount', op: 'gte', value: 1 }] },
      inner: { did: 'checkout.started', within: '7d' },
    };
    const deps = conditionDependencies({ segment: 'outer' }, (id) => saved[id]);
    expect(deps.segments).toEqual(['inner', 'outer']);
    expect(deps.events).toEqual(['checkout.started']);
    expect(deps.attributes).toEqual(['ordersCount']);
    expect(deps.changesWithTime).toBe(true);
  });

  it('stops at a cycle instead of recursing forever', () => {
    const saved: Record<string, Condition> = {
      a: { any: [{ segment: 'b' }, { attribute: 'totalSpent', op: 'gt', value: 1 }] },
      b: { any: [{ segment: 'a' }, { did: 'order.paid' }] },
    };
    const deps = conditionDependencies({ segment: 'a' }, (id) => saved[id]);
    expect(deps.segments).toEqual(['a', 'b']);
    expect(deps.events).toEqual(['order.paid']);
    expect(deps.attributes).toEqual(['totalSpent']);
  });

  it('a missing segment is named but adds nothing else', () => {
    expect(conditionDependencies({ segment: 'gone' })).toEqual({
      attributes: [],
      events: [],
      segments: ['gone'],
      changesWithTime: false,
    });
  });

  it.each<[string, Condition, boolean]>([
    ['a did without a window does not', { did: 'order.placed' }, false],
    ['a did within a window does', { did: 'order.placed', within: '30d' }, true],
    ['a stored amount does not', { attribute: 'totalSpent', op: 'gte', value: 500 }, false],
    [
      'the lifecycle stage (aged by the daily sweep) does',
      { attribute: 'lifecycleStage', op: 'eq', value: 'at_risk' },
      true,
    ],
    [
      'consent (changed without an event) does',
      { attribute: 'consent.email', op: 'eq', value: 'opted_in' },
      true,
    ],
    ['a window under a not does', { not: { did: 'checkout.started', within: '1d' } }, true],
  ])('whether it changes with time alone: %s', (_, condition, expected) => {
    expect(conditionDependencies(condition).changesWithTime).toBe(expected);
  });
});

describe('eventCanChange', () => {
  const spend = conditionDependencies({ attribute: 'totalSpent', op: 'gte', value: 500 });
  const abandon = conditionDependencies({ did: 'checkout.started', within: '7d' });

  it('an attribute-changing event touches attribute conditions; other events do not', () => {
    expect(eventCanChange(spend, 'order.placed')).toBe(true);
    expect(eventCanChange(spend, 'customer.updated')).toBe(true);
    expect(eventCanChange(spend, 'product.viewed')).toBe(false);
    expect(eventCanChange(spend, 'product.viewed', true)).toBe(true);
  });

  it('an event touches conditions that count its type, and only those', () => {
    expect(eventCanChange(abandon, 'checkout.started')).toBe(true);
    expect(eventCanChange(abandon, 'order.placed')).toBe(false);
    expect(eventCanChange(abandon, 'product.viewed', true)).toBe(false);
  });

  it('segment events change only conditions that count them', () => {
    expect(eventCanChange(spend, 'segment.entered')).toBe(false);
    expect(eventCanChange(conditionDependencies({ did: 'segment.entered' }), 'segment.entered')).toBe(true);
  });
});
