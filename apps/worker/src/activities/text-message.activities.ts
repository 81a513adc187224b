/**
 * Sends one journey SMS or WhatsApp message through Twilio (or the sandbox), at most once. What
 * may go and what it says (consent, caps, the WhatsApp 24-hour session rule, the fallbacks) is
 * decided by the shared send checks (libs/run-decisions), the same the journey preview uses.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ProviderError, smsSegments, type SmsProvider, type WhatsAppProvider } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { SendChecks, twilioStatusCallback } from '@waypoint/run-decisions';
import type { SendOutcome, SendSmsInput, SendWhatsappInput } from '@waypoint/workflows';
import { EmailActivities } from './email.activities';
import { MessageLedger } from './message-ledger.service';
import { isTransient, retryFailure } from './provider-retry';
import { LinkTracker } from './link-tracker.service';

export const SMS_PROVIDER = 'waypoint.sms-provider';
export const WHATSAPP_PROVIDER = 'waypoint.whatsapp-provider';

@Injectable()
export class TextMessageActivities {
  private readonly logger = new Logger(TextMessageActivities.name);

  constructor(
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    @Inject(WHATSAPP_PROVIDER) private readonly whatsapp: WhatsAppProvider,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly checks: SendChecks,
    private readonly ledger: MessageLedger,
    private readonly email: EmailActivities,
    private readonly links: LinkTracker,
  ) {}

  async sendSms(input: SendSmsInput): Promise<SendOutcome> {
    const ready = await this.checks.sms(input);
    if ('outcome' in ready) return ready.outcome;
    const { customer, locale } = ready;
    const { body, links } = this.links.text(ready.body, {
      runId: input.runId,
      nodeId: input.nodeId,
      customerId: customer.id,
    });
    const from = this.env.TWILIO_SMS_FROM ?? '+15005550006';
    const segments = smsSegments(body);
    const claim = await this.ledger.claim(
      input,
      {
        channel: 'sms',
        template: input.template,
        to: customer.phone as string,
        from,
        subject: null,
        bodyHtml: null,
        bodyText: body,
        headers: {},
        provider: this.sms.name,
        segments,
        locale,
      },
      links,
    );
    if (claim.kind === 'done') return claim.outcome;
    try {
      const result = await this.sms.send({
        to: customer.phone as string,
        from,
        body,
        statusCallback: twilioStatusCallback(this.env),
        tags: { run_id: input.runId, node_id: input.nodeId, message_id: claim.messageId },
      });
      await this.ledger.markSent(claim.messageId, result.sandboxed, result.providerMessageId, result.request);
      const parts = `${segments} segment${segments === 1 ? '' : 's'}`;
      return {
        messageId: claim.messageId,
        status: result.sandboxed ? 'sandboxed' : 'sent',
        reason: result.sandboxed
          ? `sandbox: SMS stored in the outbox for ${customer.phone} (${parts}; no Twilio credentials)`
          : `sent SMS to ${customer.phone} via twilio (${parts})`,
      };
    } catch (error) {
      return this.failure(claim.messageId, error);
    }
  }

  /** WhatsApp, else SMS, else email (SendChecks.whatsappWithFallbacks); the step says which and why. */
  async sendWhatsapp(input: SendWhatsappInput): Promise<SendOutcome> {
    return this.checks.whatsappWithFallbacks(
      input,
      { runId: input.runId },
      {
        whatsapp: () => this.sendWhatsappOnly(input),
        sms: (template) => this.sendSms({ ...input, template }),
        email: (template) => this.email.sendEmail({ ...input, template }),
      },
    );
  }

  private async sendWhatsappOnly(input: SendWhatsappInput): Promise<SendOutcome> {
    const ready = await this.checks.whatsapp(input);
    if ('outcome' in ready) return ready.outcome;
    const { customer, message, why, locale } = ready;
    const tracked =
      message.kind === 'session'
        ? this.links.text(message.body, { runId: input.runId, nodeId: input.nodeId, customerId: customer.id })
        : null;
    if (message.kind === 'session' && tracked) message.body = tracked.body;
    const claim = await this.ledger.claim(
      input,
      {
        channel: 'whatsapp',
        template: message.kind === 'session' ? (input.template as string) : `content:${message.contentSid}`,
        to: customer.phone as string,
        from: message.from,
        subject: null,
        bodyHtml: null,
        bodyText: message.kind === 'session' ? message.body : JSON.stringify(message.contentVariables),
        headers: {},
        provider: this.whatsapp.name,
        segments: null,
        locale,
      },
      tracked?.links,
    );
    if (claim.kind === 'done') return claim.outcome;
    try {
      const result = await this.whatsapp.send({
        ...message,
        tags: { ...message.tags, message_id: claim.messageId },
      });
      await this.ledger.markSent(claim.messageId, result.sandboxed, result.providerMessageId, result.request);
      return {
        messageId: claim.messageId,
        status: result.sandboxed ? 'sandboxed' : 'sent',
        reason: result.sandboxed
          ? `sandbox: WhatsApp (${why}) stored in the outbox for ${customer.phone}`
          : `sent WhatsApp (${why}) to ${customer.phone} via twilio`,
      };
    } catch (error) {
      return this.failure(claim.messageId, error);
    }
  }

  private async failure(messageId: string, error: unknown): Promise<SendOutcome> {
    const text = error instanceof Error ? error.message : String(error);
    await this.ledger.markFailed(messageId, text);
    if (!isTransient(error)) {
      const code =
        error instanceof ProviderError && error.providerCode ? ` (Twilio ${error.providerCode})` : '';
      return { messageId, status: 'failed', reason: `failed${code}: ${text}` };
    }
    this.logger.warn(`message ${messageId} not sent yet, will retry: ${text}`);
    throw retryFailure(error);
  }
}
