import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One provider report about a message (a SendGrid event, a Twilio status callback), stored once
 * per provider event id. `messageId` is null when the report named no message of ours.
 */
@Entity({ name: 'message_events' })
export class MessageEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'message_id', type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'text' }) provider!: string;
  @Column({ name: 'provider_event_id', type: 'text' }) providerEventId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ type: 'jsonb', default: {} }) detail!: Record<string, unknown>;
}
