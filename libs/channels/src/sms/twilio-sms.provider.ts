/**
 * SMS through Twilio's Messages API with the official `twilio` SDK. `apiUrl` points the SDK at
 * another host (a regional endpoint, or a local server speaking Twilio's API in tests).
 */
import { smsSegments } from './sms-segments';
import type { SmsMessage, SmsProvider, SmsSendResult } from './sms-provider';
import { twilioMessageForm } from './twilio-message-params';
import { type TwilioAccount, TwilioMessagesClient } from './twilio-messages.client';
import { twilioSmsParams } from './twilio-sms-params';

export class TwilioSmsProvider implements SmsProvider {
  readonly name = 'twilio';
  private readonly messages: TwilioMessagesClient;

  constructor(account: TwilioAccount) {
    this.messages = new TwilioMessagesClient(account);
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const params = twilioSmsParams(message);
    const created = await this.messages.create(params);
    return {
      provider: this.name,
      sandboxed: false,
      providerMessageId: created.sid,
      // Counted here rather than read from Twilio's answer so the sandbox and live modes agree.
      segments: smsSegments(message.body),
      request: twilioMessageForm(params),
    };
  }
}
