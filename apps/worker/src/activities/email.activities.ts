/**
 * Sends one journey email, at most once. The ledger row (unique per run, node and visit) is
 * written before the provider is called; a retry finds it and never sends a second copy.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ProviderError,
  signUnsubscribeToken,
  TemplateCatalog,
  type EmailMessage,
  type EmailProvider,
} from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { consentOf, consentVerdict, CustomerEntity, type MessageStatus } from '@waypoint/data';
import type { SendEmailInput, SendOutcome } from '@waypoint/workflows';
import { DataSource } from 'typeorm';

export const EMAIL_PROVIDER = 'waypoint.email-provider';

interface LedgerRow {
  id: string;
  status: MessageStatus;
  to_address: string;
  provider: string;
  error: string | null;
}

@Injectable()
export class EmailActivities {
  private readonly logger = new Logger(EmailActivities.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EMAIL_PROVIDER) private readonly provider: EmailProvider,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly templates: TemplateCatalog,
  ) {}

  async sendEmail(input: SendEmailInput): Promise<SendOutcome> {
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: input.customerId });
    if (!customer) return skipped('the customer no longer exists');
    if (!customer.email) return skipped('the customer has no email address');
    if (input.category === 'marketing') {
      const consent = consentVerdict(
        'email',
        await consentOf((sql, p) => this.db.query(sql, p), customer.id, 'email'),
      );
      if (!consent.allowed) return skipped(consent.reason as string);
    }

    const ledger = await this.claim(input, customer);
    if (ledger.kind === 'done') return ledger.outcome;
    const { row, message } = ledger;

    try {
      const result = await this.provider.send(message);
      await this.db.query(
        `UPDATE messages SET status = $2, provider_message_id = $3, provider_request = $4, sent_at = now(), error = NULL
          WHERE id = $1`,
        [
          row.id,
          result.sandboxed ? 'sandboxed' : 'sent',
          result.providerMessageId,
          JSON.stringify(result.request),
        ],
      );
      return {
        messageId: row.id,
        status: result.sandboxed ? 'sandboxed' : 'sent',
        reason: result.sandboxed
          ? `sandbox: stored in the outbox for ${message.to} (no SendGrid credentials)`
          : `sent to ${message.to} via ${result.provider}`,
      };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await this.db.query(`UPDATE messages SET status = 'failed', error = $2 WHERE id = $1`, [row.id, text]);
      // Only a provider's transient answer (429, 5xx, network) is worth another attempt; anything
      // else (a permanent 4xx, a message the SDK refuses to build) would fail the same way again.
      if (!(error instanceof ProviderError) || error.permanent) {
        return { messageId: row.id, status: 'failed', reason: `failed: ${text}` };
      }
      this.logger.warn(`email ${row.id} not sent yet, will retry: ${text}`);
      throw error;
    }
  }

  /**
   * Writes (or finds) the ledger row. A row left in `sending` means an earlier attempt died inside
   * the provider call: the provider may have sent it, so it is marked `unconfirmed`, not re-sent.
   */
  private async claim(
    input: SendEmailInput,
    customer: CustomerEntity,
  ): Promise<
    { kind: 'done'; outcome: SendOutcome } | { kind: 'send'; row: LedgerRow; message: EmailMessage }
  > {
    const rendered = this.render(input, customer);
    if ('error' in rendered)
      return { kind: 'done', outcome: { messageId: null, status: 'failed', reason: rendered.error } };
    const message = rendered.message;

    const inserted: LedgerRow[] = await this.db.query(
      `INSERT INTO messages (run_id, node_id, visit, customer_id, channel, template, to_address, from_address,
                             subject, body_html, headers, status, provider, attempts)
       VALUES ($1, $2, $3, $4, 'email', $5, $6, $7, $8, $9, $10, 'sending', $11, 1)
       ON CONFLICT (run_id, node_id, visit) DO NOTHING
       RETURNING id, status, to_address, provider, error`,
      [
        input.runId,
        input.nodeId,
        input.visit,
        customer.id,
        input.template,
        message.to,
        message.from,
        message.subject,
        message.html,
        JSON.stringify(message.headers),
        this.provider.name,
      ],
    );
    let row = inserted[0];
    if (!row) {
      const existing: LedgerRow[] = await this.db.query(
        `SELECT id, status, to_address, provider, error FROM messages WHERE run_id = $1 AND node_id = $2 AND visit = $3`,
        [input.runId, input.nodeId, input.visit],
      );
      row = existing[0];
      switch (row.status) {
        case 'sent':
        case 'sandboxed':
          return {
            kind: 'done',
            outcome: {
              messageId: row.id,
              status: row.status,
              reason: `already ${row.status} to ${row.to_address}`,
            },
          };
        case 'unconfirmed':
        case 'sending':
          await this.db.query(`UPDATE messages SET status = 'unconfirmed' WHERE id = $1`, [row.id]);
          return {
            kind: 'done',
            outcome: {
              messageId: row.id,
              status: 'unconfirmed',
              reason:
                'unconfirmed: an earlier attempt stopped inside the provider call; not sent again to avoid a duplicate',
            },
          };
        case 'failed':
          // A retryable failure was recorded: this attempt sends it again.
          await this.db.query(
            `UPDATE messages SET status = 'sending', attempts = attempts + 1 WHERE id = $1`,
            [row.id],
          );
      }
    }
    message.customArgs.message_id = row.id;
    return { kind: 'send', row, message };
  }

  private render(
    input: SendEmailInput,
    customer: CustomerEntity,
  ): { message: EmailMessage } | { error: string } {
    const unsubscribeUrl = `${this.env.PUBLIC_URL.replace(/\/$/, '')}/u/${signUnsubscribeToken(customer.id, this.env.APP_SECRET)}`;
    const context = {
      customer: {
        id: customer.id,
        externalId: customer.externalId,
        email: customer.email,
        phone: customer.phone,
        firstName: customer.firstName,
        lastName: customer.lastName,
        attributes: customer.attributes,
      },
      event: input.context.event,
      coupon: input.context.coupon,
      store: { name: this.env.STORE_NAME, url: this.env.STORE_URL },
      unsubscribeUrl,
    };
    try {
      const rendered = this.templates.render('email', input.template, context);
      const headers: Record<string, string> =
        input.category === 'marketing'
          ? {
              'List-Unsubscribe': `<${unsubscribeUrl}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : {};
      return {
        message: {
          to: customer.email as string,
          from: input.from ?? this.env.EMAIL_FROM,
          subject: rendered.fields.subject ?? '',
          html: rendered.body,
          headers,
          customArgs: { run_id: input.runId, node_id: input.nodeId, message_id: '' },
          categories: [input.category, `template:${input.template}`],
        },
      };
    } catch (error) {
      return { error: `failed: template "${input.template}" did not render: ${(error as Error).message}` };
    }
  }
}

function skipped(why: string): SendOutcome {
  return { messageId: null, status: 'skipped', reason: `skipped: ${why}` };
}
