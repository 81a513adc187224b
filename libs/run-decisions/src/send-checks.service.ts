/**
 * Everything a journey send decides before anything is written or sent: is there a customer and
 * an address, may the message go (consent, caps), what it says (the run's pinned template in the
 * customer's locale), and whether it would show a coupon the store refused. The worker's send
 * activities then claim the ledger row and call the provider; the journey preview stops here.
 */
import { Inject, Injectable } from '@nestjs/common';
import { normalisePhone, TemplateCatalog, type EmailMessage, type WhatsAppMessage } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database, findSendRecipient, lastInboundWhatsappAt, type SendCustomer } from '@waypoint/data';
import type { SendEmailInput, SendOutcome, SendSmsInput, SendWhatsappInput } from '@waypoint/journey';
import { showsRefusedCoupon } from './refused-coupon';
import { RunTemplates, type PreparedRender, type TemplatePins } from './run-templates.service';
import { SendPolicy } from './send-policy.service';
import { TemplateContextBuilder } from './template-context.service';

const SESSION_WINDOW_MS = 24 * 3_600_000;

/** Not sent, and why (the step's outcome as it is recorded). */
export interface Refused {
  outcome: SendOutcome;
}

export interface ReadyEmail {
  customer: SendCustomer;
  message: EmailMessage & { locale: string };
}

export interface ReadySms {
  /** The customer, with the phone number normalised to E.164. */
  customer: SendCustomer;
  body: string;
  locale: string;
}

export interface ReadyWhatsapp {
  customer: SendCustomer;
  message: WhatsAppMessage;
  /** "free-form: inside 24 h of their last WhatsApp message", "approved template". */
  why: string;
  locale: string | null;
}

export function skipped(why: string): SendOutcome {
  return { messageId: null, status: 'skipped', reason: `skipped: ${why}` };
}

/** Twilio reports delivery here (POST /webhooks/twilio/status, signature-checked). */
export function twilioStatusCallback(env: Environment): string {
  return `${env.PUBLIC_URL.replace(/\/$/, '')}/webhooks/twilio/status`;
}

@Injectable()
export class SendChecks {
  constructor(
    private readonly db: Database,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly catalog: TemplateCatalog,
    private readonly policy: SendPolicy,
    private readonly contexts: TemplateContextBuilder,
    private readonly profiles: StoreProfileReader,
    private readonly templates: RunTemplates,
  ) {}

  async email(
    input: SendEmailInput,
    pins: TemplatePins = { runId: input.runId },
  ): Promise<Refused | ReadyEmail> {
    const recipient = await findSendRecipient(this.db.query, input.customerId, 'email');
    if (!recipient) return { outcome: skipped('the customer no longer exists') };
    const { customer, consent } = recipient;
    if (!customer.email) return { outcome: skipped('the customer has no email address') };
    const refusal = await this.policy.refusal(
      customer.id,
      'email',
      input.category,
      input.frequencyCap,
      new Date(input.now),
      consent,
    );
    if (refusal) return { outcome: skipped(refusal) };
    const render = await this.templates.prepare(pins, 'email', input.template, customer.locale, input.nodeId);
    const context = await this.contexts.build(customer, input.context, {
      recommendations: render.readsRecommendations,
    });
    let message: ReadyEmail['message'];
    try {
      message = this.renderEmail(input, customer, render, context);
    } catch (error) {
      return { outcome: renderFailure(input.template, error) };
    }
    const refusedCoupon = showsRefusedCoupon(input.context, message.subject, message.html);
    if (refusedCoupon) return { outcome: skipped(refusedCoupon) };
    return { customer, message };
  }

  async sms(input: SendSmsInput, pins: TemplatePins = { runId: input.runId }): Promise<Refused | ReadySms> {
    const customer = await this.reachable(input, 'sms');
    if ('outcome' in customer) return customer;
    const render = await this.templates.prepare(pins, 'sms', input.template, customer.locale);
    let rendered;
    try {
      rendered = render(
        await this.contexts.build(customer, input.context, { recommendations: render.readsRecommendations }),
      );
    } catch (error) {
      return { outcome: renderFailure(input.template, error) };
    }
    const body = rendered.body.trim();
    const refusedCoupon = showsRefusedCoupon(input.context, body);
    if (refusedCoupon) return { outcome: skipped(refusedCoupon) };
    return { customer, body, locale: rendered.locale };
  }

