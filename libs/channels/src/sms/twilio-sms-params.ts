/** The Messages API parameters for an SMS, shared by the Twilio and the sandbox adapters. */
import type { SmsMessage } from './sms-provider';
import type { TwilioMessageParams } from './twilio-message-params';

export function twilioSmsParams(message: SmsMessage): TwilioMessageParams {
  // `tags` stay with us: the Messages API has no field that carries them to status callbacks.
  return {
    to: message.to,
    from: message.from,
    body: message.body,
    ...(message.statusCallback !== undefined ? { statusCallback: message.statusCallback } : {}),
  };
}
