import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CouponKind = 'percent' | 'fixed' | 'free_shipping';

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
}
