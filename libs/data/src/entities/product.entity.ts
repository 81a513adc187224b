import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/**
 * A product by the store's id, with how long it lasts: configured (`consumptionDays`) or learned
 * from customers' reorder intervals (`learnedIntervalDays`, from `learnedFrom` intervals).
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
}
