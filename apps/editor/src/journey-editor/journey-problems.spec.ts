import { describe, expect, it } from '@jest/globals';
import type { JourneyProblem } from '@waypoint/journey';
import { groupByNode, readableProblem, standingProblems, verdictOf } from './journey-problems';

const problem = (
  nodeId: string | null,
  code: JourneyProblem['code'],
  message: string = code,
): JourneyProblem => ({
  nodeId,
  code,
  message,
});

describe('journey problems', () => {
  it('pins problems to their nodes and leaves journey-level ones out of the pins', () => {
    const byNode = groupByNode([
      problem('email', 'template_missing'),
      problem('email', 'output_not_connected'),
      problem(null, 'invalid_setting'),
    ]);
    expect([...byNode.keys()]).toEqual(['email']);
    expect(byNode.get('email')).toHaveLength(2);
  });

  it('turns schema paths into words a marketer reads', () => {
    expect(
      readableProblem(
        problem('e', 'invalid_shape', 'nodes.2.data.template: String must contain at least 1 character(s)'),
      ),
    ).toBe('Template: must be filled in');
    expect(
      readableProblem(
        problem(
          'w',
          'invalid_shape',
          'nodes.4.data: give a session template, an approved template (content SID), or both',
        ),
      ),
    ).toBe('Give a session template, an approved template (content SID), or both');
    expect(readableProblem(problem('e', 'output_not_connected', 'Output "next" leads nowhere'))).toBe(
      'Output "next" leads nowhere',
    );
  });

  it('after a refusal, shows the fresh local check plus server-only problems of untouched nodes', () => {
    const nodes = [
      { id: 'email', data: { template: 'nope' } },
      { id: 'sms', data: { template: 'nope' } },
    ];
    const verdict = verdictOf(
      [
        problem('email', 'template_missing'),
        problem('sms', 'template_missing'),
        problem('email', 'output_not_connected'),
      ],
      nodes,
    );
    // The marketer fixed the SMS template and connected the email's output.
    const now = [nodes[0], { id: 'sms', data: { template: 'cart-last-call' } }];
    const local: JourneyProblem[] = [];
    expect(standingProblems(verdict, local, now)).toEqual([problem('email', 'template_missing')]);
  });

  it('drops server-only problems of deleted nodes and keeps whatever the local check finds', () => {
    const verdict = verdictOf([problem('gone', 'template_missing')], [{ id: 'gone', data: {} }]);
    const local = [problem('wait', 'invalid_duration')];
    expect(standingProblems(verdict, local, [{ id: 'wait', data: {} }])).toEqual(local);
  });
});
