/**
 * What a node says about itself on the canvas: a one-line summary ("Wait 1 hour", "Email:
 * cart-reminder"), its outputs (from the shared model's `outputsOf`, so the canvas offers exactly
 * the handles the validator expects) and their labels. Pure, and tolerant of unfinished drafts.
 */
import {
  describeCondition,
  describeDuration,
  outputsOf,
  type JourneyNode,
  type JourneyNodeType,
} from '@waypoint/journey';
import { WEEKDAYS } from './catalog';
import type { NodeDataOf } from './journey-flow';

/** Anything with a journey type and its data: a stored node or a React Flow node. */
export interface TypedNode {
  type: JourneyNodeType | string;
  data: unknown;
}

type Summaries = { [T in JourneyNodeType]: (data: NodeDataOf<T>) => string };

function offsetText(offset: string | undefined): string {
  if (!offset) return '';
  const trimmed = offset.trim();
  const before = trimmed.startsWith('-');
  return ` ${before ? '−' : '+'} ${describeDuration(trimmed.replace(/^[+-]\s*/, ''))}`;
}

function weekdaysText(days: number[] | undefined): string {
  if (!days || days.length === 0 || days.length === 7) return '';
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const weekdays = [1, 2, 3, 4, 5];
  if (sorted.length === 5 && weekdays.every((d) => sorted.includes(d))) return ' Mon–Fri';
  return ` ${sorted.map((d) => WEEKDAYS[d] ?? d).join(', ')}`;
}

function filled(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function orChoose(value: string | undefined, what: string): string {
  return filled(value) ? value : `choose ${what}`;
}

function couponValue(data: NodeDataOf<'action.coupon'>): string {
  if (data.kind === 'free_shipping') return 'free shipping';
  if (data.kind === 'percent') return `${data.value ?? 0} % off`;
  return `${(data.value ?? 0).toFixed(2)} off`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

const summaries: Summaries = {
  'trigger.event': (d) => (filled(d.event) ? `When ${d.event}` : 'Choose the event that starts it'),
  'trigger.segment': (d) =>
    d.stage ? `Enters stage ${d.stage}` : d.segmentId ? `Enters segment ${d.segmentId}` : 'Choose a stage',
  'trigger.date': (d) =>
    filled(d.attribute) ? `On ${d.attribute}${offsetText(d.offset)}` : 'Choose a date attribute',
  'wait.delay': (d) => `Wait ${d.duration ? describeDuration(d.duration) : '…'}`,
  'wait.until': (d) =>
    d.attribute
      ? `Until ${d.attribute}${offsetText(d.offset)}`
      : `Until ${d.timeOfDay ?? '…'}${weekdaysText(d.weekdays)}`,
  'wait.event': (d) =>
    `Wait for ${filled(d.event) ? d.event : '…'}, up to ${d.timeout ? describeDuration(d.timeout) : '…'}`,
  'branch.condition': (d) => {
    const conditions = Array.isArray(d.conditions) ? d.conditions : [];
    if (conditions.length === 1) return `If ${describeConditionSafe(conditions[0].when)}`;
    return `${conditions.length} conditions, else`;
  },
  'branch.split': (d) =>
    (Array.isArray(d.arms) ? d.arms : []).map((arm) => `${arm.percent} %`).join(' / ') || 'No arms',
  'send.email': (d) => `Email: ${orChoose(d.template, 'a template')}`,
  'send.sms': (d) => `SMS: ${orChoose(d.template, 'a template')}`,
  'send.whatsapp': (d) =>
    `WhatsApp: ${d.template ? d.template : d.contentSid ? `approved ${d.contentSid}` : 'choose a template'}`,
  'action.coupon': (d) =>
    `Coupon: ${couponValue(d)}${d.expiresIn ? `, ${describeDuration(d.expiresIn)}` : ''}`,
  'action.update_profile': (d) => {
    const parts = [
      ...Object.keys(d.set ?? {}).map((key) => `set ${key}`),
      ...(d.addTags ?? []).map((tag) => `+${tag}`),
      ...(d.removeTags ?? []).map((tag) => `−${tag}`),
      ...(d.awardPoints ? [`${d.awardPoints > 0 ? '+' : ''}${d.awardPoints} points`] : []),
    ];
    return parts.length > 0 ? `Profile: ${parts.join(', ')}` : 'Profile: nothing yet';
  },
  'action.webhook': (d) => `POST ${d.url ? hostOf(d.url) : '…'}`,
  exit: () => 'End of the journey',
};

function describeConditionSafe(condition: unknown): string {
  try {
    return describeCondition(condition as Parameters<typeof describeCondition>[0]);
  } catch {
    return '…';
  }
}

export function summarizeNode(node: TypedNode): string {
  const summarize = summaries[node.type as JourneyNodeType] as ((data: unknown) => string) | undefined;
  if (!summarize) return `Unknown step type "${node.type}"`;
  try {
    return summarize(node.data ?? {});
  } catch {
    return '…';
  }
}

/** The node's output handles, in order. Branch outputs come from its conditions and arms. */
export function outputsOfNode(node: TypedNode): string[] {
  const data = (node.data ?? {}) as Record<string, unknown>;
  if (node.type === 'branch.condition') {
    const conditions = Array.isArray(data.conditions) ? (data.conditions as Array<{ id: string }>) : [];
    return [...conditions.map((c) => c.id), 'else'];
  }
  if (node.type === 'branch.split') {
    return (Array.isArray(data.arms) ? (data.arms as Array<{ id: string }>) : []).map((a) => a.id);
  }
  return outputsOf({ id: '', type: node.type, data, position: { x: 0, y: 0 } } as JourneyNode);
}

/** The label drawn at an output ("" for the single `next`). */
export function outputLabel(node: TypedNode, handle: string): string {
  const data = (node.data ?? {}) as Record<string, unknown>;
  if (node.type === 'branch.condition') {
    if (handle === 'else') return 'else';
    const condition = (data.conditions as Array<{ id: string; name?: string }> | undefined)?.find(
      (c) => c.id === handle,
    );
    return condition?.name || handle;
  }
  if (node.type === 'branch.split') {
    const arm = (data.arms as Array<{ id: string; name?: string; percent?: number }> | undefined)?.find(
      (a) => a.id === handle,
    );
    return arm ? `${arm.name || arm.id} ${arm.percent ?? 0} %` : handle;
  }
  return handle === 'next' ? '' : handle;
}
