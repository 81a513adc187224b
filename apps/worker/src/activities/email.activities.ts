/**
 * Sends one journey email, at most once: checks address, consent and caps, renders the template,
 * writes the ledger row, then calls the provider (SendGrid, or the sandbox outbox).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { plainTextOf, type EmailMessage, type EmailProvider } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { Database, findCustomerProfile, type CustomerEntity } from '@waypoint/data';
import type { SendEmailInput, SendOutcome } from '@waypoint/workflows';
import { MessageLedger } from './message-ledger.service';
import { LinkTracker } from './link-tracker.service';
import { isTransient, retryFailure } from './provider-retry';
import { showsRefusedCoupon } from './refused-coupon';
import { RunTemplates, type PreparedRender } from './run-templates.service';
import { SendPolicy } from './send-policy.service';
import { TemplateContextBuilder } from './template-context.service';

export const EMAIL_PROVIDER = 'waypoint.email-provider';

@Injectable()
export class EmailActivities {
  private readonly logger = new Logger(EmailActivities.name);

  constructor(
    private readonly db: Database,
    @Inject(EMAIL_PROVIDER) private readonly provider: EmailProvider,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly templates: RunTemplates,
    private readonly ledger: MessageLedger,
    private readonly policy: SendPolicy,
    private readonly contexts: TemplateContextBuilder,
    private readonly links: LinkTracker,
  ) {}

  async sendEmail(input: SendEmailInput): Promise<SendOutcome> {
    const customer = await findCustomerProfile(this.db, input.customerId);
    if (!customer) return skipped('the customer no longer exists');
    if (!customer.email) return skipped('the customer has no email address');
    const refusal = await this.policy.refusal(
      customer.id,
      'email',
      input.category,
      input.frequencyCap,
      new Date(input.now),
    );
    if (refusal) return skipped(refusal);

    const render = await this.templates.prepare(
      input.runId,
      'email',
      input.template,
      customer.locale,
      input.nodeId,
    );
    const context = await this.contexts.build(customer, input.context);
    let message: EmailMessage & { locale: string };
    try {
      message = this.render(input, customer, render, context);
    } catch (error) {
      return {
        messageId: null,
        status: 'failed',
        reason: `failed: template "${input.template}" did not render: ${(error as Error).message}`,
      };
    }
    const refusedCoupon = showsRefusedCoupon(input.context, message.subject, message.html);
    if (refusedCoupon) return skipped(refusedCoupon);
    message.html = await this.links.html(message.html, {
      runId: input.runId,
      nodeId: input.nodeId,
      customerId: customer.id,
    });
    message.text = plainTextOf(message.html);
    const claim = await this.ledger.claim(input, {
      channel: 'email',
      template: input.template,
      to: message.to,
      from: message.from,
      subject: message.subject,
      bodyHtml: message.html,
      bodyText: message.text ?? null,
      headers: message.headers,
      provider: this.provider.name,
      segments: null,
      locale: message.locale,
    });
    if (claim.kind === 'done') return claim.outcome;
    message.customArgs.message_id = claim.messageId;

    try {
      const { locale: _locale, ...email } = message;
      const result = await this.provider.send(email);
      await this.ledger.markSent(claim.messageId, result.sandboxed, result.providerMessageId, result.request);
      return {
        messageId: claim.messageId,
        status: result.sandboxed ? 'sandboxed' : 'sent',
        reason: result.sandboxed
          ? `sandbox: stored in the outbox for ${message.to} (no SendGrid credentials)`
          : `sent to ${message.to} via ${result.provider}`,
      };
    } catch (error) {
      return this.failure(claim.messageId, error);
    }
  }

  /** Only a provider's transient answer (429, 5xx, network) is retried; anything else would fail the same way again. */
  private async failure(messageId: string, error: unknown): Promise<SendOutcome> {
    const text = error instanceof Error ? error.message : String(error);
    await this.ledger.markFailed(messageId, text);
    if (!isTransient(error)) return { messageId, status: 'failed', reason: `failed: ${text}` };
    this.logger.warn(`email ${messageId} not sent yet, will retry: ${text}`);
    throw retryFailure(error);
  }

  private render(
    input: SendEmailInput,
    customer: CustomerEntity,
    render: PreparedRender,
    context: Record<string, unknown>,
  ): EmailMessage & { locale: string } {
    const rendered = render(context);
    const unsubscribe = this.contexts.unsubscribeUrl(customer.id);
    return {
      to: customer.email as string,
      from: input.from ?? this.env.EMAIL_FROM,
      subject: rendered.fields.subject ?? '',
      html: rendered.body,
      text: plainTextOf(rendered.body),
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

export function skipped(why: string): SendOutcome {
  return { messageId: null, status: 'skipped', reason: `skipped: ${why}` };
}
