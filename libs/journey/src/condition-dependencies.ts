/**
 * What a condition's verdict for one customer can depend on, so a segment is re-evaluated only
 * when something it reads changed (docs/architecture.md, "Segments in real time"): the attributes
 * it reads, the event types it counts, the saved segments it includes (their own dependencies
 * folded in, with a cycle guard), and whether time alone can change it (then the daily sweep
 * re-evaluates it for every customer).
 */
import type { Condition } from './condition.schema';
import { EVENT } from './vocabulary';

export interface ConditionDependencies {
  /** Attribute paths read by `attribute` leaves (`totalSpent`, `attributes.vip`, `consent.email`). */
  attributes: string[];
  /** Event types counted by `did` leaves. */
  events: string[];
  /** Saved segments included by `segment` leaves, directly or through another segment. */
  segments: string[];
  /** A `did … within` window, or an attribute that only the daily sweep moves. */
  changesWithTime: boolean;
}

/**
 * Attributes whose value moves without any event the router sees: the lifecycle stage (the daily
 * sweep ages customers into at_risk and inactive) and consent (recorded by unsubscribe links and
 * preference pages, not by events). Every other attribute is a stored value that changes only
 * with an attribute-changing event (ATTRIBUTE_EVENTS) or a profile update.
 */
export const SWEPT_ATTRIBUTES: readonly string[] = ['lifecycleStage'];
const SWEPT_PREFIXES = ['consent.'];

/**
 * Events stored together with a change of the customer's attributes (profile fields, computed
 * attributes recomputed from orders, loyalty points, lifecycle stage).
 */
export const ATTRIBUTE_EVENTS: readonly string[] = [
  EVENT.customerCreated,
  EVENT.customerUpdated,
  EVENT.orderPlaced,
  EVENT.orderPaid,
  EVENT.orderCancelled,
  EVENT.lifecycleStageChanged,
  EVENT.couponRedeemed,
];

export function conditionDependencies(
  condition: Condition,
  resolve: (segment: string) => Condition | undefined = () => undefined,
): ConditionDependencies {
  const attributes = new Set<string>();
  const events = new Set<string>();
  const segments = new Set<string>();
  let changesWithTime = false;
  const visiting = new Set<string>();
  const walk = (c: Condition): void => {
    if ('all' in c) return c.all.forEach(walk);
    if ('any' in c) return c.any.forEach(walk);
    if ('not' in c) return walk(c.not);
    if ('attribute' in c) {
      attributes.add(c.attribute);
      if (SWEPT_ATTRIBUTES.includes(c.attribute) || SWEPT_PREFIXES.some((p) => c.attribute.startsWith(p)))
        changesWithTime = true;
      return;
    }
    if ('did' in c) {
      events.add(c.did);
      if (c.within) changesWithTime = true;
      return;
    }
    if ('segment' in c) {
      segments.add(c.segment);
      // A cycle (a segment including itself through others) adds nothing more.
      if (visiting.has(c.segment)) return;
      const saved = resolve(c.segment);
      if (!saved) return;
      visiting.add(c.segment);
      walk(saved);
      visiting.delete(c.segment);
    }
    // `property` leaves read the trigger event, which a segment has none of.
  };
  walk(condition);
  return {
    attributes: [...attributes].sort(),
    events: [...events].sort(),
    segments: [...segments].sort(),
    changesWithTime,
  };
}

/**
 * Whether an event of this type (stored with whatever it changed) can change the verdict of a
 * condition with these dependencies. `profileChanged`: the event (or a profile update) wrote
 * attributes whatever its type.
 */
export function eventCanChange(
  dependencies: ConditionDependencies,
  eventType: string,
  profileChanged = false,
): boolean {
  if (dependencies.events.includes(eventType)) return true;
  return dependencies.attributes.length > 0 && (profileChanged || ATTRIBUTE_EVENTS.includes(eventType));
}
