/**
 * The three channel providers as the environment configures them: SendGrid and Twilio with
 * credentials, the sandbox (outbox only) without (docs/architecture.md, "Providers").
 */
import type { EmailProvider } from './email/email-provider';
import { SandboxEmailProvider } from './email/sandbox-email.provider';
import { SendGridEmailProvider } from './email/sendgrid-email.provider';
import { SandboxSmsProvider } from './sms/sandbox-sms.provider';
import type { SmsProvider } from './sms/sms-provider';
import { TwilioSmsProvider } from './sms/twilio-sms.provider';
import { SandboxWhatsAppProvider } from './whatsapp/sandbox-whatsapp.provider';
import { TwilioWhatsAppProvider } from './whatsapp/twilio-whatsapp.provider';
import type { WhatsAppProvider } from './whatsapp/whatsapp-provider';

export interface ChannelProviders {
  email: EmailProvider;
  sms: SmsProvider;
  whatsapp: WhatsAppProvider;
}

export interface ChannelProviderSettings {
  SENDGRID_API_KEY?: string;
  SENDGRID_API_URL: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_API_URL?: string;
}

export function channelProviders(env: ChannelProviderSettings): ChannelProviders {
  const twilio =
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
      ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiUrl: env.TWILIO_API_URL }
      : null;
  return {
    email: env.SENDGRID_API_KEY
      ? new SendGridEmailProvider(env.SENDGRID_API_KEY, env.SENDGRID_API_URL)
      : new SandboxEmailProvider(),
    sms: twilio ? new TwilioSmsProvider(twilio) : new SandboxSmsProvider(),
    whatsapp: twilio ? new TwilioWhatsAppProvider(twilio) : new SandboxWhatsAppProvider(),
  };
}
