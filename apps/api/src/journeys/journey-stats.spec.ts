import { journeyStatsFrom } from './journey-stats';

describe('journeyStatsFrom', () => {
  it('counts steps per node by outcome, skips by reason without their date, and messages by status', () => {
    const stats = journeyStatsFrom({
      steps: [
        { node_id: 'trigger', outcome: 'completed', reason: null, n: 5 },
        { node_id: 'pause', outcome: 'waiting', reason: null, n: 2 },
        { node_id: 'pause', outcome: 'completed', reason: null, n: 3 },
        {
          node_id: 'email',
          outcome: 'skipped',
          reason: 'skipped: unsubscribed from marketing email on 2026-11-24',
          n: 1,
        },
        {
          node_id: 'email',
          outcome: 'skipped',
          reason: 'skipped: unsubscribed from marketing email on 2026-11-25',
          n: 1,
        },
        { node_id: 'email', outcome: 'skipped', reason: null, n: 1 },
        { node_id: 'email', outcome: 'failed', reason: null, n: 1 },
      ],
      messages: [{ node_id: 'email', status: 'sandboxed', n: 4 }],
      runs: [
        { status: 'running', n: 2 },
        { status: 'completed', n: 3 },
      ],
      conversions: { n: 2, revenue: '59.90' },
    });
    expect(stats).toEqual({
      runs: { running: 2, completed: 3 },
      entered: 5,
      conversions: 2,
      revenue: 59.9,
      nodes: {
        trigger: { entered: 5, waiting: 0, completed: 5, skipped: 0, failed: 0, skippedBy: {}, messages: {} },
        pause: { entered: 5, waiting: 2, completed: 3, skipped: 0, failed: 0, skippedBy: {}, messages: {} },
        email: {
          entered: 4,
          waiting: 0,
          completed: 0,
          skipped: 3,
          failed: 1,
          skippedBy: { 'skipped: unsubscribed from marketing email': 2, skipped: 1 },
          messages: { sandboxed: 4 },
        },
      },
    });
  });

  it('answers zeros for a journey nobody entered', () => {
    expect(
      journeyStatsFrom({ steps: [], messages: [], runs: [], conversions: { n: 0, revenue: '0' } }),
    ).toEqual({
      runs: {},
      entered: 0,
      conversions: 0,
      revenue: 0,
      nodes: {},
    });
  });
});
