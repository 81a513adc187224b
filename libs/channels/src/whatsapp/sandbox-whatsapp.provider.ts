/**
 * Sandbox mode (no provider credentials): nothing leaves the machine. The message is stored
 * rendered, with the form Twilio would have received, and shown in the outbox.
 */
import { twilioMessageForm } from '../sms/twilio-message-params';
import { twilioWhatsAppParams } from './twilio-whatsapp-params';
import type { WhatsAppMessage, WhatsAppProvider, WhatsAppSendResult } from './whatsapp-provider';

export class SandboxWhatsAppProvider implements WhatsAppProvider {
  readonly name = 'sandbox';

  async send(message: WhatsAppMessage): Promise<WhatsAppSendResult> {
    return {
      provider: this.name,
      sandboxed: true,
      providerMessageId: null,
      request: twilioMessageForm(twilioWhatsAppParams(message)),
    };
  }
}
