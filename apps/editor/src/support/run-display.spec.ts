import { describe, expect, it } from '@jest/globals';
import { auditActionLabel, deliveryTrail, runStatusTone, stepOutcomeTone } from './run-display';

describe('run display', () => {
  it('lists a message delivery events in order and leaves out those that did not happen', () => {
    const trail = deliveryTrail(
      { sentAt: 'S', deliveredAt: 'D', openedAt: null, clickedAt: null, bouncedAt: null },
      (iso) => `<${iso}>`,
    );
    expect(trail).toBe('sent <S>, delivered <D>');
    expect(
      deliveryTrail(
        { sentAt: null, deliveredAt: null, openedAt: null, clickedAt: null, bouncedAt: null },
        String,
      ),
    ).toBe('');
  });

  it('gives skipped steps and failed runs tones that stand out', () => {
    expect(stepOutcomeTone('skipped')).toBe('warning');
    expect(stepOutcomeTone('failed')).toBe('danger');
    expect(runStatusTone('running')).toBe('info');
    expect(runStatusTone('failed')).toBe('danger');
  });

  it('names audit actions in words, and shows unknown ones as they are', () => {
    expect(auditActionLabel('run.cancel')).toBe('cancelled the run');
    expect(auditActionLabel('something.new')).toBe('something.new');
  });
});
