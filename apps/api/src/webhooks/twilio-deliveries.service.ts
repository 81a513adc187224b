/**
 * Signed Twilio requests, after their signature was checked: a status callback recorded once, an
 * incoming message stored and answered. Form fields that can never be processed (text PostgreSQL
 * refuses, no MessageSid or status, no sender) are kept as a dead letter and answered 200 (an
 * empty TwiML answer for an incoming message), so Twilio logs no failure and retries nothing.
 */
import { Injectable } from '@nestjs/common';
import {
  describeIssues,
  twilioInboundForm,
  twilioStatusForm,
  type TwilioStatusAnswer,
} from '@waypoint/contract';
import { isRefusedData } from '@waypoint/data';
import { DeliveryEventRecorder } from '../delivery/delivery-event-recorder.service';
import { InboundMessages } from '../delivery/inbound-messages.service';
import { formFields, type TwilioForm } from '../delivery/twilio-request';
import { twilioStatusEvent } from '../delivery/twilio-status.mapper';
import { WebhookDeadLetters } from './webhook-dead-letters.service';
import { formProblem } from './webhook-payload';

@Injectable()
export class TwilioDeliveries {
  constructor(
    private readonly recorder: DeliveryEventRecorder,
    private readonly inbound: InboundMessages,
    private readonly deadLetters: WebhookDeadLetters,
  ) {}

  async status(form: TwilioForm, rawBody: Buffer): Promise<TwilioStatusAnswer> {
    const fields = formFields(form);
    const sid = fields.MessageSid || fields.SmsSid;
    const status = fields.MessageStatus || fields.SmsStatus;
    const deliveryId = sid && status ? `${sid}:${status}` : null;
    const refuse = async (reason: string): Promise<TwilioStatusAnswer> => {
      await this.keep('status', deliveryId, reason, rawBody);
      return { result: 'dead_lettered', messageId: null, deliveryStatus: null, reason };
    };
    const problem = formProblem(form);
    if (problem) return refuse(problem);
    const parsed = twilioStatusForm.safeParse(fields);
    if (!parsed.success) return refuse(describeIssues(parsed.error));
    const event = twilioStatusEvent(fields, new Date());
    if (!event) return refuse('A status callback needs MessageSid and MessageStatus');
    try {
      const { result, messageId, deliveryStatus } = await this.recorder.record(event);
      return { result, messageId, deliveryStatus };
    } catch (error) {
      if (isRefusedData(error)) return refuse(`PostgreSQL refused it: ${(error as Error).message}`);
      throw error;
    }
  }

  /** The reply to send, or null for none (also when the message was kept as a dead letter). */
  async message(form: TwilioForm, rawBody: Buffer): Promise<string | null> {
    const fields = formFields(form);
    const deliveryId = fields.MessageSid || fields.SmsMessageSid || fields.SmsSid || null;
    const refuse = async (reason: string): Promise<null> => {
      await this.keep('inbound', deliveryId, reason, rawBody);
      return null;
    };
    const problem = formProblem(form);
    if (problem) return refuse(problem);
    const parsed = twilioInboundForm.safeParse(fields);
    if (!parsed.success) return refuse(describeIssues(parsed.error));
    try {
      return (await this.inbound.receive(parsed.data, new Date())).reply;
    } catch (error) {
      if (isRefusedData(error)) return refuse(`PostgreSQL refused it: ${(error as Error).message}`);
      throw error;
    }
  }

  private async keep(topic: string, deliveryId: string | null, reason: string, rawBody: Buffer) {
    await this.deadLetters.keep({ provider: 'twilio', topic, deliveryId, reason, rawBody });
  }
}
