import type { JourneyDefinitionInput } from './definition.schema';
import { validateJourney, type ValidateJourneyOptions } from './validate-journey';

function welcome(): JourneyDefinitionInput {
  return {
    nodes: [
      { id: 't', type: 'trigger.event', data: { event: 'customer.created' } },
      { id: 'c', type: 'action.coupon', data: { kind: 'percent', value: 10, expiresIn: '14d', prefix: 'W' } },
      { id: 'w', type: 'wait.delay', data: { duration: '1h' } },
      { id: 'e', type: 'send.email', data: { template: 'welcome' } },
      { id: 'x', type: 'exit', data: {} },
    ],
    edges: [
      { source: 't', sourceHandle: 'next', target: 'c' },
      { source: 'c', sourceHandle: 'next', target: 'w' },
      { source: 'w', sourceHandle: 'next', target: 'e' },
      { source: 'e', sourceHandle: 'next', target: 'x' },
    ],
  };
}

function codes(input: unknown, options = {}) {
  return validateJourney(input, options).problems.map((p) => [p.nodeId, p.code]);
}

describe('validateJourney', () => {
  it('accepts a complete journey and fills in default settings', () => {
    const result = validateJourney(welcome());
    expect(result.ok).toBe(true);
    expect(result.definition?.settings).toEqual({
      exitOn: [],
      reentry: { mode: 'after_exit' },
      quietHours: {},
      frequencyCap: [],
    });
  });

  it('reports a malformed graph as shape problems pinned to the node', () => {
    const bad = welcome();
    (bad.nodes[1] as { data: unknown }).data = { kind: 'bogus' };
    expect(codes(bad)).toEqual([['c', 'invalid_shape']]);
    expect(codes(null)).toEqual([[null, 'invalid_shape']]);
  });

  it('needs exactly one trigger', () => {
    const none = welcome();
    none.nodes = none.nodes.filter((n) => n.id !== 't');
    none.edges = none.edges.filter((e) => e.source !== 't');
    expect(codes(none)).toContainEqual([null, 'no_trigger']);

    const two = welcome();
    two.nodes.push({ id: 't2', type: 'trigger.event', data: { event: 'order.placed' } });
    two.edges.push({ source: 't2', sourceHandle: 'next', target: 'c' });
    expect(codes(two)).toContainEqual(['t2', 'multiple_triggers']);
  });

  it('reports duplicate node ids', () => {
    const dup = welcome();
    dup.nodes.push({ id: 'x', type: 'exit', data: {} });
    expect(codes(dup)).toContainEqual(['x', 'duplicate_node_id']);
  });

  it('reports unreachable nodes', () => {
    const island = welcome();
    island.nodes.push({ id: 'lonely', type: 'exit', data: {} });
    expect(codes(island)).toEqual([['lonely', 'unreachable_node']]);
  });

  it('reports outputs that lead nowhere, edges to unknown nodes or outputs, and doubled outputs', () => {
    const dangling = welcome();
    dangling.edges = dangling.edges.filter((e) => e.source !== 'e');
    expect(codes(dangling)).toContainEqual(['e', 'output_not_connected']);

    const unknownNode = welcome();
    unknownNode.edges.push({ source: 'x', sourceHandle: 'next', target: 'ghost' });
    expect(codes(unknownNode)).toContainEqual(['x', 'edge_unknown_node']);

    const unknownOutput = welcome();
    unknownOutput.edges.push({ source: 'w', sourceHandle: 'timeout', target: 'x' });
    expect(codes(unknownOutput)).toContainEqual(['w', 'edge_unknown_output']);

    const doubled = welcome();
    doubled.edges.push({ source: 'e', sourceHandle: 'next', target: 'c' });
    expect(codes(doubled)).toContainEqual(['e', 'output_connected_twice']);
  });

  it('refuses edges into the trigger', () => {
    const back = welcome();
    back.edges = back.edges.map((e) => (e.source === 'e' ? { ...e, target: 't' } : e));
    expect(codes(back)).toContainEqual(['t', 'edge_into_trigger']);
  });

  it('refuses a loop without a wait and allows one with a wait', () => {
    const spin: JourneyDefinitionInput = {
      nodes: [
        { id: 't', type: 'trigger.event', data: { event: 'customer.created' } },
        { id: 'a', type: 'send.email', data: { template: 'welcome' } },
        { id: 'b', type: 'action.coupon', data: { kind: 'fixed', value: 5 } },
      ],
      edges: [
        { source: 't', sourceHandle: 'next', target: 'a' },
        { source: 'a', sourceHandle: 'next', target: 'b' },
        { source: 'b', sourceHandle: 'next', target: 'a' },
      ],
    };
    expect(codes(spin)).toEqual([['a', 'loop_without_wait']]);

    spin.nodes.push({ id: 'w', type: 'wait.delay', data: { duration: '7d' } });
    spin.edges = spin.edges.map((e) => (e.source === 'b' ? { ...e, target: 'w' } : e));
    spin.edges.push({ source: 'w', sourceHandle: 'next', target: 'a' });
    expect(codes(spin)).toEqual([]);
  });

  it('reports bad durations, percentages and split sums', () => {
    const bad = welcome();
    (bad.nodes[2] as { data: { duration: string } }).data.duration = '1 fortnight';
    (bad.nodes[1] as { data: { value: number } }).data.value = 150;
    expect(codes(bad)).toEqual(
      expect.arrayContaining([
        ['w', 'invalid_duration'],
        ['c', 'invalid_percentages'],
      ]),
    );

    const split: JourneyDefinitionInput = {
      nodes: [
        { id: 't', type: 'trigger.event', data: { event: 'customer.created' } },
        {
          id: 's',
          type: 'branch.split',
          data: {
            arms: [
              { id: 'a', name: 'A', percent: 60 },
              { id: 'b', name: 'B', percent: 30 },
            ],
          },
        },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 's' },
        { source: 's', sourceHandle: 'a', target: 'x' },
        { source: 's', sourceHandle: 'b', target: 'x' },
      ],
    };
    expect(codes(split)).toEqual([['s', 'invalid_percentages']]);
  });

  it('asks about every template and reports missing or broken ones on their node', () => {
    const asked: string[] = [];
    const result = validateJourney(welcome(), {
      checkTemplate: (channel, name) => {
        asked.push(`${channel}/${name}`);
        return 'missing template: no email template "welcome"';
      },
    });
    expect(asked).toEqual(['email/welcome']);
    expect(result.problems).toEqual([
      { nodeId: 'e', code: 'template_missing', message: 'missing template: no email template "welcome"' },
    ]);
  });

  it('refuses conditions that cannot be decided where they are used, and bad durations inside them', () => {
    const waitForOrder: JourneyDefinitionInput = {
      nodes: [
        {
          id: 't',
          type: 'trigger.event',
          data: { event: 'checkout.started', filter: { did: 'order.placed', within: 'ages' } },
        },
        {
          id: 'w',
          type: 'wait.event',
          data: { event: 'order.placed', timeout: '1d', filter: { attribute: 'vip', op: 'eq', value: true } },
        },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 'w' },
        { source: 'w', sourceHandle: 'event', target: 'x' },
        { source: 'w', sourceHandle: 'timeout', target: 'x' },
      ],
      settings: { exitOn: [{ event: 'order.placed', filter: { did: 'order.placed' } }] },
    };
    expect(codes(waitForOrder)).toEqual([
      ['t', 'invalid_duration'],
      ['w', 'invalid_condition'],
      [null, 'invalid_condition'],
    ]);
  });

  it('refuses branch condition ids that repeat or take the name "else"', () => {
    const branch: JourneyDefinitionInput = {
      nodes: [
        { id: 't', type: 'trigger.event', data: { event: 'customer.created' } },
        {
          id: 'b',
          type: 'branch.condition',
          data: {
            conditions: [
              { id: 'else', name: 'Else?', when: { attribute: 'vip', op: 'exists' } },
              { id: 'vip', name: 'VIP', when: { attribute: 'vip', op: 'eq', value: true } },
              { id: 'vip', name: 'VIP again', when: { attribute: 'vip', op: 'eq', value: true } },
            ],
          },
        },
        { id: 'x', type: 'exit', data: {} },
      ],
      edges: [
        { source: 't', target: 'b' },
        { source: 'b', sourceHandle: 'else', target: 'x' },
        { source: 'b', sourceHandle: 'vip', target: 'x' },
      ],
    };
    expect(codes(branch).filter(([, code]) => code === 'invalid_condition')).toEqual([
      ['b', 'invalid_condition'],
      ['b', 'invalid_condition'],
    ]);
  });

  it('checks journey settings: goal window, cooldown, frequency caps', () => {
    const bad = welcome();
    bad.settings = {
      goal: { event: 'order.placed', window: 'a week' },
      reentry: { mode: 'cooldown' },
      frequencyCap: [{ channel: 'sms', max: 1, per: 'daily' }],
    };
    expect(codes(bad)).toEqual([
      [null, 'invalid_setting'],
      [null, 'invalid_setting'],
      [null, 'invalid_setting'],
    ]);
  });

  it('refuses wait.until without exactly one mode and WhatsApp nodes with nothing to send', () => {
    const bad = welcome();
    bad.nodes[2] = {
      id: 'w',
      type: 'wait.until',
      data: { timeOfDay: '09:00', attribute: 'attributes.birthday' },
    };
    bad.nodes[3] = { id: 'e', type: 'send.whatsapp', data: {} };
    expect(codes(bad)).toEqual([
      ['w', 'invalid_shape'],
      ['e', 'invalid_shape'],
    ]);
  });

  it('returns every problem at once', () => {
    const bad = welcome();
    bad.nodes.push({ id: 'lonely', type: 'exit', data: {} });
    (bad.nodes[2] as { data: { duration: string } }).data.duration = 'later';
    bad.edges = bad.edges.filter((e) => e.source !== 'e');
    expect(codes(bad)).toEqual([
      ['e', 'output_not_connected'],
      ['x', 'unreachable_node'],
      ['lonely', 'unreachable_node'],
      ['w', 'invalid_duration'],
    ]);
  });

  it('never throws on randomly generated graphs', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const types = [
      'trigger.event',
      'wait.delay',
      'wait.event',
      'branch.condition',
      'branch.split',
      'send.email',
      'action.coupon',
      'exit',
      'nonsense',
    ];
    for (let i = 0; i < 500; i++) {
      const ids = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, n) =>
        pick([`n${n}`, `n${n}`, 'dup']),
      );
      const graph = {
        nodes: ids.map((id) => ({
          id,
          type: pick(types),
          data: pick([
            {},
            { event: 'x' },
            { duration: pick(['1h', 'x', '']) },
            { arms: [{ id: 'a', name: 'A', percent: 100 }] },
            null,
          ]),
        })),
        edges: Array.from({ length: Math.floor(random() * 20) }, () => ({
          source: pick([...ids, 'ghost']),
          sourceHandle: pick(['next', 'event', 'timeout', 'else', 'a', undefined]),
          target: pick([...ids, 'ghost']),
        })),
      };
      expect(() =>
        validateJourney(pick([graph, { ...graph, nodes: 'x' }, undefined, [], graph])),
      ).not.toThrow();
    }
  });

  describe('templates that need a coupon', () => {
    const needsCoupon: ValidateJourneyOptions = {
      templateNeeds: (_channel, name) => (name === 'welcome' ? ['coupon'] : []),
    };

    it('accepts a send after a coupon step', () => {
      expect(codes(welcome(), needsCoupon)).toEqual([]);
    });

    it('refuses a send with no coupon step before it, naming the node', () => {
      const noCoupon = welcome();
      noCoupon.nodes = noCoupon.nodes.filter((n) => n.id !== 'c');
      noCoupon.edges = [
        { source: 't', sourceHandle: 'next', target: 'w' },
        ...noCoupon.edges.filter((e) => e.source !== 't' && e.source !== 'c'),
      ];
      const result = validateJourney(noCoupon, needsCoupon);
      expect(result.problems).toEqual([
        expect.objectContaining({
          nodeId: 'e',
          code: 'template_needs_data',
          message: expect.stringContaining('"welcome"'),
        }),
      ]);
    });

    it('refuses a send reached by a path that skips the coupon step', () => {
      const branched = welcome();
      branched.nodes.splice(1, 0, {
        id: 'b',
        type: 'branch.condition',
        data: {
          conditions: [{ id: 'vip', name: 'VIP', when: { attribute: 'vip', op: 'eq', value: true } }],
        },
      } as JourneyDefinitionInput['nodes'][number]);
      branched.edges = [
        { source: 't', sourceHandle: 'next', target: 'b' },
        { source: 'b', sourceHandle: 'vip', target: 'c' },
        { source: 'b', sourceHandle: 'else', target: 'w' },
        ...branched.edges.filter((e) => e.source !== 't'),
      ];
      expect(codes(branched, needsCoupon)).toEqual([['e', 'template_needs_data']]);
      // Without the template check, the same graph is valid.
      expect(codes(branched)).toEqual([]);
    });

    it('leaves templates that need nothing alone', () => {
      const noCoupon = welcome();
      noCoupon.nodes = noCoupon.nodes.filter((n) => n.id !== 'c');
      noCoupon.edges = [
        { source: 't', sourceHandle: 'next', target: 'w' },
        ...noCoupon.edges.filter((e) => e.source !== 't' && e.source !== 'c'),
      ];
      expect(codes(noCoupon, { templateNeeds: () => [] })).toEqual([]);
    });
  });
});