  /** WhatsApp only (no fallback): free-form inside the 24 h session, else the approved template. */
  async whatsapp(
    input: SendWhatsappInput,
    pins: TemplatePins = { runId: input.runId },
  ): Promise<Refused | ReadyWhatsapp> {
    const customer = await this.reachable(input, 'whatsapp');
    if ('outcome' in customer) return customer;
    const lastInbound = await lastInboundWhatsappAt(this.db.query, customer.id, new Date(input.now));
    const inSession =
      lastInbound !== null && new Date(input.now).getTime() - lastInbound.getTime() < SESSION_WINDOW_MS;
    const render =
      inSession && input.template
        ? await this.templates.prepare(pins, 'whatsapp', input.template, customer.locale)
        : null;
    // Content-template variables are templates too: they may read recommendations.
    const context = await this.contexts.build(customer, input.context, {
      recommendations:
        (render?.readsRecommendations ?? false) ||
        Object.values(input.contentVariables ?? {}).some((v) => v.includes('recommendations')),
    });
    const envelope = {
      to: customer.phone as string,
      from: this.env.TWILIO_WHATSAPP_FROM ?? '+14155238886',
      statusCallback: twilioStatusCallback(this.env),
      tags: { run_id: input.runId, node_id: input.nodeId },
    };
    let message: WhatsAppMessage;
    let why: string;
    let locale: string | null = null;
    try {
      if (render) {
        const rendered = render(context);
        locale = rendered.locale;
        message = { ...envelope, kind: 'session', body: rendered.body.trim() };
        why = 'free-form: inside 24 h of their last WhatsApp message';
      } else if (input.contentSid) {
        // Content-template variables are small Handlebars templates themselves ("{{customer.firstName}}").
        const variables = Object.fromEntries(
          Object.entries(input.contentVariables ?? {}).map(([k, v]) => [
            k,
            this.catalog.renderInline('whatsapp', v, context),
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
        return {
          outcome: skipped(
            "WhatsApp free-form text is only allowed within 24 h of the customer's last message, and this node has no approved template",
          ),
        };
      }
    } catch (error) {
      return {
        outcome: {
          messageId: null,
          status: 'failed',
          reason: `failed: WhatsApp message did not render: ${(error as Error).message}`,
        },
      };
    }
    const refusedCoupon = showsRefusedCoupon(
      input.context,
      message.kind === 'session' ? message.body : JSON.stringify(message.contentVariables),
    );
    if (refusedCoupon) return { outcome: skipped(refusedCoupon) };
    return { customer, message, why, locale };
  }

  /**
   * WhatsApp, falling back to SMS and then email (a template of the same name on that channel)
   * when WhatsApp is not possible: no consent, no number, or outside the 24 h session without an
   * approved template. `attempt` sends (the worker) or only checks (the preview) on each channel.
   */
  async whatsappWithFallbacks(
    input: SendWhatsappInput,
    pins: TemplatePins,
    attempt: {
      whatsapp: () => Promise<SendOutcome>;
      sms: (template: string) => Promise<SendOutcome>;
      email: (template: string) => Promise<SendOutcome>;
    },
  ): Promise<SendOutcome> {
    const direct = await attempt.whatsapp();
    if (direct.status !== 'skipped' || !input.template) return direct;
    const why = direct.reason.replace(/^skipped: /, '');
    const tried: string[] = [`WhatsApp: ${why}`];
    if (await this.templates.exists(pins, 'sms', input.template)) {
      const sms = await attempt.sms(input.template);
      if (sms.status !== 'skipped') return { ...sms, reason: `${sms.reason} (instead of WhatsApp: ${why})` };
      tried.push(`SMS: ${sms.reason.replace(/^skipped: /, '')}`);
    }
    if (await this.templates.exists(pins, 'email', input.template)) {
      const email = await attempt.email(input.template);
      if (email.status !== 'skipped')
        return { ...email, reason: `${email.reason} (instead of WhatsApp: ${why})` };
      tried.push(`email: ${email.reason.replace(/^skipped: /, '')}`);
    }
    return { ...direct, reason: `skipped: ${tried.join('; ')}` };
  }

  private async reachable(
    input: SendSmsInput | SendWhatsappInput,
    channel: 'sms' | 'whatsapp',
  ): Promise<SendCustomer | Refused> {
    const recipient = await findSendRecipient(this.db.query, input.customerId, channel);
    if (!recipient) return { outcome: skipped('the customer no longer exists') };
    const { customer, consent } = recipient;
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
      consent,
    );
    return refusal ? { outcome: skipped(refusal) } : customer;
  }

  private renderEmail(
    input: SendEmailInput,
    customer: SendCustomer,
    render: PreparedRender,
    context: Record<string, unknown>,
  ): EmailMessage & { locale: string } {
    const rendered = render(context);
    const unsubscribe = this.contexts.unsubscribeUrl(customer.id);
    return {
      to: customer.email as string,
      from: input.from ?? this.env.EMAIL_FROM,
      subject: rendered.fields.subject ?? '',
      // No plain text yet: the worker derives it once from the HTML it sends (with tracked links).
      html: rendered.body,
      headers:
        input.category === 'marketing'
          ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : {},
      customArgs: { run_id: input.runId, node_id: input.nodeId, message_id: '' },
      categories: [input.category, `template:${input.template}`],
      locale: rendered.locale,
    };
  }
}

function renderFailure(template: string, error: unknown): SendOutcome {
  return {
    messageId: null,
    status: 'failed',
    reason: `failed: template "${template}" did not render: ${(error as Error).message}`,
  };
}
