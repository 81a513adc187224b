/**
 * The Messages API parameters for a WhatsApp message, shared by the Twilio and the sandbox
 * adapters: both addresses on the `whatsapp:` channel, and either a body or a Content template.
 */
import type { TwilioMessageParams } from '../sms/twilio-message-params';
import type { WhatsAppMessage } from './whatsapp-provider';

const CHANNEL_PREFIX = 'whatsapp:';

/** `+14155550100` and `whatsapp:+14155550100` both become `whatsapp:+14155550100`. */
export function whatsAppAddress(number: string): string {
  return number.startsWith(CHANNEL_PREFIX) ? number : `${CHANNEL_PREFIX}${number}`;
}

export function twilioWhatsAppParams(message: WhatsAppMessage): TwilioMessageParams {
  // `tags` stay with us: the Messages API has no field that carries them to status callbacks.
  const content =
    message.kind === 'session'
      ? { body: message.body }
      : // Twilio takes the variables as one JSON-encoded form field.
        { contentSid: message.contentSid, contentVariables: JSON.stringify(message.contentVariables) };
  return {
    to: whatsAppAddress(message.to),
    from: whatsAppAddress(message.from),
    ...content,
    ...(message.statusCallback !== undefined ? { statusCallback: message.statusCallback } : {}),
  };
}
