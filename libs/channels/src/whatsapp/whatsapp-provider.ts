/**
 * The WhatsApp channel: one interface, one small adapter per vendor (Twilio, sandbox). Inside the
 * 24-hour window after the customer's last message a free-form session message may be sent;
 * outside it only an approved template (docs/product.md, send.whatsapp). Deciding which applies is
 * the caller's job; the adapters send what they are given.
 */
/** What every WhatsApp message carries, whichever kind it is. */
export interface WhatsAppEnvelope {
  /** E.164, with or without the `whatsapp:` prefix (the adapters add it). */
  to: string;
  /** The WhatsApp sender the account owns, with or without the `whatsapp:` prefix. */
  from: string;
  /** Where Twilio posts delivery status for this message. */
  statusCallback?: string;
  /** Echoed for our own tracing (run, node, message ids); the provider is not sent them. */
  tags: Record<string, string>;
}

/** Free-form text, allowed only inside the customer's 24-hour session window. */
export interface WhatsAppSessionMessage extends WhatsAppEnvelope {
  kind: 'session';
  body: string;
}

/** An approved Content template with its variables, e.g. `{ '1': 'Ada' }`. */
export interface WhatsAppTemplateMessage extends WhatsAppEnvelope {
  kind: 'template';
  contentSid: string;
  contentVariables: Record<string, string>;
}

export type WhatsAppMessage = WhatsAppSessionMessage | WhatsAppTemplateMessage;

export interface WhatsAppSendResult {
  provider: string;
  /** True when nothing left the machine (sandbox mode). */
  sandboxed: boolean;
  providerMessageId: string | null;
  /** The request as the provider receives (or would receive) it. */
  request: unknown;
}

export interface WhatsAppProvider {
  readonly name: string;
  send(message: WhatsAppMessage): Promise<WhatsAppSendResult>;
}
