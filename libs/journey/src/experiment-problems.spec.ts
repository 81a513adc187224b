import type { JourneyDefinitionInput } from './definition.schema';
import { validateJourney } from './validate-journey';

/** trigger -> split (send 90 / holdout 10); send -> email -> exit; holdout -> `holdoutTarget`. */
function splitWithHoldout(experiment: unknown, holdoutTarget = 'x'): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 't', type: 'trigger.event', data: { event: 'customer.created' } },
      {
        id: 's',
        type: 'branch.split',
        data: {
          arms: [
            { id: 'send', name: 'Send', percent: 90 },
            { id: 'hold', name: 'Holdout', percent: 10 },
          ],
          ...(experiment === undefined ? {} : { experiment }),
        } as never,
      },
      { id: 'e', type: 'send.email', data: { template: 'welcome' } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', target: 's' },
      { source: 's', sourceHandle: 'send', target: 'e' },
      { source: 's', sourceHandle: 'hold', target: holdoutTarget },
      { source: 'e', target: 'x' },
    ],
  };
}

function problems(input: JourneyDefinitionInput) {
  return validateJourney(input).problems.map((p) => [p.nodeId, p.code, p.message]);
}

describe('experiment settings of a split', () => {
  it('are optional: a split saved before they existed still parses and publishes', () => {
    const result = validateJourney(splitWithHoldout(undefined));
    expect(result.ok).toBe(true);
    const split = result.definition?.nodes.find((n) => n.id === 's');
    expect(split?.type === 'branch.split' && split.data.experiment).toBeUndefined();
  });

  it('fill in the defaults (1,000 entries per arm, 95 %)', () => {
    const result = validateJourney(splitWithHoldout({ holdoutArmId: 'hold' }));
    expect(result.ok).toBe(true);
    const split = result.definition?.nodes.find((n) => n.id === 's');
    expect(split?.type === 'branch.split' && split.data.experiment).toEqual({
      minEntriesPerArm: 1_000,
      confidence: 0.95,
      holdoutArmId: 'hold',
    });
  });

  it('accept only 90, 95 or 99 % and a whole, positive horizon', () => {
    for (const bad of [{ confidence: 0.8 }, { minEntriesPerArm: 0 }, { minEntriesPerArm: 2.5 }]) {
      expect(problems(splitWithHoldout(bad))).toEqual([['s', 'invalid_shape', expect.any(String)]]);
    }
    expect(validateJourney(splitWithHoldout({ confidence: 0.99, minEntriesPerArm: 50 })).ok).toBe(true);
  });

  it('refuse a holdout that is not one of the arms', () => {
    expect(problems(splitWithHoldout({ holdoutArmId: 'nope' }))).toEqual([
      ['s', 'invalid_setting', `The holdout "nope" is not one of this split's arms`],
    ]);
  });

  it('refuse the first arm as the holdout: it is the control every variant is compared with', () => {
    expect(problems(splitWithHoldout({ holdoutArmId: 'send' }))).toContainEqual([
      's',
      'invalid_setting',
      'The holdout "send" is the first arm, which is the control: make another arm the holdout',
    ]);
  });

  it('refuse a holdout arm that leads to a send', () => {
    expect(problems(splitWithHoldout({ holdoutArmId: 'hold' }, 'e'))).toEqual([
      [
        's',
        'invalid_setting',
        'The holdout arm "hold" leads to "e" (send.email): a holdout must send nothing',
      ],
    ]);
  });
});
