/**
 * One send through Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json),
 * which SMS and WhatsApp share: the parameters our adapters give the SDK, and the form fields
 * Twilio receives for them. The sandbox adapters show the form, so it must match what the SDK
 * encodes; the provider tests assert that against a server speaking Twilio's API.
 */

/** The subset of the SDK's `messages.create()` options our channels use. */
export interface TwilioMessageParams {
  to: string;
  from: string;
  body?: string;
  /** An approved Content template (WhatsApp outside the 24-hour session window). */
  contentSid?: string;
  /** The template's variables as a JSON object string, e.g. `{"1":"Ada"}`. */
  contentVariables?: string;
  statusCallback?: string;
}

/** The form fields Twilio receives, named as Twilio names them. */
export interface TwilioMessageForm {
  To: string;
  From: string;
  Body?: string;
  ContentSid?: string;
  ContentVariables?: string;
  StatusCallback?: string;
}

export function twilioMessageForm(params: TwilioMessageParams): TwilioMessageForm {
  const form: TwilioMessageForm = { To: params.to, From: params.from };
  // Like the SDK, leave out what is not set rather than sending an empty field.
  if (params.body !== undefined) form.Body = params.body;
  if (params.contentSid !== undefined) form.ContentSid = params.contentSid;
  if (params.contentVariables !== undefined) form.ContentVariables = params.contentVariables;
  if (params.statusCallback !== undefined) form.StatusCallback = params.statusCallback;
  return form;
}
