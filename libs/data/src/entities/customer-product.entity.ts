import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A customer's last purchase of a product and when it should run out (`replenishAt`);
 * `dueEmittedFor` remembers which due date already produced a `replenishment.due` event.
 */
@Entity({ name: 'customer_products' })
export class CustomerProductEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @PrimaryColumn({ name: 'product_id', type: 'text' }) productId!: string;
  @Column({ name: 'last_ordered_at', type: 'timestamptz' }) lastOrderedAt!: Date;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ name: 'replenish_at', type: 'timestamptz', nullable: true }) replenishAt!: Date | null;
  @Column({ name: 'due_emitted_for', type: 'timestamptz', nullable: true }) dueEmittedFor!: Date | null;
}
