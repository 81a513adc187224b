import { runSchema } from '@waypoint/contract';
import type { RunRow, RunStepRow } from '@waypoint/data';
import { presentRun } from './run-timeline';

const at = (iso: string) => new Date(iso);

const run: RunRow = {
  id: '6f1c2f8e-3a51-4c55-9b0e-2b7f3f6a1c01',
  journey_id: '0b8e6c3a-7d2f-4a8b-9c1d-5e6f7a8b9c0d',
  journey_name: 'Welcome',
  journey_version: 2,
  customer_id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  status: 'running',
  status_reason: null,
  current_node_id: 'pause',
  workflow_id: 'run-6f1c2f8e',
  started_at: at('2026-11-24T10:00:00Z'),
  finished_at: null,
  test: false,
};

const noMessage = {
  message_id: null,
  m_channel: null,
  m_to: null,
  m_subject: null,
  m_status: null,
  m_provider: null,
  m_sent_at: null,
  m_delivery_status: null,
  m_delivered_at: null,
  m_opened_at: null,
  m_clicked_at: null,
  m_bounced_at: null,
  m_delivery_error: null,
};

const step = (over: Partial<RunStepRow>): RunStepRow => ({
  run_id: run.id,
  node_id: 'trigger',
  node_type: 'trigger.event',
  visit: 1,
  outcome: 'completed',
  entered_at: at('2026-11-24T10:00:00Z'),
  finished_at: at('2026-11-24T10:00:01Z'),
  branch: 'next',
  reason: null,
  wake_at: null,
  ...noMessage,
  ...over,
});

describe('presentRun', () => {
  it('says where a running run waits, until when, and whether support may continue it now', () => {
    const answer = presentRun(
      run,
      [
        step({}),
        step({
          node_id: 'email',
          node_type: 'send.email',
          message_id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
          m_channel: 'email',
          m_to: 'ada@example.com',
          m_subject: 'Welcome',
          m_status: 'sandboxed',
          m_provider: 'sandbox',
          m_sent_at: at('2026-11-24T10:00:02Z'),
        }),
        step({
          node_id: 'pause',
          node_type: 'wait.delay',
          outcome: 'waiting',
          finished_at: null,
          branch: null,
          wake_at: at('2026-11-27T10:00:00Z'),
        }),
      ],
      'http://temporal.test/namespaces/default/workflows/run-6f1c2f8e',
    );
    expect(answer.waitingFor).toEqual({
      nodeId: 'pause',
      nodeType: 'wait.delay',
      visit: 1,
      until: '2026-11-27T10:00:00.000Z',
      canContinueNow: true,
    });
    expect(answer.steps.map((s) => s.message?.to ?? null)).toEqual([null, 'ada@example.com', null]);
    expect(runSchema.parse(answer)).toEqual(answer);
  });

  it('does not say a finished run waits, and a wait for an event cannot be continued early', () => {
    const waitingForOrder = step({ node_id: 'order', node_type: 'wait.event', outcome: 'waiting' });
    expect(presentRun(run, [waitingForOrder], '').waitingFor).toMatchObject({ canContinueNow: false });
    expect(presentRun({ ...run, status: 'cancelled' }, [waitingForOrder], '').waitingFor).toBeNull();
  });
});
