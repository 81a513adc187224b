import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MessageChannel = 'email' | 'sms' | 'whatsapp';
/**
 * `sending` is written before the provider is called; `unconfirmed` means a previous attempt
 * died inside the provider call, so it is not sent again (at most once, and said so).
 */
export type MessageStatus = 'sending' | 'sent' | 'sandboxed' | 'failed' | 'unconfirmed';
/** What the provider reported after the send; it only moves forward. */
export type MessageDeliveryStatus =
  'sent' | 'delivered' | 'opened' | 'clicked' | 'bounced' | 'dropped' | 'failed' | 'undelivered';

/** The message ledger: one row per run, node and visit, written before the provider is called. */
@Entity({ name: 'messages' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'run_id', type: 'uuid', nullable: true }) runId!: string | null;
  @Column({ name: 'node_id', type: 'text' }) nodeId!: string;
  @Column({ type: 'int' }) visit!: number;
  @Column({ name: 'customer_id', type: 'uuid', nullable: true }) customerId!: string | null;
  @Column({ type: 'text' }) channel!: MessageChannel;
  @Column({ type: 'text' }) template!: string;
  @Column({ name: 'to_address', type: 'text' }) toAddress!: string;
  @Column({ name: 'from_address', type: 'text', nullable: true }) fromAddress!: string | null;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ name: 'body_html', type: 'text', nullable: true }) bodyHtml!: string | null;
  @Column({ name: 'body_text', type: 'text', nullable: true }) bodyText!: string | null;
  @Column({ type: 'jsonb', default: {} }) headers!: Record<string, string>;
  @Column({ type: 'text' }) status!: MessageStatus;
  @Column({ type: 'text' }) provider!: string;
  @Column({ name: 'provider_message_id', type: 'text', nullable: true }) providerMessageId!: string | null;
  @Column({ name: 'provider_request', type: 'jsonb', nullable: true }) providerRequest!: unknown;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'int', nullable: true }) segments!: number | null;
  /** The template variant's locale; null for a message not rendered from a template. */
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  /** A test send: no run, never capped, to the person who asked for it. */
  @Column({ type: 'boolean', default: false }) test!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  // Delivery as the provider reports it (message_events), with when each stage was first seen.
  @Column({ name: 'delivery_status', type: 'text', nullable: true })
  deliveryStatus!: MessageDeliveryStatus | null;
  @Column({ name: 'delivery_error', type: 'text', nullable: true }) deliveryError!: string | null;
  @Column({ name: 'delivery_updated_at', type: 'timestamptz', nullable: true })
  deliveryUpdatedAt!: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt!: Date | null;
  @Column({ name: 'clicked_at', type: 'timestamptz', nullable: true }) clickedAt!: Date | null;
  @Column({ name: 'bounced_at', type: 'timestamptz', nullable: true }) bouncedAt!: Date | null;
}
