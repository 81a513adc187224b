/**
 * Sandbox mode (no provider credentials): nothing leaves the machine. The message is stored
 * rendered, with the form Twilio would have received and its segment count, and shown in the
 * outbox.
 */
import { smsSegments } from './sms-segments';
import type { SmsMessage, SmsProvider, SmsSendResult } from './sms-provider';
import { twilioMessageForm } from './twilio-message-params';
import { twilioSmsParams } from './twilio-sms-params';

export class SandboxSmsProvider implements SmsProvider {
  readonly name = 'sandbox';

  async send(message: SmsMessage): Promise<SmsSendResult> {
    return {
      provider: this.name,
      sandboxed: true,
      providerMessageId: null,
      segments: smsSegments(message.body),
      request: twilioMessageForm(twilioSmsParams(message)),
    };
  }
}
