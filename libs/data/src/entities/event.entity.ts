import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An accepted storefront or API event, stored once per idempotency key. Routing's outbox is a
 * table of its own (event-outbox.entity.ts).
 */
@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'jsonb', default: {} }) properties!: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
}
