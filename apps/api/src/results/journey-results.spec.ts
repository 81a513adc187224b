import { addDays, daysBetween, journeyResultsFrom, todayIn } from './journey-results';

describe('journeyResultsFrom', () => {
  it('lists every day of the range, sums exits by reason and works out the node rates', () => {
    const results = journeyResultsFrom({
      journeyId: '00000000-0000-4000-8000-000000000001',
      from: '2026-11-09',
      to: '2026-11-11',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      rolledUpTo: new Date('2026-11-11T10:00:00Z'),
      rows: [
        { day: '2026-11-10', metric: 'entered', nodeId: '', reason: '', n: 4, revenue: 0 },
        { day: '2026-11-11', metric: 'entered', nodeId: '', reason: '', n: 1, revenue: 0 },
        { day: '2026-11-10', metric: 'recipients', nodeId: '', reason: '', n: 3, revenue: 0 },
        { day: '2026-11-11', metric: 'converted', nodeId: '', reason: '', n: 2, revenue: 90 },
        {
          day: '2026-11-10',
          metric: 'exit:exited',
          nodeId: '',
          reason: 'exit rule: order.placed',
          n: 1,
          revenue: 0,
        },
        {
          day: '2026-11-11',
          metric: 'exit:exited',
          nodeId: '',
          reason: 'exit rule: order.placed',
          n: 1,
          revenue: 0,
        },
        { day: '2026-11-11', metric: 'exit:failed', nodeId: '', reason: '', n: 1, revenue: 0 },
        { day: '2026-11-10', metric: 'node:entered', nodeId: 'email', reason: '', n: 4, revenue: 0 },
        { day: '2026-11-10', metric: 'node:sent', nodeId: 'email', reason: '', n: 4, revenue: 0 },
        { day: '2026-11-10', metric: 'node:delivered', nodeId: 'email', reason: '', n: 2, revenue: 0 },
        { day: '2026-11-11', metric: 'node:delivered', nodeId: 'email', reason: '', n: 2, revenue: 0 },
        { day: '2026-11-11', metric: 'node:opened', nodeId: 'email', reason: '', n: 2, revenue: 0 },
        { day: '2026-11-11', metric: 'node:clicked', nodeId: 'email', reason: '', n: 1, revenue: 0 },
        { day: '2026-11-11', metric: 'node:converted', nodeId: 'email', reason: '', n: 2, revenue: 90 },
        // Outside the range: left out.
        { day: '2026-11-12', metric: 'entered', nodeId: '', reason: '', n: 7, revenue: 0 },
      ],
    });
    expect(results.days).toEqual([
      { day: '2026-11-09', entered: 0, exited: 0, conversions: 0, revenue: 0 },
      { day: '2026-11-10', entered: 4, exited: 1, conversions: 0, revenue: 0 },
      { day: '2026-11-11', entered: 1, exited: 2, conversions: 2, revenue: 90 },
    ]);
    expect(results).toMatchObject({
      entered: 5,
      exited: 3,
      failed: 1,
      conversions: 2,
      revenue: 90,
      conversionRate: 0.4,
      recipients: 3,
      revenuePerRecipient: 30,
      rolledUpTo: '2026-11-11T10:00:00.000Z',
    });
    expect(results.exits).toEqual([
      { status: 'exited', reason: 'exit rule: order.placed', runs: 2 },
      { status: 'failed', reason: null, runs: 1 },
    ]);
    expect(results.nodes).toEqual([
      {
        nodeId: 'email',
        entered: 4,
        failed: 0,
        sent: 4,
        delivered: 4,
        opened: 2,
        clicked: 1,
        converted: 2,
        revenue: 90,
        deliveryRate: 1,
        openRate: 0.5,
        clickRate: 0.25,
        conversionRate: 0.5,
      },
    ]);
  });

  it('gives null rates when there is nothing to divide by', () => {
    const results = journeyResultsFrom({
      journeyId: '00000000-0000-4000-8000-000000000001',
      from: '2026-11-10',
      to: '2026-11-10',
      timeZone: 'UTC',
      currency: 'EUR',
      rolledUpTo: null,
      rows: [],
    });
    expect(results).toMatchObject({
      conversionRate: null,
      revenuePerRecipient: null,
      rolledUpTo: null,
      nodes: [],
    });
  });
});

describe('result days', () => {
  it("moves calendar days and cuts today in the store's time zone", () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    // 23:30 UTC is already tomorrow in Berlin, still today in New York.
    const now = new Date('2026-11-10T23:30:00Z');
    expect(todayIn('Europe/Berlin', now)).toBe('2026-11-11');
    expect(todayIn('America/New_York', now)).toBe('2026-11-10');
  });
});
