import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An unsubscribe or STOP taken by the engine, to be written back to the store: an outbox row kept
 * until the store accepted it (retried with backoff), so a crash does not lose it.
 */
@Entity({ name: 'consent_writebacks' })
export class ConsentWritebackEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) channel!: 'email' | 'sms';
  @Column({ type: 'text' }) status!: 'opted_in' | 'opted_out';
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** How it ended: written, superseded (a later change made it moot) or given_up; null while it waits. */
  @Column({ type: 'text', nullable: true }) outcome!: 'written' | 'superseded' | 'given_up' | null;
}
