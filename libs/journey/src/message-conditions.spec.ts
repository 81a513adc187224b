/**
 * Rules on a run's own messages (docs/product.md, "Clicked and opened"): a `wait.event` with
 * `thisRun` and a `did … thisRun` branch rule, how they match, read and are refused where no run
 * exists.
 */
import { describeCondition, matchesWaitEvent } from './condition-evaluation';
import { conditionSchema, readsRun, type Condition } from './condition.schema';
import type { JourneyDefinitionInput } from './definition.schema';
import { validateJourney } from './validate-journey';

const clickedInEmail: Condition = {
  all: [
    { property: 'nodeId', op: 'eq', value: 'email' },
    { property: 'url', op: 'contains', value: '/sale' },
  ],
};

function click(properties: Record<string, unknown>) {
  return { type: 'message.clicked', properties };
}

describe('waiting for a click on this run’s message', () => {
  const wait = { event: 'message.clicked', filter: clickedInEmail, thisRun: true };

  it('matches a click of this run’s message on a link containing the text, ignoring case', () => {
    expect(
      matchesWaitEvent(
        wait,
        click({ runId: 'r1', nodeId: 'email', url: 'https://s.example/SALE/shoes' }),
        'r1',
      ),
    ).toBe(true);
  });

  it('ignores the same node’s click in another run (another journey, an earlier entry)', () => {
    expect(
      matchesWaitEvent(wait, click({ runId: 'r2', nodeId: 'email', url: 'https://s.example/sale' }), 'r1'),
    ).toBe(false);
  });

  it('ignores another message’s click, another link and another event type', () => {
    expect(
      matchesWaitEvent(wait, click({ runId: 'r1', nodeId: 'sms', url: 'https://s.example/sale' }), 'r1'),
    ).toBe(false);
    expect(
      matchesWaitEvent(wait, click({ runId: 'r1', nodeId: 'email', url: 'https://s.example/' }), 'r1'),
    ).toBe(false);
    expect(
      matchesWaitEvent(
        wait,
        { type: 'message.opened', properties: { runId: 'r1', nodeId: 'email', url: '/sale' } },
        'r1',
      ),
    ).toBe(false);
  });

  it('keeps a wait written without thisRun as it was: any run’s event with the node id counts', () => {
    const old = {
      event: 'message.clicked',
      filter: { property: 'nodeId', op: 'eq', value: 'email' } as Condition,
    };
    expect(matchesWaitEvent(old, click({ runId: 'r2', nodeId: 'email' }), 'r1')).toBe(true);
  });
});

describe('a branch rule on this run’s messages', () => {
  const opened: Condition = {
    did: 'message.opened',
    where: { nodeId: 'email' },
    filter: { property: 'machineOpen', op: 'neq', value: true },
    thisRun: true,
  };

  it('parses with the shared schema and says it reads the run', () => {
    expect(conditionSchema.parse(opened)).toEqual(opened);
    expect(readsRun(opened)).toBe(true);
    expect(readsRun({ any: [{ segment: 'vip' }, { not: opened }] })).toBe(true);
    expect(readsRun({ did: 'message.opened' })).toBe(false);
    expect(conditionSchema.safeParse({ did: 'message.opened', thisRun: false }).success).toBe(false);
  });

  it('reads in words for the step’s reason', () => {
    expect(describeCondition(opened)).toBe(
      'did message.opened where nodeId = "email" where event machineOpen is not true in this run at least 1 time',
    );
  });
});

function journey(nodes: JourneyDefinitionInput['nodes'], edges: JourneyDefinitionInput['edges']) {
  return { nodes, edges } satisfies JourneyDefinitionInput;
}

function problemsOf(input: JourneyDefinitionInput) {
  return validateJourney(input).problems.map((p) => [p.nodeId, p.code, p.message]);
}

