import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LifecycleStage } from '@waypoint/journey';
import { numericTransformer } from './numeric.transformer';

/** A store's customer: identity and profile attributes (consent lives in customer_consents). */
@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName!: string | null;
  @Column({ name: 'last_name', type: 'text', nullable: true }) lastName!: string | null;
  @Column({ type: 'text', nullable: true }) timezone!: string | null;
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  @Column({ type: 'jsonb', default: {} }) attributes!: Record<string, unknown>;
  @Column({ name: 'loyalty_points', type: 'int', default: 0 }) loyaltyPoints!: number;
  @Column({ type: 'text', array: true, default: [] }) tags!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  // Computed from orders as they arrive (libs/customer-value), and the lifecycle stage the daily sweep keeps.
  @Column({ name: 'orders_count', type: 'int', default: 0 }) ordersCount!: number;
  @Column({ name: 'total_spent', type: 'numeric', default: 0, transformer: numericTransformer })
  totalSpent!: number;
  @Column({ name: 'average_order_value', type: 'numeric', nullable: true, transformer: numericTransformer })
  averageOrderValue!: number | null;
  @Column({ name: 'first_order_at', type: 'timestamptz', nullable: true }) firstOrderAt!: Date | null;
  @Column({ name: 'last_order_at', type: 'timestamptz', nullable: true }) lastOrderAt!: Date | null;
  @Column({
    name: 'mean_days_between_orders',
    type: 'numeric',
    nullable: true,
    transformer: numericTransformer,
  })
  meanDaysBetweenOrders!: number | null;
  /** The share of orders that used a discount, 0 to 1. */
  @Column({ name: 'discount_share', type: 'numeric', nullable: true, transformer: numericTransformer })
  discountShare!: number | null;
  @Column({ name: 'lifecycle_stage', type: 'text', default: 'lead' }) lifecycleStage!: LifecycleStage;
  @Column({ name: 'loyalty_tier', type: 'text', nullable: true }) loyaltyTier!: string | null;
  @Column({ name: 'stage_changed_at', type: 'timestamptz', nullable: true }) stageChangedAt!: Date | null;
  /** One of the store's internal test profiles, the only customers test runs may use (docs/product.md). */
  @Column({ type: 'boolean', default: false }) test!: boolean;
}
