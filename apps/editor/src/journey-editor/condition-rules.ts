/**
 * The condition builder's model: a list of rules joined by "all" or "any", each rule one leaf of
 * the shared condition language (attribute, event property, "did event", segment). Conditions
 * nested deeper than that are edited as JSON instead; `toRuleGroup` says which is which.
 */
import type { ComparisonOp, Condition } from '@waypoint/journey';
import { messageCondition, messageRuleOfCondition } from './message-rules';

export type LeafCondition = Extract<
  Condition,
  { attribute: string } | { property: string } | { did: string } | { segment: string }
>;
/** `clicked` / `opened`: a "did" rule on this run's own messages (message-rules.ts), inside a journey. */
export type RuleKind = 'attribute' | 'property' | 'did' | 'segment' | 'clicked' | 'opened';
export type LeafValue = Extract<LeafCondition, { attribute: string }>['value'];

export interface RuleGroup {
  match: 'all' | 'any';
  rules: LeafCondition[];
}

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  attribute: 'Customer attribute',
  property: 'Event property',
  did: 'Has done an event',
  segment: 'In segment',
  clicked: 'Clicked a link in this journey’s message',
  opened: 'Opened this journey’s message',
};

export const OPERATOR_LABELS: Record<ComparisonOp, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  contains: 'contains',
  in: 'is one of',
  exists: 'is set',
  not_exists: 'is not set',
};

export function ruleKind(rule: LeafCondition): RuleKind {
  if ('attribute' in rule) return 'attribute';
  if ('property' in rule) return 'property';
  if ('did' in rule) return messageRuleOfCondition(rule)?.action ?? 'did';
  return 'segment';
}

function isLeaf(condition: Condition): condition is LeafCondition {
  return 'attribute' in condition || 'property' in condition || 'did' in condition || 'segment' in condition;
}

/** The builder's view of a condition, or null when it nests deeper than one group (edit as JSON). */
export function toRuleGroup(condition: Condition | undefined): RuleGroup | null {
  if (!condition) return { match: 'all', rules: [] };
  if (isLeaf(condition)) return { match: 'all', rules: [condition] };
  if ('all' in condition && condition.all.every(isLeaf)) return { match: 'all', rules: condition.all };
  if ('any' in condition && condition.any.every(isLeaf)) return { match: 'any', rules: condition.any };
  return null;
}

/** No rule is no condition; one rule is that leaf; more are joined by the group's match. */
export function fromRuleGroup(group: RuleGroup): Condition | undefined {
  if (group.rules.length === 0) return undefined;
  if (group.rules.length === 1) return group.rules[0];
  return group.match === 'all' ? { all: group.rules } : { any: group.rules };
}

export function blankRule(kind: RuleKind): LeafCondition {
  switch (kind) {
    case 'attribute':
      return { attribute: '', op: 'eq', value: '' };
    case 'property':
      return { property: '', op: 'eq', value: '' };
    case 'did':
      return { did: 'order.placed', count: { op: 'gte', value: 1 } };
    case 'segment':
      return { segment: '' };
    case 'clicked':
    case 'opened':
      return messageCondition({ action: kind, nodeId: null, urlContains: '' });
  }
}

export function needsValue(op: ComparisonOp): boolean {
  return op !== 'exists' && op !== 'not_exists';
}

/** "true" and "false" are booleans, numbers are numbers, anything else is text. */
function scalar(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

/** The value as typed in the rule's value box; `in` takes a comma-separated list. */
export function parseValueText(text: string, op: ComparisonOp): LeafValue {
  if (!needsValue(op)) return undefined;
  if (op === 'in') {
    return text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const value = scalar(part);
        return typeof value === 'boolean' ? String(value) : value;
      });
  }
  return scalar(text);
}

export function formatValueText(value: LeafValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Changing the operator keeps the typed value where it still makes sense. */
export function withOperator<R extends Extract<LeafCondition, { op: ComparisonOp }>>(
  rule: R,
  op: ComparisonOp,
): R {
  if (!needsValue(op)) {
    const { value: _dropped, ...rest } = rule;
    return { ...rest, op } as R;
  }
  return { ...rule, op, value: parseValueText(formatValueText(rule.value), op) };
}
