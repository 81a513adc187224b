/** A verified SendGrid Event Webhook delivery: each event recorded once, in the order SendGrid sent them. */
import { Injectable, Logger } from '@nestjs/common';
import { DeliveryEventRecorder, type RecordResult } from './delivery-event-recorder.service';
import { sendGridDeliveryEvent, type SendGridEvent } from './sendgrid-event.mapper';

export type SendGridBatchSummary = Record<RecordResult | 'received' | 'skipped', number>;

@Injectable()
export class SendGridEvents {
  private readonly logger = new Logger(SendGridEvents.name);

  constructor(private readonly recorder: DeliveryEventRecorder) {}

  async receive(events: unknown[], receivedAt: Date): Promise<SendGridBatchSummary> {
    const summary: SendGridBatchSummary = {
      received: events.length,
      recorded: 0,
      duplicate: 0,
      unmatched: 0,
      skipped: 0,
    };
    for (const raw of events) {
      const event =
        raw !== null && typeof raw === 'object' && !Array.isArray(raw)
          ? sendGridDeliveryEvent(raw as SendGridEvent, receivedAt)
          : null;
      if (!event) {
        // One unusable entry must not make SendGrid retry (and us re-read) the whole batch.
        summary.skipped += 1;
        this.logger.warn('skipped a SendGrid event without sg_event_id or event');
        continue;
      }
      const outcome = await this.recorder.record(event);
      summary[outcome.result] += 1;
    }
    return summary;
  }
}
