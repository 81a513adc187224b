/**
 * Whether a message may go to a customer now: consent for the channel (marketing only) and the
 * journey's frequency caps, which count the customer's sends on that channel across all journeys.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { consentOf, consentVerdict, type ConsentChannel } from '@waypoint/data';
import { describeDuration, parseDuration, type JourneySettings } from '@waypoint/journey';
import { DataSource } from 'typeorm';

@Injectable()
export class SendPolicy {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Null when the send may go; otherwise why not, in words for the step ("no consent (sms)"). */
  async refusal(
    customerId: string,
    channel: ConsentChannel,
    category: 'marketing' | 'transactional',
    caps: JourneySettings['frequencyCap'],
    now: Date,
  ): Promise<string | null> {
    if (category === 'transactional') return null;
    const consent = consentVerdict(
      channel,
      await consentOf((sql, p) => this.db.query(sql, p), customerId, channel),
    );
    if (!consent.allowed) return consent.reason ?? `no consent (${channel})`;
    for (const cap of caps.filter((c) => c.channel === channel)) {
      const since = new Date(now.getTime() - parseDuration(cap.per));
      const [{ n }]: Array<{ n: number }> = await this.db.query(
        `SELECT count(*)::int AS n FROM messages
          WHERE customer_id = $1 AND channel = $2 AND created_at > $3 AND status IN ('sending', 'sent', 'sandboxed', 'unconfirmed')`,
        [customerId, channel, since],
      );
      if (n >= cap.max) {
        return `frequency cap: ${n} ${channel} message${n === 1 ? '' : 's'} in the last ${describeDuration(cap.per)} (at most ${cap.max})`;
      }
    }
    return null;
  }
}
