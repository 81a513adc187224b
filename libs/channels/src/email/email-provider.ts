/** The email channel: one interface, one small adapter per vendor (SendGrid, sandbox). */
export interface EmailMessage {
  to: string;
  from: string;
  subject: string;
  html: string;
  text?: string;
  headers: Record<string, string>;
  /** Echoed back by delivery webhooks so an event finds its run, node and message. */
  customArgs: Record<string, string>;
  categories: string[];
}

export interface EmailSendResult {
  provider: string;
  /** True when nothing left the machine (sandbox mode). */
  sandboxed: boolean;
  providerMessageId: string | null;
  /** The request as the provider receives (or would receive) it. */
  request: unknown;
}

export interface EmailProvider {
  readonly name: string;
  send(message: EmailMessage): Promise<EmailSendResult>;
}
