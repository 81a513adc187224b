import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

export type CouponKind = 'percent' | 'fixed' | 'free_shipping';
export type CouponStoreStatus = 'local' | 'created' | 'refused';

/** A unique coupon code issued to one customer by one run's coupon node visit. */
@Entity({ name: 'coupons' })
export class CouponEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'node_id', type: 'text' }) nodeId!: string;
  @Column({ type: 'int' }) visit!: number;
  @Column({ type: 'text' }) kind!: CouponKind;
  @Column({ type: 'numeric', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  value!: number;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** `local` until the store has the code (`created`, with its discount id) or refused it. */
  @Column({ name: 'store_status', type: 'text', default: 'local' }) storeStatus!: CouponStoreStatus;
  @Column({ name: 'store_discount_id', type: 'text', nullable: true }) storeDiscountId!: string | null;
  @Column({ name: 'store_error', type: 'text', nullable: true }) storeError!: string | null;
  @Column({ name: 'redeemed_at', type: 'timestamptz', nullable: true }) redeemedAt!: Date | null;
  @Column({ name: 'redeemed_order_id', type: 'text', nullable: true }) redeemedOrderId!: string | null;
  @Column({ name: 'redeemed_amount', type: 'numeric', nullable: true, transformer: numericTransformer })
  redeemedAmount!: number | null;
}
