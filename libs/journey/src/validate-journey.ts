/**
 * Publish-time validation: every problem at once, each pinned to its node, so the editor can
 * show them all on the canvas. Never throws, whatever it is given.
 */
import { journeyDefinitionSchema, type JourneyDefinition, type JourneyNode } from './definition.schema';
import { durationsIn, isEventOnly, readsRun, type Condition } from './condition.schema';
import { isDuration } from './duration';
import { isTrigger, outputsOf } from './graph';
import type { JourneyProblem } from './journey-problem';
import { experimentProblems } from './experiment-problems';

export type TemplateChannel = 'email' | 'sms' | 'whatsapp';

export interface ValidateJourneyOptions {
  /** Answers whether a template exists and renders with sample data; a string is the reason it does not. */
  checkTemplate?: (channel: TemplateChannel, name: string) => true | string;
  /**
   * The run data a template cannot render without (e.g. `coupon`, which only an `action.coupon`
   * step before the send provides); a send whose template needs a coupon no step before it draws
   * on every path is a problem.
   */
  templateNeeds?: (channel: TemplateChannel, name: string) => readonly TemplateData[];
}

/** Run data a template may need that a step before the send must provide. */
export type TemplateData = 'coupon';

export type ValidationResult =
  | { ok: true; definition: JourneyDefinition; problems: [] }
  | { ok: false; definition?: JourneyDefinition; problems: JourneyProblem[] };

const WAIT_TYPES = new Set(['wait.delay', 'wait.until', 'wait.event']);

export function validateJourney(input: unknown, options: ValidateJourneyOptions = {}): ValidationResult {
  const parsed = journeyDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => shapeProblem(input, issue)) };
  }
  const definition = parsed.data;
  const problems = [
    ...checkNodes(definition),
    ...checkEdges(definition),
    ...checkReachability(definition),
    ...checkLoops(definition),
    ...checkNodeData(definition, options),
    ...checkTemplateData(definition, options),
    ...checkSettings(definition),
    ...experimentProblems(definition),
    ...messageNodeProblems(definition),
  ];
  return problems.length === 0 ? { ok: true, definition, problems: [] } : { ok: false, definition, problems };
}

function shapeProblem(input: unknown, issue: { path: PropertyKey[]; message: string }): JourneyProblem {
  let nodeId: string | null = null;
  if (issue.path[0] === 'nodes' && typeof issue.path[1] === 'number') {
    const nodes = (input as { nodes?: unknown[] } | null)?.nodes;
    const node = Array.isArray(nodes) ? nodes[issue.path[1]] : undefined;
    const id = (node as { id?: unknown } | undefined)?.id;
    nodeId = typeof id === 'string' ? id : null;
  }
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'definition';
  return { nodeId, code: 'invalid_shape', message: `${where}: ${issue.message}` };
}

function checkNodes(definition: JourneyDefinition): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  const seen = new Set<string>();
  for (const node of definition.nodes) {
    if (seen.has(node.id)) {
      problems.push({
        nodeId: node.id,
        code: 'duplicate_node_id',
        message: `Two nodes share the id "${node.id}"`,
      });
    }
    seen.add(node.id);
  }
  const triggers = definition.nodes.filter(isTrigger);
  if (triggers.length === 0) {
    problems.push({
      nodeId: null,
      code: 'no_trigger',
      message: 'A journey needs exactly one trigger; it has none',
    });
  }
  for (const extra of triggers.slice(1)) {
    problems.push({
      nodeId: extra.id,
      code: 'multiple_triggers',
      message: `A journey has exactly one trigger; "${triggers[0].id}" is already its trigger`,
    });
  }
  return problems;
}

function checkEdges(definition: JourneyDefinition): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const used = new Set<string>();
  for (const edge of definition.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      problems.push({
        nodeId: source ? source.id : null,
        code: 'edge_unknown_node',
        message: `A connection points at "${missing}", which is not a node of this journey`,
      });
      continue;
    }
    if (!outputsOf(source).includes(edge.sourceHandle)) {
      problems.push({
        nodeId: source.id,
        code: 'edge_unknown_output',
        message: `"${source.id}" has no output "${edge.sourceHandle}"`,
      });
      continue;
    }
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    if (used.has(key)) {
      problems.push({
        nodeId: source.id,
        code: 'output_connected_twice',
        message: `Output "${edge.sourceHandle}" of "${source.id}" is connected more than once`,
      });
    }
    used.add(key);
    if (isTrigger(target)) {
      problems.push({
        nodeId: target.id,
        code: 'edge_into_trigger',
        message: 'Nothing may lead into the trigger',
      });
    }
  }
  for (const node of definition.nodes) {
    for (const handle of outputsOf(node)) {
      if (!used.has(`${node.id}\u0000${handle}`)) {
        problems.push({
          nodeId: node.id,
          code: 'output_not_connected',
          message: `Output "${handle}" of "${node.id}" leads nowhere: connect it (an exit node ends the journey)`,
        });
      }
    }
  }
  return problems;
}

