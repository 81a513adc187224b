import { describe, expect, it } from '@jest/globals';
import { fromRuleGroup, parseValueText, toRuleGroup, withOperator } from './condition-rules';

describe('the condition builder model', () => {
  it('shows no condition as an empty rule list, and an empty list as no condition', () => {
    expect(toRuleGroup(undefined)).toEqual({ match: 'all', rules: [] });
    expect(fromRuleGroup({ match: 'all', rules: [] })).toBeUndefined();
  });

  it('edits a single leaf as one rule and stores one rule as the bare leaf', () => {
    const leaf = { attribute: 'consent.sms', op: 'eq' as const, value: 'opted_in' };
    expect(toRuleGroup(leaf)).toEqual({ match: 'all', rules: [leaf] });
    expect(fromRuleGroup({ match: 'any', rules: [leaf] })).toEqual(leaf);
  });

  it('round-trips an all/any group of leaves (the shipped WhatsApp condition)', () => {
    const condition = {
      all: [
        { attribute: 'consent.whatsapp', op: 'eq' as const, value: 'opted_in' },
        { did: 'whatsapp.inbound', within: '1d' },
      ],
    };
    const group = toRuleGroup(condition);
    expect(group).toEqual({ match: 'all', rules: condition.all });
    expect(fromRuleGroup(group!)).toEqual(condition);
    expect(fromRuleGroup({ ...group!, match: 'any' })).toEqual({ any: condition.all });
  });

  it('hands conditions nested deeper than one group to the JSON editor', () => {
    expect(toRuleGroup({ not: { segment: 'vip' } })).toBeNull();
    expect(toRuleGroup({ all: [{ any: [{ segment: 'a' }, { segment: 'b' }] }] })).toBeNull();
  });

  it('reads typed values as numbers, booleans or text, and comma lists for "is one of"', () => {
    expect(parseValueText('2', 'gte')).toBe(2);
    expect(parseValueText('19.90', 'gt')).toBe(19.9);
    expect(parseValueText('true', 'eq')).toBe(true);
    expect(parseValueText('opted_in', 'eq')).toBe('opted_in');
    expect(parseValueText('vip, 3, gold', 'in')).toEqual(['vip', 3, 'gold']);
    expect(parseValueText('anything', 'exists')).toBeUndefined();
  });

  it('drops the value when the operator needs none and keeps it otherwise', () => {
    const rule = { attribute: 'ordersCount', op: 'eq' as const, value: 2 };
    expect(withOperator(rule, 'exists')).toEqual({ attribute: 'ordersCount', op: 'exists' });
    expect(withOperator(rule, 'gte')).toEqual({ attribute: 'ordersCount', op: 'gte', value: 2 });
    expect(withOperator(rule, 'in')).toEqual({ attribute: 'ordersCount', op: 'in', value: [2] });
  });
});
