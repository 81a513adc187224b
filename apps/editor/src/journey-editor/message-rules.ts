/**
 * "Clicked a link" and "opened a message" of this journey, as the builders offer them, and what
 * they compile to in the shared condition language (docs/product.md, "Clicked and opened"):
 * `message.clicked` / `message.opened` events naming this run (`thisRun`), its node
 * (`nodeId`) and, for a click, the link (`url` contains …). Apple's automatic opens
 * (`machineOpen`) do not count as opening. Pure: the wait and branch forms read and write
 * through these, and anything else stays a custom rule.
 */
import { EVENT, type Condition } from '@waypoint/journey';
import type { LeafCondition } from './condition-rules';
import type { NodeDataOf } from './journey-flow';

export type MessageAction = 'clicked' | 'opened';

export interface MessageRule {
  action: MessageAction;
  /** The send step whose message counts, or null for any message of this run. */
  nodeId: string | null;
  /** Clicks only: the link's URL contains this (ignoring case); empty for any link. */
  urlContains: string;
}

export const MESSAGE_EVENTS: Record<MessageAction, string> = {
  clicked: EVENT.messageClicked,
  opened: EVENT.messageOpened,
};

const NOT_MACHINE_OPEN: LeafCondition = { property: 'machineOpen', op: 'neq', value: true };

/** The property rules that say which message and link: what a wait.event filter holds. */
function propertyRules(rule: MessageRule): LeafCondition[] {
  const rules: LeafCondition[] = [];
  if (rule.nodeId) rules.push({ property: 'nodeId', op: 'eq', value: rule.nodeId });
  if (rule.action === 'clicked' && rule.urlContains.trim() !== '')
    rules.push({ property: 'url', op: 'contains', value: rule.urlContains });
  if (rule.action === 'opened') rules.push(NOT_MACHINE_OPEN);
  return rules;
}

function joined(rules: LeafCondition[]): Condition | undefined {
  if (rules.length === 0) return undefined;
  return rules.length === 1 ? rules[0] : { all: rules };
}

/** Reads the property rules back; null when they say anything the presets do not. */
function readPropertyRules(action: MessageAction, rules: Condition[]): MessageRule | null {
  const rule: MessageRule = { action, nodeId: null, urlContains: '' };
  let machine = false;
  for (const r of rules) {
    if (!('property' in r)) return null;
    if (r.property === 'nodeId' && r.op === 'eq' && typeof r.value === 'string' && rule.nodeId === null)
      rule.nodeId = r.value;
    else if (
      action === 'clicked' &&
      r.property === 'url' &&
      r.op === 'contains' &&
      typeof r.value === 'string' &&
      rule.urlContains === ''
    )
      rule.urlContains = r.value;
    else if (action === 'opened' && r.property === 'machineOpen' && r.op === 'neq' && r.value === true)
      machine = true;
    else return null;
  }
  return action === 'opened' && !machine ? null : rule;
}

function actionOf(event: string): MessageAction | null {
  if (event === MESSAGE_EVENTS.clicked) return 'clicked';
  if (event === MESSAGE_EVENTS.opened) return 'opened';
  return null;
}

type WaitEventData = NodeDataOf<'wait.event'>;

/** A wait.event's data waiting for this message rule (its timeout kept). */
export function waitForMessage(rule: MessageRule, data: WaitEventData): WaitEventData {
  return {
    ...data,
    event: MESSAGE_EVENTS[rule.action],
    thisRun: true,
    filter: joined(propertyRules(rule)),
  };
}

/** The message rule a wait.event waits for, or null for any other wait. */
export function messageRuleOfWait(data: WaitEventData): MessageRule | null {
  const action = actionOf(data.event ?? '');
  if (!action || data.thisRun !== true) return null;
  const filter = data.filter;
  const rules = !filter ? [] : 'all' in filter ? filter.all : [filter];
  return readPropertyRules(action, rules);
}

/** A branch rule: this run's message was clicked / opened at least once. */
export function messageCondition(rule: MessageRule): LeafCondition {
  const filter = joined(propertyRules({ ...rule, nodeId: null }));
  return {
    did: MESSAGE_EVENTS[rule.action],
    ...(rule.nodeId ? { where: { nodeId: rule.nodeId } } : {}),
    ...(filter ? { filter } : {}),
    thisRun: true,
  };
}

/** The message rule a branch rule is, or null for any other rule. */
export function messageRuleOfCondition(leaf: LeafCondition): MessageRule | null {
  if (!('did' in leaf) || leaf.thisRun !== true) return null;
  const action = actionOf(leaf.did);
  if (!action) return null;
  if (leaf.within !== undefined) return null;
  if (leaf.count && !(leaf.count.op === 'gte' && leaf.count.value === 1)) return null;
  const where = Object.entries(leaf.where ?? {});
  if (where.some(([key, value]) => key !== 'nodeId' || typeof value !== 'string')) return null;
  const filter = leaf.filter;
  const read = readPropertyRules(action, !filter ? [] : 'all' in filter ? filter.all : [filter]);
  if (!read || read.nodeId !== null) return null;
  return { ...read, nodeId: (leaf.where?.nodeId as string | undefined) ?? null };
}

export interface SendStep {
  id: string;
  label: string;
}

const SEND_LABELS: Record<string, string> = {
  'send.email': 'Email',
  'send.sms': 'SMS',
  'send.whatsapp': 'WhatsApp',
};

/** The journey's send steps a message rule may name, in canvas order ("Email: welcome (email-1)"). */
export function sendSteps(nodes: ReadonlyArray<{ id: string; type?: string; data: unknown }>): SendStep[] {
  return nodes.flatMap((node) => {
    const kind = node.type ? SEND_LABELS[node.type] : undefined;
    if (!kind) return [];
    const template = (node.data as { template?: unknown; contentSid?: unknown } | undefined)?.template;
    const what = typeof template === 'string' && template !== '' ? template : 'no template yet';
    return [{ id: node.id, label: `${kind}: ${what} (${node.id})` }];
  });
}

/** "clicked a link containing “sale” in Email: welcome (email-1)". */
export function describeMessageRule(rule: MessageRule, steps: readonly SendStep[]): string {
  const message = rule.nodeId
    ? (steps.find((s) => s.id === rule.nodeId)?.label ?? `step ${rule.nodeId} (not a send step)`)
    : 'any message of this journey';
  if (rule.action === 'opened') return `opened ${message}`;
  const link = rule.urlContains.trim() ? `a link containing “${rule.urlContains.trim()}”` : 'any link';
  return `clicked ${link} in ${message}`;
}
