import { describe, expect, it } from '@jest/globals';
import { changesNothing, runsSentence, stepLabel } from './publish-impact-display';

describe('publish impact display', () => {
  it('labels a step by its type and id', () => {
    expect(stepLabel({ id: 'pause2', type: 'wait.delay' })).toMatch(/ “pause2”$/);
    expect(stepLabel({ id: 'x', type: 'no.such' })).toBe('no.such “x”');
  });

  it('says how many runs stay on which versions', () => {
    expect(runsSentence([])).toBeNull();
    expect(runsSentence([{ version: 1, runs: 1 }])).toBe('1 run in progress on v1 stays on its version.');
    expect(
      runsSentence([
        { version: 1, runs: 2 },
        { version: 2, runs: 3 },
      ]),
    ).toBe('5 runs in progress on v1, v2 (2 on v1, 3 on v2) stay on their version.');
  });

  it('knows a draft that changes nothing', () => {
    const none = {
      liveVersion: 1,
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: 0, removed: 0 },
      settingsChanged: [],
      runsInProgress: [],
      problems: [],
      canPublish: true,
    };
    expect(changesNothing(none)).toBe(true);
    expect(changesNothing({ ...none, settingsChanged: ['goal'] })).toBe(false);
  });
});
