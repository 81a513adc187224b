import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/**
 * The current state of one checkout, projected from checkout and order events. Only a newer
 * Shopify version (`shopifyUpdatedAt`) replaces the cart; completion only ever moves forward.
 */
@Entity({ name: 'checkouts' })
export class CheckoutEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) token!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ name: 'cart_token', type: 'text', nullable: true }) cartToken!: string | null;
  @Column({ name: 'line_items', type: 'jsonb', default: [] }) lineItems!: Array<Record<string, unknown>>;
  @Column({ name: 'item_count', type: 'int', nullable: true }) itemCount!: number | null;
  @Column({ type: 'text', nullable: true }) currency!: string | null;
  @Column({
    name: 'total_price',
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  totalPrice!: number | null;
  @Column({
    name: 'subtotal_price',
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  subtotalPrice!: number | null;
  @Column({ name: 'discount_codes', type: 'jsonb', default: [] }) discountCodes!: unknown[];
  @Column({ name: 'abandoned_checkout_url', type: 'text', nullable: true }) abandonedCheckoutUrl!:
    string | null;
  @Column({ name: 'shopify_updated_at', type: 'timestamptz', nullable: true }) shopifyUpdatedAt!: Date | null;
  /** The event that brought the cart version this row holds. */
  @Column({ name: 'cart_event_id', type: 'uuid', nullable: true }) cartEventId!: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId!: string | null;
  @Column({ name: 'order_name', type: 'text', nullable: true }) orderName!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
