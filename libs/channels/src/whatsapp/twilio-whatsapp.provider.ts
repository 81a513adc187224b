/**
 * WhatsApp through Twilio's Messages API (the SMS endpoint, `whatsapp:` addresses) with the
 * official `twilio` SDK. `apiUrl` points the SDK at another host, as for SMS.
 */
import { twilioMessageForm } from '../sms/twilio-message-params';
import { type TwilioAccount, TwilioMessagesClient } from '../sms/twilio-messages.client';
import { twilioWhatsAppParams } from './twilio-whatsapp-params';
import type { WhatsAppMessage, WhatsAppProvider, WhatsAppSendResult } from './whatsapp-provider';

export class TwilioWhatsAppProvider implements WhatsAppProvider {
  readonly name = 'twilio';
  private readonly messages: TwilioMessagesClient;

  constructor(account: TwilioAccount) {
    this.messages = new TwilioMessagesClient(account);
  }

  async send(message: WhatsAppMessage): Promise<WhatsAppSendResult> {
    const params = twilioWhatsAppParams(message);
    const created = await this.messages.create(params);
    return {
      provider: this.name,
      sandboxed: false,
      providerMessageId: created.sid,
      request: twilioMessageForm(params),
    };
  }
}
