/**
 * A verified SendGrid Event Webhook delivery: each event recorded once, in the order SendGrid sent
 * them. An event that can never be recorded (wrong field types, no sg_event_id or event name, text
 * PostgreSQL refuses) is skipped, and named in `problems` so the delivery can be kept as a dead
 * letter: one bad entry must not make SendGrid retry (and us re-read) the whole batch.
 */
import { Injectable, Logger } from '@nestjs/common';
import { describeIssues, sendGridEventPayload } from '@waypoint/contract';
import { isRefusedData } from '@waypoint/data';
import { findJsonProblem } from '../http/clean-json';
import { DeliveryEventRecorder, type RecordResult } from './delivery-event-recorder.service';
import { sendGridDeliveryEvent, type SendGridEvent } from './sendgrid-event.mapper';

export type SendGridBatchSummary = Record<RecordResult | 'received' | 'skipped', number>;

export interface SendGridBatchOutcome {
  summary: SendGridBatchSummary;
  /** Why each skipped event was skipped, naming it (`events[3]: event: …`). */
  problems: string[];
}

@Injectable()
export class SendGridEvents {
  private readonly logger = new Logger(SendGridEvents.name);

  constructor(private readonly recorder: DeliveryEventRecorder) {}

  async receive(events: unknown[], receivedAt: Date): Promise<SendGridBatchOutcome> {
    const summary: SendGridBatchSummary = {
      received: events.length,
      recorded: 0,
      duplicate: 0,
      unmatched: 0,
      skipped: 0,
    };
    const problems: string[] = [];
    for (const [index, raw] of events.entries()) {
      const problem = unusable(raw);
      const event = problem ? null : sendGridDeliveryEvent(raw as SendGridEvent, receivedAt);
      if (!event) {
        summary.skipped += 1;
        problems.push(`events[${index}]: ${problem ?? 'no sg_event_id or event'}`);
        continue;
      }
      try {
        summary[(await this.recorder.record(event)).result] += 1;
      } catch (error) {
        // Refused values are refused on every retry; anything else is worth SendGrid's retry.
        if (!isRefusedData(error)) throw error;
        summary.skipped += 1;
        problems.push(`events[${index}]: PostgreSQL refused it: ${(error as Error).message}`);
      }
    }
    if (problems.length > 0) this.logger.warn(`skipped SendGrid events: ${problems.join('; ')}`);
    return { summary, problems };
  }
}

/** Why an entry can never be recorded, naming its field, or null. */
function unusable(raw: unknown): string | null {
  const text = findJsonProblem(raw);
  if (text) return text.message;
  const parsed = sendGridEventPayload.safeParse(raw);
  return parsed.success ? null : describeIssues(parsed.error);
}