function successors(definition: JourneyDefinition): Map<string, string[]> {
  const next = new Map<string, string[]>(definition.nodes.map((n) => [n.id, []]));
  for (const edge of definition.edges) next.get(edge.source)?.push(edge.target);
  return next;
}

function checkReachability(definition: JourneyDefinition): JourneyProblem[] {
  const trigger = definition.nodes.find(isTrigger);
  if (!trigger) return [];
  const next = successors(definition);
  const reached = new Set<string>([trigger.id]);
  const queue = [trigger.id];
  while (queue.length > 0) {
    for (const target of next.get(queue.shift() as string) ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return definition.nodes
    .filter((n) => !reached.has(n.id))
    .map((n) => ({
      nodeId: n.id,
      code: 'unreachable_node' as const,
      message: `"${n.id}" cannot be reached from the trigger`,
    }));
}

/** A cycle that passes through no wait would spin forever without time passing. */
function checkLoops(definition: JourneyDefinition): JourneyProblem[] {
  const waitFree = definition.nodes.filter((n) => !WAIT_TYPES.has(n.type));
  const ids = new Set(waitFree.map((n) => n.id));
  const next = new Map<string, string[]>(waitFree.map((n) => [n.id, []]));
  for (const edge of definition.edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) next.get(edge.source)?.push(edge.target);
  }
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const problems: JourneyProblem[] = [];
  // Iterative DFS: randomly generated graphs can be deep, and recursion must never overflow.
  for (const start of ids) {
    if (state.has(start)) continue;
    const stack: Array<{ id: string; i: number }> = [{ id: start, i: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const targets = next.get(top.id) ?? [];
      if (top.i >= targets.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const target = targets[top.i++];
      const seen = state.get(target);
      if (seen === 'open' && !reported.has(target)) {
        reported.add(target);
        problems.push({
          nodeId: target,
          code: 'loop_without_wait',
          message: `A loop through "${target}" has no wait in it and would repeat instantly: add a wait`,
        });
      } else if (seen === undefined) {
        state.set(target, 'open');
        stack.push({ id: target, i: 0 });
      }
    }
  }
  return problems;
}

function checkNodeData(definition: JourneyDefinition, options: ValidateJourneyOptions): JourneyProblem[] {
  return definition.nodes.flatMap((node) => nodeDataProblems(node, options));
}

/**
 * Whether a coupon is drawn on every path from the trigger into each node (a must-analysis: the
 * greatest fixpoint of "this node draws one, or every node before it has one").
 */
function couponOnEveryPath(definition: JourneyDefinition): Map<string, boolean> {
  const before = new Map<string, string[]>();
  for (const edge of definition.edges) {
    const list = before.get(edge.target) ?? [];
    list.push(edge.source);
    before.set(edge.target, list);
  }
  const after = new Map(definition.nodes.map((node) => [node.id, true]));
  const into = (node: JourneyNode) =>
    !isTrigger(node) && (before.get(node.id) ?? []).every((id) => after.get(id) ?? false);
  for (let changed = true; changed;) {
    changed = false;
    for (const node of definition.nodes) {
      const value = node.type === 'action.coupon' || into(node);
      if (value !== after.get(node.id)) {
        after.set(node.id, value);
        changed = true;
      }
    }
  }
  return new Map(definition.nodes.map((node) => [node.id, into(node)]));
}

const SEND_CHANNELS: Partial<Record<JourneyNode['type'], TemplateChannel>> = {
  'send.email': 'email',
  'send.sms': 'sms',
  'send.whatsapp': 'whatsapp',
};

function checkTemplateData(definition: JourneyDefinition, options: ValidateJourneyOptions): JourneyProblem[] {
  if (!options.templateNeeds) return [];
  let coupons: Map<string, boolean> | undefined;
  const problems: JourneyProblem[] = [];
  for (const node of definition.nodes) {
    const channel = SEND_CHANNELS[node.type];
    const template = (node.data as { template?: string }).template;
    if (!channel || !template) continue;
    if (!options.templateNeeds(channel, template).includes('coupon')) continue;
    coupons ??= couponOnEveryPath(definition);
    if (coupons.get(node.id)) continue;
    problems.push({
      nodeId: node.id,
      code: 'template_needs_data',
      message:
        `Template "${template}" shows a coupon, but no coupon step comes before this send on every ` +
        'path: add an action.coupon step before it, or use a template without one',
    });
  }
  return problems;
}

function durationProblem(node: JourneyNode, field: string, value: string | undefined): JourneyProblem[] {
  if (value === undefined || isDuration(value)) return [];
  return [
    {
      nodeId: node.id,
      code: 'invalid_duration',
      message: `${field} "${value}" is not a duration like "30m", "1h" or "3d" (up to ten years)`,
    },
  ];
}

function templateProblem(
  node: JourneyNode,
  channel: TemplateChannel,
  name: string,
  options: ValidateJourneyOptions,
): JourneyProblem[] {
  if (!options.checkTemplate) return [];
  const verdict = options.checkTemplate(channel, name);
  if (verdict === true) return [];
  return [
    {
      nodeId: node.id,
      code: verdict.startsWith('missing') ? 'template_missing' : 'template_invalid',
      message: verdict,
    },
  ];
}

function conditionProblems(
  nodeId: string | null,
  condition: Condition | undefined,
  { eventOnly, what, inRun = false }: { eventOnly: boolean; what: string; inRun?: boolean },
): JourneyProblem[] {
  if (!condition) return [];
  const problems: JourneyProblem[] = durationsIn(condition)
    .filter((d) => !isDuration(d))
    .map((d) => ({
      nodeId,
      code: 'invalid_duration' as const,
      message: `${what}: "${d}" is not a duration like "30d"`,
    }));
  if (eventOnly && !isEventOnly(condition)) {
    problems.push({
      nodeId,
      code: 'invalid_condition',
      message: `${what} may read only the event's properties (it is decided the moment the event arrives)`,
    });
  }
  if (!inRun && readsRun(condition)) {
    problems.push({
      nodeId,
      code: 'invalid_condition',
      message: `${what} cannot ask about "this run": it is decided before or outside any run`,
    });
  }
  if (!didFilters(condition).every(isEventOnly)) {
    problems.push({
      nodeId,
      code: 'invalid_condition',
      message: `${what}: the filter of a "did" rule may read only that event's properties`,
    });
  }
  return problems;
}

/** The `filter` of every `did` leaf, which must read only the counted event's properties. */
function didFilters(condition: Condition): Condition[] {
  if ('all' in condition) return condition.all.flatMap(didFilters);
  if ('any' in condition) return condition.any.flatMap(didFilters);
  if ('not' in condition) return didFilters(condition.not);
  return 'did' in condition && condition.filter ? [condition.filter] : [];
}

/**
 * A message rule (an open or click of this run's message, by node id) must name a send step of
 * this journey: another id would wait or test for a message this journey never sends.
 */
function messageNodeProblems(definition: JourneyDefinition): JourneyProblem[] {
  const sends = new Set(definition.nodes.filter((n) => n.type.startsWith('send.')).map((n) => n.id));
  const problem = (nodeId: string, named: unknown): JourneyProblem[] =>
    typeof named === 'string' && !sends.has(named)
      ? [
          {
            nodeId,
            code: 'invalid_condition',
            message: `The message rule names "${named}", which is not a send step of this journey`,
          },
        ]
      : [];
  return definition.nodes.flatMap((node) => {
    if (node.type === 'wait.event' && node.data.thisRun && node.data.filter) {
      return runMessageNodes(node.data.filter, true).flatMap((named) => problem(node.id, named));
    }
    if (node.type === 'branch.condition') {
      return node.data.conditions.flatMap((c) =>
        runMessageNodes(c.when).flatMap((named) => problem(node.id, named)),
      );
    }
    return [];
  });
}

/**
 * Node ids a condition names as this run's messages: `did … thisRun` rules with `where.nodeId`,
 * and in a `thisRun` wait's filter (`properties`), its `nodeId` rules.
 */
function runMessageNodes(condition: Condition, properties = false): unknown[] {
  if ('all' in condition) return condition.all.flatMap((c) => runMessageNodes(c, properties));
  if ('any' in condition) return condition.any.flatMap((c) => runMessageNodes(c, properties));
  if ('not' in condition) return runMessageNodes(condition.not, properties);
  if ('did' in condition)
    return condition.thisRun && condition.where?.nodeId !== undefined ? [condition.where.nodeId] : [];
  if (properties && 'property' in condition && condition.property === 'nodeId' && condition.op === 'eq')
    return [condition.value];
  return [];
}

function checkSettings(definition: JourneyDefinition): JourneyProblem[] {
  const { exitOn, goal, reentry, frequencyCap } = definition.settings;
  const problems: JourneyProblem[] = exitOn.flatMap((rule) =>
    conditionProblems(null, rule.filter, { eventOnly: true, what: `The exit rule on ${rule.event}` }),
  );
  if (goal) {
    if (!isDuration(goal.window)) {
      problems.push({
        nodeId: null,
        code: 'invalid_setting',
        message: `Goal window "${goal.window}" is not a duration like "7d"`,
      });
    }
    problems.push(...conditionProblems(null, goal.filter, { eventOnly: true, what: 'The goal filter' }));
  }
  if (reentry.mode === 'cooldown' && !(reentry.cooldown && isDuration(reentry.cooldown))) {
    problems.push({
      nodeId: null,
      code: 'invalid_setting',
      message: `Re-entry "cooldown" needs a cooldown duration like "30d" (got ${JSON.stringify(reentry.cooldown ?? null)})`,
    });
  }
  for (const cap of frequencyCap) {
    if (!isDuration(cap.per)) {
      problems.push({
        nodeId: null,
        code: 'invalid_setting',
        message: `Frequency cap period "${cap.per}" is not a duration like "24h"`,
      });
    }
  }
  return problems;
}

function nodeDataProblems(node: JourneyNode, options: ValidateJourneyOptions): JourneyProblem[] {
  switch (node.type) {
    case 'wait.delay':
      return durationProblem(node, 'Delay', node.data.duration);
    case 'wait.event':
      return [
        ...durationProblem(node, 'Timeout', node.data.timeout),
        ...conditionProblems(node.id, node.data.filter, { eventOnly: true, what: 'The event filter' }),
      ];
    case 'trigger.event':
      return conditionProblems(node.id, node.data.filter, { eventOnly: false, what: 'The trigger filter' });
    case 'branch.condition': {
      const ids = node.data.conditions.map((c) => c.id);
      const doubled = ids.filter((id, i) => ids.indexOf(id) !== i || id === 'else');
      return [
        ...doubled.map((id) => ({
          nodeId: node.id,
          code: 'invalid_condition' as const,
          message: `Condition id "${id}" is used twice or is the reserved "else"`,
        })),
        ...node.data.conditions.flatMap((c) =>
          conditionProblems(node.id, c.when, {
            eventOnly: false,
            what: `Condition "${c.name}"`,
            inRun: true,
          }),
        ),
      ];
    }
    case 'action.coupon':
      return [
        ...durationProblem(node, 'Expiry', node.data.expiresIn),
        ...(node.data.kind === 'percent' && (node.data.value <= 0 || node.data.value > 100)
          ? [
              {
                nodeId: node.id,
                code: 'invalid_percentages' as const,
                message: 'A percent coupon is worth 1 to 100 %',
              },
            ]
          : []),
      ];
    case 'branch.split': {
      const total = node.data.arms.reduce((sum, arm) => sum + arm.percent, 0);
      const negative = node.data.arms.some((arm) => arm.percent < 0);
      return Math.abs(total - 100) > 1e-9 || negative
        ? [
            {
              nodeId: node.id,
              code: 'invalid_percentages',
              message: `Split percentages must each be 0 or more and add up to 100 (they add up to ${total})`,
            },
          ]
        : [];
    }
    case 'send.email':
      return templateProblem(node, 'email', node.data.template, options);
    case 'send.sms':
      return templateProblem(node, 'sms', node.data.template, options);
    case 'send.whatsapp':
      return node.data.template ? templateProblem(node, 'whatsapp', node.data.template, options) : [];
    default:
      return [];
  }
}
