import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel } from '@waypoint/journey';

/** A customer's current consent on one channel (its changes are in consent_history). */
@Entity({ name: 'customer_consents' })
export class CustomerConsentEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @PrimaryColumn({ type: 'text' }) channel!: Channel;
  @Column({ type: 'text' }) status!: 'opted_in' | 'opted_out';
  /** Where the consent came from: a checkout box, an unsubscribe link, STOP, support… */
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** Shopify's opt-in level (`single_opt_in`, `confirmed_opt_in`, …) when the store reported it. */
  @Column({ name: 'opt_in_level', type: 'text', nullable: true }) optInLevel!: string | null;
}
