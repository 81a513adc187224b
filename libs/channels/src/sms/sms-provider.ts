/** The SMS channel: one interface, one small adapter per vendor (Twilio, sandbox). */
export interface SmsMessage {
  /** E.164, e.g. +14155550100. */
  to: string;
  /** A sender the account owns: E.164 number, short code or alphanumeric sender id. */
  from: string;
  body: string;
  /** Where Twilio posts delivery status for this message. */
  statusCallback?: string;
  /** Echoed for our own tracing (run, node, message ids); the provider is not sent them. */
  tags: Record<string, string>;
}

export interface SmsSendResult {
  provider: string;
  /** True when nothing left the machine (sandbox mode). */
  sandboxed: boolean;
  providerMessageId: string | null;
  /** Billed parts, counted as carriers count them (see sms-segments). */
  segments: number;
  /** The request as the provider receives (or would receive) it. */
  request: unknown;
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}
