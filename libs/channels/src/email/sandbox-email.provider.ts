/**
 * Sandbox mode (no provider credentials): nothing leaves the machine. The message is stored
 * rendered, with the exact request SendGrid would have received, and shown in the outbox.
 */
import type { EmailMessage, EmailProvider, EmailSendResult } from './email-provider';
import { sendGridRequestBody } from './sendgrid-mail-data';

export class SandboxEmailProvider implements EmailProvider {
  readonly name = 'sandbox';

  async send(message: EmailMessage): Promise<EmailSendResult> {
    return {
      provider: this.name,
      sandboxed: true,
      providerMessageId: null,
      request: sendGridRequestBody(message),
    };
  }
}
