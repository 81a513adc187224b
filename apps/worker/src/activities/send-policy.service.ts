/**
 * Whether a message may go to a customer now: consent for the channel (marketing only) and the
 * journey's frequency caps, which count the customer's sends on that channel across all journeys.
 */
import { Injectable } from '@nestjs/common';
import { consentOf, consentVerdict, countRecentSends, Database, type ConsentChannel } from '@waypoint/data';
import { describeDuration, parseDuration, type JourneySettings } from '@waypoint/journey';

@Injectable()
export class SendPolicy {
  constructor(private readonly db: Database) {}

  /** Null when the send may go; otherwise why not, in words for the step ("no consent (sms)"). */
  async refusal(
    customerId: string,
    channel: ConsentChannel,
    category: 'marketing' | 'transactional',
    caps: JourneySettings['frequencyCap'],
    now: Date,
  ): Promise<string | null> {
    if (category === 'transactional') return null;
    const consent = consentVerdict(channel, await consentOf(this.db.query, customerId, channel));
    if (!consent.allowed) return consent.reason ?? `no consent (${channel})`;
    for (const cap of caps.filter((c) => c.channel === channel)) {
      const since = new Date(now.getTime() - parseDuration(cap.per));
      const n = await countRecentSends(this.db.query, customerId, channel, since);
      if (n >= cap.max) {
        return `frequency cap: ${n} ${channel} message${n === 1 ? '' : 's'} in the last ${describeDuration(cap.per)} (at most ${cap.max})`;
      }
    }
    return null;
  }
}
