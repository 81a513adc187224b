import { describe, expect, it } from '@jest/globals';
import type { ResultsNode } from '../api-types';
import { addDays, exitLabel, lastDays, nodeFigures } from './results-display';

const email: ResultsNode = {
  nodeId: 'email',
  entered: 1200,
  failed: 0,
  sent: 1000,
  delivered: 800,
  opened: 400,
  clicked: 100,
  converted: 60,
  revenue: 3000,
  deliveryRate: 0.8,
  openRate: 0.5,
  clickRate: 0.125,
  conversionRate: 0.05,
};

describe('results display', () => {
  it('gives the last N days up to today, across a month and a year', () => {
    expect(lastDays('2026-03-01', 30)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(lastDays('2026-01-03', 7)).toEqual({ from: '2025-12-28', to: '2026-01-03' });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('shows a send node as counts or as rates of the step before', () => {
    expect(nodeFigures(email, 'counts', true).map((f) => `${f.label} ${f.text}`)).toEqual([
      'entered 1,200',
      'sent 1,000',
      'delivered 800',
      'opened 400',
      'clicked 100',
      'converted 60',
    ]);
    expect(nodeFigures(email, 'rates', true).map((f) => `${f.label} ${f.text}`)).toEqual([
      'entered 1,200',
      'sent 1,000',
      'delivered 80.0 %',
      'opened 50.0 %',
      'clicked 12.5 %',
      'converted 5.0 %',
    ]);
    const wait = { ...email, nodeId: 'wait', sent: 0, failed: 2, conversionRate: null };
    expect(nodeFigures(wait, 'rates', false).map((f) => `${f.label} ${f.text}`)).toEqual([
      'entered 1,200',
      'failed 2',
      'converted —',
    ]);
  });

  it('names exits by status, with the exit rule for exited runs', () => {
    expect(exitLabel({ status: 'exited', reason: 'exit rule: order.placed', runs: 3 })).toBe(
      'exited (exit rule: order.placed)',
    );
    expect(exitLabel({ status: 'failed', reason: null, runs: 1 })).toBe('failed');
  });
});
