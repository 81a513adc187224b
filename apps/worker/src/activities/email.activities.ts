/**
 * Sends one journey email, at most once: the shared send checks (address, consent, caps, the
 * rendered template; libs/run-decisions), then the ledger row with the message's tracked links,
 * then the provider (SendGrid, or the sandbox outbox).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { plainTextOf, type EmailProvider } from '@waypoint/channels';
import { SendChecks } from '@waypoint/run-decisions';
import type { SendEmailInput, SendOutcome } from '@waypoint/workflows';
import { MessageLedger } from './message-ledger.service';
import { LinkTracker } from './link-tracker.service';
import { isTransient, retryFailure } from './provider-retry';

export const EMAIL_PROVIDER = 'waypoint.email-provider';

@Injectable()
export class EmailActivities {
  private readonly logger = new Logger(EmailActivities.name);

  constructor(
    @Inject(EMAIL_PROVIDER) private readonly provider: EmailProvider,
    private readonly checks: SendChecks,
    private readonly ledger: MessageLedger,
    private readonly links: LinkTracker,
  ) {}

  async sendEmail(input: SendEmailInput): Promise<SendOutcome> {
    const ready = await this.checks.email(input);
    if ('outcome' in ready) return ready.outcome;
    const { customer, message } = ready;
    const tracked = this.links.html(message.html, {
      runId: input.runId,
      nodeId: input.nodeId,
      customerId: customer.id,
    });
    message.html = tracked.body;
    message.text = plainTextOf(message.html);
    const claim = await this.ledger.claim(
      input,
      {
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
      },
      tracked.links,
    );
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
}
