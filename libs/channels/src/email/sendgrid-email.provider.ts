/**
 * Email through SendGrid's v3 API with the official `@sendgrid/mail` SDK. `baseUrl` points the SDK
 * at another host (a regional endpoint, or a local server speaking SendGrid's API in tests).
 */
import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { ProviderError } from '../provider-error';
import type { EmailMessage, EmailProvider, EmailSendResult } from './email-provider';
import { sendGridMailData, sendGridRequestBody } from './sendgrid-mail-data';

interface SendGridErrorShape {
  code?: number;
  message?: string;
  response?: { body?: { errors?: Array<{ message?: string; field?: string }> } };
}

export class SendGridEmailProvider implements EmailProvider {
  readonly name = 'sendgrid';
  private readonly mail = new MailService();

  constructor(apiKey: string, baseUrl: string) {
    const client = new Client();
    client.setApiKey(apiKey);
    // setApiKey resets the base URL to the region default, so the override comes after it.
    client.setDefaultRequest('baseUrl', baseUrl);
    this.mail.setClient(client);
    this.mail.setTimeout(15_000);
  }

  async send(message: EmailMessage): Promise<EmailSendResult> {
    try {
      const [response] = await this.mail.send(sendGridMailData(message));
      const id = response.headers['x-message-id'];
      return {
        provider: this.name,
        sandboxed: false,
        providerMessageId: typeof id === 'string' ? id : null,
        request: sendGridRequestBody(message),
      };
    } catch (error) {
      throw toProviderError(error as SendGridErrorShape);
    }
  }
}

function toProviderError(error: SendGridErrorShape): ProviderError {
  const status = typeof error.code === 'number' ? error.code : undefined;
  const detail = error.response?.body?.errors
    ?.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
    .join('; ');
  const message = `SendGrid ${status ?? 'network error'}: ${detail || error.message || 'no detail'}`;
  // 429 and 5xx are worth retrying; other 4xx mean the request itself is wrong.
  const permanent = status !== undefined && status >= 400 && status < 500 && status !== 429;
  return new ProviderError(message, 'sendgrid', permanent, status);
}
