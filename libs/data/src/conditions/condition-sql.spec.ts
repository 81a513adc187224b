import { compileCustomerFilter } from './condition-sql';

const asOf = new Date('2026-01-01T00:00:00Z');

describe('compileCustomerFilter', () => {
  it('compares a computed number column with a number in SQL, so its index can serve the count', () => {
    const f = compileCustomerFilter({ attribute: 'ordersCount', op: 'gte', value: 2 }, { asOf });
    expect(f.where).toBe('((c.orders_count >= $1::bigint))');
    expect(f.params).toEqual([2]);
    expect(compileCustomerFilter({ attribute: 'totalSpent', op: 'gte', value: 500 }, { asOf }).where).toBe(
      '((c.total_spent >= $1::numeric))',
    );
  });

  it('keeps a fraction against an integer column exact (numeric, not rounded to an integer)', () => {
    const f = compileCustomerFilter({ attribute: 'ordersCount', op: 'gt', value: 1.5 }, { asOf });
    expect(f.where).toBe('((c.orders_count > $1::numeric))');
  });

  it('treats "not equal" like the jsonb form: a customer without the value is different', () => {
    const f = compileCustomerFilter({ attribute: 'averageOrderValue', op: 'neq', value: 10 }, { asOf });
    expect(f.where).toBe('((c.average_order_value IS DISTINCT FROM $1::numeric))');
  });

  it('matches a lifecycle stage in a list with = ANY, false for a missing stage', () => {
    const f = compileCustomerFilter(
      { attribute: 'lifecycleStage', op: 'in', value: ['vip', 'loyal'] },
      { asOf },
    );
    expect(f.where).toBe('((c.lifecycle_stage IS NOT NULL AND c.lifecycle_stage = ANY($1::text[])))');
    expect(f.params).toEqual([['vip', 'loyal']]);
  });

  it('keeps the jsonb comparison where SQL types would change the result (a string against a number column)', () => {
    const f = compileCustomerFilter({ attribute: 'totalSpent', op: 'gte', value: '500' }, { asOf });
    expect(f.where).toContain('to_jsonb(c.total_spent)');
    const attr = compileCustomerFilter({ attribute: 'attributes.size', op: 'eq', value: 3 }, { asOf });
    expect(attr.where).toContain('c.attributes #>');
  });

  it("counts only the run's own message events for a `thisRun` rule, with its filter on the event's properties", () => {
    const condition = {
      did: 'message.clicked',
      where: { nodeId: 'email' },
      filter: { property: 'url', op: 'contains' as const, value: '/sale' },
      thisRun: true as const,
    };
    const f = compileCustomerFilter(condition, { asOf, runId: 'run-1' });
    expect(f.where).toContain(`e.properties ->> 'runId' = $4`);
    expect(f.where).toContain(`(e.properties #> $5::text[])`);
    expect(f.where).toContain(`strpos(lower((e.properties #> $5::text[]) #>> '{}'), lower($7)) > 0`);
    expect(f.params).toEqual([
      'message.clicked',
      asOf,
      JSON.stringify({ nodeId: 'email' }),
      'run-1',
      ['url'],
      '"/sale"',
      '/sale',
      1,
    ]);
  });

  it('counts nothing for a `thisRun` rule decided outside a run (a segment, a preview)', () => {
    const f = compileCustomerFilter({ did: 'message.opened', thisRun: true }, { asOf });
    expect(f.where).toContain('AND false)');
    expect(f.params).not.toContain(undefined);
  });

  it('refuses a `did` filter that reads more than the event', () => {
    expect(() =>
      compileCustomerFilter({ did: 'message.opened', filter: { segment: 'vip' } }, { asOf }),
    ).toThrow('the filter of a "did" rule may read only event properties');
  });
});
