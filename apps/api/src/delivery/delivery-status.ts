/**
 * A message's delivery status as providers report it, and the rule that keeps it from moving
 * backwards when callbacks arrive out of order (a late `processed` after an `open`, Twilio's `sent`
 * after `delivered`).
 */

/** Progress, in order: each stage implies the ones before it. */
export const DELIVERY_PROGRESS = ['sent', 'delivered', 'opened', 'clicked'] as const;
/** The message did not reach the recipient; nothing moves a message out of these. */
export const DELIVERY_FAILURES = ['bounced', 'dropped', 'failed', 'undelivered'] as const;

export type DeliveryProgress = (typeof DELIVERY_PROGRESS)[number];
export type DeliveryFailure = (typeof DELIVERY_FAILURES)[number];
export type DeliveryStatus = DeliveryProgress | DeliveryFailure;

export function isDeliveryFailure(status: DeliveryStatus): status is DeliveryFailure {
  return (DELIVERY_FAILURES as readonly string[]).includes(status);
}

/** sent 1 < delivered 2 < opened 3 < clicked 4; every failure ranks above them all (terminal). */
export function deliveryRank(status: DeliveryStatus | null): number {
  if (status === null) return 0;
  if (isDeliveryFailure(status)) return DELIVERY_PROGRESS.length + 1;
  return DELIVERY_PROGRESS.indexOf(status) + 1;
}

/**
 * The status after `reported` arrives for a message now at `current`: only ever forward. A failure
 * is terminal and overrides `sent`/`delivered` (a bounce can follow the receiving server's accept),
 * but not `opened`/`clicked`: someone read the message, so it did reach them.
 */
export function advanceDelivery(current: DeliveryStatus | null, reported: DeliveryStatus): DeliveryStatus {
  if (current === null) return reported;
  if (isDeliveryFailure(current)) return current;
  if (isDeliveryFailure(reported))
    return deliveryRank(current) <= deliveryRank('delivered') ? reported : current;
  return deliveryRank(reported) > deliveryRank(current) ? reported : current;
}

/** The column that remembers when a status was first reported (kept even when the status does not move). */
export function deliveryTimestampColumn(
  status: DeliveryStatus,
): 'delivered_at' | 'opened_at' | 'clicked_at' | 'bounced_at' | null {
  if (status === 'delivered') return 'delivered_at';
  if (status === 'opened') return 'opened_at';
  if (status === 'clicked') return 'clicked_at';
  if (isDeliveryFailure(status)) return 'bounced_at';
  return null;
}
