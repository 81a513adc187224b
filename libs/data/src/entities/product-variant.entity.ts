import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/**
 * One variant of a catalogue product (docs/product.md, "Products"): price, compare-at price and
 * stock (null: the store does not track it, so it never runs out). The product may be unknown
 * (no foreign key): a delivery naming a variant before its product is stored all the same.
 */
@Entity({ name: 'product_variants' })
export class ProductVariantEntity {
  @PrimaryColumn({ name: 'variant_id', type: 'text' }) variantId!: string;
  @Column({ name: 'product_id', type: 'text' }) productId!: string;
  @Column({ name: 'inventory_item_id', type: 'text', nullable: true }) inventoryItemId!: string | null;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text', nullable: true }) sku!: string | null;
  @Column({
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  price!: number | null;
  @Column({
    name: 'compare_at_price',
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  compareAtPrice!: number | null;
  @Column({ type: 'int', nullable: true }) stock!: number | null;
  @Column({ name: 'image_url', type: 'text', nullable: true }) imageUrl!: string | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ name: 'source_updated_at', type: 'timestamptz', nullable: true }) sourceUpdatedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
