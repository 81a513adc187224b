import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The routing outbox: one row per accepted event that routing has still to see, written in the
 * event's own statement and deleted once the event has reached every journey and run it concerns
 * (docs/architecture.md, "How a webhook becomes an email"). Imported history never gets one.
 */
@Entity({ name: 'event_outbox' })
export class EventOutboxEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}
