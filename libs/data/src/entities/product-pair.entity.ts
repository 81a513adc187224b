import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * "Bought together": how many orders held both products, rebuilt by the daily sweep from order
 * events (libs/data/src/catalogue/recommendations.queries.ts); one row per direction.
 */
@Entity({ name: 'product_pairs' })
export class ProductPairEntity {
  @PrimaryColumn({ name: 'product_id', type: 'text' }) productId!: string;
  @PrimaryColumn({ name: 'other_product_id', type: 'text' }) otherProductId!: string;
  @Column({ type: 'int' }) orders!: number;
  @Column({ name: 'refreshed_at', type: 'timestamptz', default: () => 'now()' }) refreshedAt!: Date;
}
