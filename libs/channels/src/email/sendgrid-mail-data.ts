/** The SendGrid v3 mail/send request for a message, shared by the real and the sandbox adapters. */
import { Mail } from '@sendgrid/helpers/classes';
import type { MailDataRequired } from '@sendgrid/helpers/classes/mail';
import type { EmailMessage } from './email-provider';

export function sendGridMailData(message: EmailMessage): MailDataRequired {
  return {
    to: message.to,
    from: message.from,
    subject: message.subject,
    html: message.html,
    ...(message.text ? { text: message.text } : {}),
    headers: message.headers,
    customArgs: message.customArgs,
    categories: message.categories,
  };
}

/** The JSON body SendGrid receives at POST /v3/mail/send. */
export function sendGridRequestBody(message: EmailMessage): unknown {
  // Round-trip through JSON: toJSON() leaves helper class instances (EmailAddress) in place.
  return JSON.parse(JSON.stringify(Mail.create(sendGridMailData(message)).toJSON()));
}
