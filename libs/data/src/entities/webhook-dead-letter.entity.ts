import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A signed webhook delivery that can never be processed, kept for an admin with its reason. */
@Entity({ name: 'webhook_dead_letters' })
export class WebhookDeadLetterEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) provider!: string;
  @Column({ type: 'text', nullable: true }) topic!: string | null;
  @Column({ name: 'delivery_id', type: 'text' }) deliveryId!: string;
  @Column({ type: 'text' }) reason!: string;
  /** The raw body as text, NULs and lone surrogates escaped. */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'int', default: 1 }) attempts!: number;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ name: 'last_received_at', type: 'timestamptz', default: () => 'now()' }) lastReceivedAt!: Date;
}