describe('publishing rules on this run’s messages', () => {
  const trigger = { id: 't', type: 'trigger.event' as const, data: { event: 'customer.created' } };
  const email = { id: 'email', type: 'send.email' as const, data: { template: 'welcome' } };
  const exit = (id: string) => ({ id, type: 'exit' as const, data: {} });

  it('publishes a click wait and an opened branch that name a send step of the journey', () => {
    const result = validateJourney(
      journey(
        [
          trigger,
          email,
          {
            id: 'w',
            type: 'wait.event',
            data: { event: 'message.clicked', filter: clickedInEmail, thisRun: true, timeout: '3d' },
          },
          {
            id: 'b',
            type: 'branch.condition',
            data: {
              conditions: [
                {
                  id: 'yes',
                  name: 'Opened',
                  when: { did: 'message.opened', where: { nodeId: 'email' }, thisRun: true },
                },
              ],
            },
          },
          exit('x1'),
          exit('x2'),
          exit('x3'),
        ],
        [
          { source: 't', target: 'email' },
          { source: 'email', target: 'w' },
          { source: 'w', sourceHandle: 'event', target: 'b' },
          { source: 'w', sourceHandle: 'timeout', target: 'x1' },
          { source: 'b', sourceHandle: 'yes', target: 'x2' },
          { source: 'b', sourceHandle: 'else', target: 'x3' },
        ],
      ),
    );
    expect(result.problems).toEqual([]);
  });

  it('refuses a rule naming a step that is not a send step, and "this run" where there is no run', () => {
    const problems = problemsOf(
      journey(
        [
          {
            ...trigger,
            data: { event: 'customer.created', filter: { did: 'message.clicked', thisRun: true } },
          },
          email,
          {
            id: 'b',
            type: 'branch.condition',
            data: {
              conditions: [
                {
                  id: 'yes',
                  name: 'Opened',
                  when: { did: 'message.opened', where: { nodeId: 't' }, thisRun: true },
                },
              ],
            },
          },
          exit('x2'),
          exit('x3'),
        ],
        [
          { source: 't', target: 'email' },
          { source: 'email', target: 'b' },
          { source: 'b', sourceHandle: 'yes', target: 'x2' },
          { source: 'b', sourceHandle: 'else', target: 'x3' },
        ],
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        [
          't',
          'invalid_condition',
          'The trigger filter cannot ask about "this run": it is decided before or outside any run',
        ],
        ['b', 'invalid_condition', 'The message rule names "t", which is not a send step of this journey'],
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('refuses a this-run wait naming a step that is not a send step; a branch on the trigger event’s nodeId is no message rule', () => {
    const problems = problemsOf(
      journey(
        [
          { ...trigger, data: { event: 'message.clicked' } },
          {
            id: 'w',
            type: 'wait.event',
            data: {
              event: 'message.clicked',
              thisRun: true,
              filter: { property: 'nodeId', op: 'eq', value: 'nowhere' },
              timeout: '1d',
            },
          },
          {
            id: 'b',
            type: 'branch.condition',
            data: {
              conditions: [
                {
                  id: 'yes',
                  name: 'From the other journey',
                  when: { property: 'nodeId', op: 'eq', value: 'x' },
                },
              ],
            },
          },
          exit('x1'),
          exit('x2'),
          exit('x3'),
        ],
        [
          { source: 't', target: 'w' },
          { source: 'w', sourceHandle: 'event', target: 'b' },
          { source: 'w', sourceHandle: 'timeout', target: 'x1' },
          { source: 'b', sourceHandle: 'yes', target: 'x2' },
          { source: 'b', sourceHandle: 'else', target: 'x3' },
        ],
      ),
    );
    expect(problems).toEqual([
      [
        'w',
        'invalid_condition',
        'The message rule names "nowhere", which is not a send step of this journey',
      ],
    ]);
  });

  it('refuses a "did" filter that reads more than the counted event', () => {
    const problems = problemsOf(
      journey(
        [
          trigger,
          {
            id: 'b',
            type: 'branch.condition',
            data: {
              conditions: [
                { id: 'yes', name: 'Bad', when: { did: 'message.opened', filter: { segment: 'vip' } } },
              ],
            },
          },
          exit('x2'),
          exit('x3'),
        ],
        [
          { source: 't', target: 'b' },
          { source: 'b', sourceHandle: 'yes', target: 'x2' },
          { source: 'b', sourceHandle: 'else', target: 'x3' },
        ],
      ),
    );
    expect(problems).toEqual([
      [
        'b',
        'invalid_condition',
        'Condition "Bad": the filter of a "did" rule may read only that event\'s properties',
      ],
    ]);
  });
});
