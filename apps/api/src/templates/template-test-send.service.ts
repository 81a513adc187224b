/**
 * A test send (docs/product.md, "Templates"): renders a template (saved or being written) with a
 * customer's or the sample data and sends it to the signed-in person's own address or phone through
 * the real provider, or into the outbox in sandbox. It is a message of no run, flagged `test`: never
 * capped, never deferred by quiet hours, no consent asked (the person asked for it). Audited.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  plainTextOf,
  sampleTemplateContext,
  smsSegments,
  type ChannelProviders,
  type TemplateChannel,
} from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { TestSend } from '@waypoint/contract';
import {
  Database,
  findUserPhone,
  insertTestMessage,
  markMessageFailed,
  markMessageSent,
  type MessageLedgerContent,
} from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { TemplateRenderer } from './template-renderer.service';
import { TemplateResolver } from './template-resolver.service';
import { TemplatesService } from './templates.service';

export const CHANNEL_PROVIDERS = 'waypoint.channel-providers';

export interface TestSendResult {
  channel: TemplateChannel;
  to: string;
  sandbox: boolean;
  messageId: string;
}

@Injectable()
export class TemplateTestSender {
  constructor(
    private readonly db: Database,
    private readonly templates: TemplatesService,
    private readonly renderer: TemplateRenderer,
    private readonly resolver: TemplateResolver,
    private readonly audit: AuditLog,
    @Inject(CHANNEL_PROVIDERS) private readonly providers: ChannelProviders,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async send(input: TestSend, by: Principal): Promise<TestSendResult> {
    if (by.kind !== 'user')
      throw ApiError.forbidden('session_required', 'A test send goes to a person: sign in to send one');
    const channel = input.channel;
    const to = channel === 'email' ? by.email : await findUserPhone(this.db.query, by.userId);
    if (!to) {
      throw ApiError.unprocessable(
        'no_phone',
        `Set your own phone first (PATCH /v1/auth/me) to send yourself a test ${channel === 'sms' ? 'SMS' : 'WhatsApp message'}`,
      );
    }
    const name = input.name ?? 'test';
    const profile = await this.resolver.profile();
    const template = await this.templates.templateOf(channel, name, input.source);
    const data = input.customerId
      ? await this.renderer.customerContext(input.customerId)
      : { context: sampleTemplateContext(), locale: null };
    const rendered = await this.renderer.render(channel, name, template, data.context, {
      locale: input.locale ?? data.locale,
      profile,
      sample: !input.customerId,
      check: input.source !== undefined,
    });
    const content: MessageLedgerContent & { customerId: string | null } = {
      // Not the customer's message: it must not count towards their caps or "last messaged".
      customerId: null,
      channel,
      template: input.name ?? 'test (unsaved source)',
      to,
      from: null,
      subject: null,
      bodyHtml: null,
      bodyText: null,
      headers: {},
      provider: this.providers[channel].name,
      segments: null,
      locale: rendered.locale,
    };
    const sent =
      channel === 'email'
        ? await this.sendEmail(content, rendered.fields.subject ?? '', rendered.body)
        : await this.sendText(channel, content, rendered.body.trim());
    await this.audit.record(by, {
      action: 'template.test_send',
      targetType: 'template',
      targetId: `${channel}/${name}`,
      detail: { messageId: sent.messageId, to, locale: rendered.locale },
    });
    return { channel, to, sandbox: sent.sandbox, messageId: sent.messageId };
  }

  private async sendEmail(
    content: MessageLedgerContent & { customerId: string | null },
    subject: string,
    html: string,
  ): Promise<{ messageId: string; sandbox: boolean }> {
    const message = {
      to: content.to,
      from: this.env.EMAIL_FROM,
      subject,
      html,
      text: plainTextOf(html),
      headers: {},
      customArgs: { message_id: '', test: 'true' },
      categories: ['test', `template:${content.template}`],
    };
    const messageId = await insertTestMessage(this.db.query, {
      ...content,
      from: message.from,
      subject,
      bodyHtml: html,
      bodyText: message.text,
    });
    message.customArgs.message_id = messageId;
    return this.deliver(messageId, () => this.providers.email.send(message));
  }

  private async sendText(
    channel: 'sms' | 'whatsapp',
    content: MessageLedgerContent & { customerId: string | null },
    body: string,
  ): Promise<{ messageId: string; sandbox: boolean }> {
    const from =
      channel === 'sms'
        ? (this.env.TWILIO_SMS_FROM ?? '+15005550006')
        : (this.env.TWILIO_WHATSAPP_FROM ?? '+14155238886');
    const messageId = await insertTestMessage(this.db.query, {
      ...content,
      from,
      bodyText: body,
      segments: channel === 'sms' ? smsSegments(body) : null,
    });
    const statusCallback = `${this.env.PUBLIC_URL.replace(/\/$/, '')}/webhooks/twilio/status`;
    const envelope = { to: content.to, from, statusCallback, tags: { message_id: messageId, test: 'true' } };
    return this.deliver(messageId, () =>
      channel === 'sms'
        ? this.providers.sms.send({ ...envelope, body })
        : this.providers.whatsapp.send({ ...envelope, kind: 'session', body }),
    );
  }

  /** The provider's answer on the row; a refusal is a 502 naming it (the row says failed). */
  private async deliver(
    messageId: string,
    send: () => Promise<{ sandboxed: boolean; providerMessageId: string | null; request: unknown }>,
  ): Promise<{ messageId: string; sandbox: boolean }> {
    try {
      const result = await send();
      await markMessageSent(
        this.db.query,
        messageId,
        result.sandboxed ? 'sandboxed' : 'sent',
        result.providerMessageId,
        result.request,
      );
      return { messageId, sandbox: result.sandboxed };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await markMessageFailed(this.db.query, messageId, text);
      throw new ApiError(502, 'provider_failed', `The provider did not take the test message: ${text}`);
    }
  }
}
