/**
 * Whether a message may go to a customer now: consent for the channel (marketing only), the
 * journey's frequency caps, then the store's (the store profile's, on top of every journey's own);
 * both count the customer's sends on that channel across all journeys. Transactional sends skip
 * consent and caps, but not a hard suppression (a bounce, a spam report, STOP: hard-suppression.queries.ts).
 */
import { Injectable } from '@nestjs/common';
import { StoreProfileReader } from '@waypoint/customer-value';
import {
  consentOf,
  consentVerdict,
  countRecentSends,
  Database,
  hardSuppression,
  type ConsentChannel,
  type ConsentState,
} from '@waypoint/data';
import { describeDuration, parseDuration, type JourneySettings } from '@waypoint/journey';

@Injectable()
export class SendPolicy {
  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  /**
   * Null when the send may go; otherwise why not, in words for the step ("no consent (sms)").
   * `consent` is the customer's consent on the channel when the caller read it already (with the
   * customer: findSendRecipient).
   */
  async refusal(
    customerId: string,
    channel: ConsentChannel,
    category: 'marketing' | 'transactional',
    caps: JourneySettings['frequencyCap'],
    now: Date,
    consent?: ConsentState,
  ): Promise<string | null> {
    if (category === 'transactional') return hardSuppression(this.db.query, customerId, channel);
    const verdict = consentVerdict(channel, consent ?? (await consentOf(this.db.query, customerId, channel)));
    if (!verdict.allowed) return verdict.reason ?? `no consent (${channel})`;
    const storeCaps = (await this.profiles.current()).frequencyCaps;
    for (const [cap, whose] of [
      ...caps.map((c) => [c, 'frequency cap'] as const),
      ...storeCaps.map((c) => [c, "store's frequency cap"] as const),
    ]) {
      if (cap.channel !== channel) continue;
      const since = new Date(now.getTime() - parseDuration(cap.per));
      const n = await countRecentSends(this.db.query, customerId, channel, since);
      if (n >= cap.max) {
        return `${whose}: ${n} ${channel} message${n === 1 ? '' : 's'} in the last ${describeDuration(cap.per)} (at most ${cap.max})`;
      }
    }
    return null;
  }
}
