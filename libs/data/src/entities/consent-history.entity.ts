import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@waypoint/journey';

/** Every consent change, kept: who opted in or out of which channel, when and how. */
@Entity({ name: 'consent_history' })
export class ConsentHistoryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) channel!: Channel;
  @Column({ type: 'text' }) status!: 'opted_in' | 'opted_out';
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
  /** Shopify's opt-in level (`single_opt_in`, `confirmed_opt_in`, …) when the store reported it. */
  @Column({ name: 'opt_in_level', type: 'text', nullable: true }) optInLevel!: string | null;
}
