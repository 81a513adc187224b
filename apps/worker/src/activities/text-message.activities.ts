/**
 * Sends one journey SMS or WhatsApp message through Twilio (or the sandbox), at most once, with
 * consent, caps and, for WhatsApp, the 24-hour session rule: free-form text only within 24 h of the
 * customer's last inbound WhatsApp message, otherwise the approved template (content SID).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  normalisePhone,
  ProviderError,
  smsSegments,
  TemplateCatalog,
  type RenderedTemplate,
  type SmsProvider,
  type WhatsAppMessage,
  type WhatsAppProvider,
} from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database, findCustomerProfile, lastInboundWhatsappAt, type CustomerEntity } from '@waypoint/data';
import type { SendOutcome, SendSmsInput, SendWhatsappInput } from '@waypoint/workflows';
import { EmailActivities, skipped } from './email.activities';
import { MessageLedger } from './message-ledger.service';
import { isTransient, retryFailure } from './provider-retry';
import { showsRefusedCoupon } from './refused-coupon';
import { RunTemplates } from './run-templates.service';
import { SendPolicy } from './send-policy.service';
import { TemplateContextBuilder } from './template-context.service';
import { LinkTracker } from './link-tracker.service';

export const SMS_PROVIDER = 'waypoint.sms-provider';
export const WHATSAPP_PROVIDER = 'waypoint.whatsapp-provider';
const SESSION_WINDOW_MS = 24 * 3_600_000;

@Injectable()
export class TextMessageActivities {
  private readonly logger = new Logger(TextMessageActivities.name);

  constructor(
    private readonly db: Database,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    @Inject(WHATSAPP_PROVIDER) private readonly whatsapp: WhatsAppProvider,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly templates: TemplateCatalog,
    private readonly ledger: MessageLedger,
    private readonly policy: SendPolicy,
    private readonly contexts: TemplateContextBuilder,
    private readonly email: EmailActivities,
    private readonly links: LinkTracker,
    private readonly profiles: StoreProfileReader,
    private readonly runTemplates: RunTemplates,
  ) {}

  async sendSms(input: SendSmsInput): Promise<SendOutcome> {
    const customer = await this.reachable(input, 'sms');
    if ('outcome' in customer) return customer.outcome;
    const render = await this.runTemplates.prepare(input.runId, 'sms', input.template, customer.locale);
    let rendered: RenderedTemplate;
    try {
      rendered = render(await this.contexts.build(customer, input.context));
    } catch (error) {
      return {
        messageId: null,
        status: 'failed',
        reason: `failed: template "${input.template}" did not render: ${(error as Error).message}`,
      };
    }
    let body = rendered.body.trim();
    const refusedCoupon = showsRefusedCoupon(input.context, body);
    if (refusedCoupon) return skipped(refusedCoupon);
    body = await this.links.text(body, { runId: input.runId, nodeId: input.nodeId, customerId: customer.id });
    const from = this.env.TWILIO_SMS_FROM ?? '+15005550006';
    const segments = smsSegments(body);
    const claim = await this.ledger.claim(input, {
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
      locale: rendered.locale,
    });
    if (claim.kind === 'done') return claim.outcome;
    try {
      const result = await this.sms.send({
        to: customer.phone as string,
        from,
        body,
        statusCallback: this.statusCallback(),
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

  /**
   * WhatsApp, falling back to SMS and then email (a template of the same name on that channel)
   * when WhatsApp is not possible: no consent, no number, or outside the 24 h session without an
   * approved template. The step says which channel was used and why.
   */
  async sendWhatsapp(input: SendWhatsappInput): Promise<SendOutcome> {
    const direct = await this.sendWhatsappOnly(input);
    if (direct.status !== 'skipped' || !input.template) return direct;
    const why = direct.reason.replace(/^skipped: /, '');
    const tried: string[] = [`WhatsApp: ${why}`];
    if (await this.runTemplates.exists(input.runId, 'sms', input.template)) {
      const sms = await this.sendSms({ ...input, template: input.template });
      if (sms.status !== 'skipped') return { ...sms, reason: `${sms.reason} (instead of WhatsApp: ${why})` };
      tried.push(`SMS: ${sms.reason.replace(/^skipped: /, '')}`);
    }
    if (await this.runTemplates.exists(input.runId, 'email', input.template)) {
      const email = await this.email.sendEmail({ ...input, template: input.template });
      if (email.status !== 'skipped')
        return { ...email, reason: `${email.reason} (instead of WhatsApp: ${why})` };
      tried.push(`email: ${email.reason.replace(/^skipped: /, '')}`);
    }
    return { ...direct, reason: `skipped: ${tried.join('; ')}` };
  }

  private async sendWhatsappOnly(input: SendWhatsappInput): Promise<SendOutcome> {
    const customer = await this.reachable(input, 'whatsapp');
    if ('outcome' in customer) return customer.outcome;
    const lastInbound = await lastInboundWhatsappAt(this.db.query, customer.id, new Date(input.now));
    const inSession =
      lastInbound !== null && new Date(input.now).getTime() - lastInbound.getTime() < SESSION_WINDOW_MS;
    const render =
      inSession && input.template
        ? await this.runTemplates.prepare(input.runId, 'whatsapp', input.template, customer.locale)
        : null;
    const context = await this.contexts.build(customer, input.context);
    const from = this.env.TWILIO_WHATSAPP_FROM ?? '+14155238886';
    const envelope = {
      to: customer.phone as string,
      from,
      statusCallback: this.statusCallback(),
      tags: { run_id: input.runId, node_id: input.nodeId },
    };
    let message: WhatsAppMessage;
    let why: string;
    let locale: string | null = null;
    try {
      if (render) {
        const rendered = render(context);
        locale = rendered.locale;
        message = {
          ...envelope,
          kind: 'session',
          body: rendered.body.trim(),
        };
        why = 'free-form: inside 24 h of their last WhatsApp message';
      } else if (input.contentSid) {
        const variables = Object.fromEntries(
          Object.entries(input.contentVariables ?? {}).map(([k, v]) => [
            k,
            renderInline(this.templates, v, context),
          ]),
        );
        message = {
          ...envelope,
          kind: 'template',
          contentSid: input.contentSid,
          contentVariables: variables,
        };
        why = inSession ? 'approved template' : 'approved template: outside the 24 h session window';
      } else {
        return skipped(
          "WhatsApp free-form text is only allowed within 24 h of the customer's last message, and this node has no approved template",
        );
      }
    } catch (error) {
      return {
        messageId: null,
        status: 'failed',
        reason: `failed: WhatsApp message did not render: ${(error as Error).message}`,
      };
    }
    const refusedCoupon = showsRefusedCoupon(
      input.context,
      message.kind === 'session' ? message.body : JSON.stringify(message.contentVariables),
    );
    if (refusedCoupon) return skipped(refusedCoupon);
    if (message.kind === 'session')
      message.body = await this.links.text(message.body, {
        runId: input.runId,
        nodeId: input.nodeId,
        customerId: customer.id,
      });
    const claim = await this.ledger.claim(input, {
      channel: 'whatsapp',
      template: message.kind === 'session' ? (input.template as string) : `content:${message.contentSid}`,
      to: customer.phone as string,
      from,
      subject: null,
      bodyHtml: null,
      bodyText: message.kind === 'session' ? message.body : JSON.stringify(message.contentVariables),
      headers: {},
      provider: this.whatsapp.name,
      segments: null,
      locale,
    });
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

  /** Twilio reports delivery here (POST /webhooks/twilio/status, signature-checked). */
  private statusCallback(): string {
    return `${this.env.PUBLIC_URL.replace(/\/$/, '')}/webhooks/twilio/status`;
  }

  private async reachable(
    input: SendSmsInput | SendWhatsappInput,
    channel: 'sms' | 'whatsapp',
  ): Promise<CustomerEntity | { outcome: SendOutcome }> {
    const customer = await findCustomerProfile(this.db, input.customerId);
    if (!customer) return { outcome: skipped('the customer no longer exists') };
    if (!customer.phone) return { outcome: skipped(`the customer has no phone number (${channel})`) };
    // Numbers enter as E.164; one kept as given because it was not valid is never sent to.
    const phone = normalisePhone(customer.phone, (await this.profiles.current()).country);
    if ('invalid' in phone) {
      return { outcome: skipped(`phone number "${phone.invalid}" is not a valid number (${channel})`) };
    }
    customer.phone = phone.e164;
    const refusal = await this.policy.refusal(
      customer.id,
      channel,
      input.category,
      input.frequencyCap,
      new Date(input.now),
    );
    return refusal ? { outcome: skipped(refusal) } : customer;
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

/** Content-template variables are small Handlebars templates themselves ("{{customer.firstName}}"). */
function renderInline(templates: TemplateCatalog, source: string, context: Record<string, unknown>): string {
  return templates.renderInline('whatsapp', source, context);
}
