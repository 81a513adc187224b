import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/**
 * A product by the store's id, with how long it lasts: configured (`consumptionDays`) or learned
 * from customers' reorder intervals (`learnedIntervalDays`, from `learnedFrom` intervals), and
 * what the catalogue knows of it (handle, URL, image, status, deletion; its variants are
 * `product_variants`). `sourceUpdatedAt` is the store's own time of the version kept.
 */
@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryColumn({ name: 'product_id', type: 'text' }) productId!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ name: 'consumption_days', type: 'numeric', nullable: true, transformer: numericTransformer })
  consumptionDays!: number | null;
  @Column({
    name: 'learned_interval_days',
    type: 'numeric',
    nullable: true,
    transformer: numericTransformer,
  })
  learnedIntervalDays!: number | null;
  @Column({ name: 'learned_from', type: 'int', default: 0 }) learnedFrom!: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'text', nullable: true }) handle!: string | null;
  @Column({ type: 'text', nullable: true }) url!: string | null;
  @Column({ name: 'image_url', type: 'text', nullable: true }) imageUrl!: string | null;
  @Column({ type: 'text', default: 'active' }) status!: string;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @Column({ name: 'source_updated_at', type: 'timestamptz', nullable: true }) sourceUpdatedAt!: Date | null;
}
