import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Stock of one inventory item at one location, as Shopify's `inventory_levels/update` reports it;
 * a variant's stock is the sum over the locations known for its inventory item. Kept even when no
 * variant names the item yet.
 */
@Entity({ name: 'inventory_levels' })
export class InventoryLevelEntity {
  @PrimaryColumn({ name: 'inventory_item_id', type: 'text' }) inventoryItemId!: string;
  @PrimaryColumn({ name: 'location_id', type: 'text' }) locationId!: string;
  @Column({ type: 'int', nullable: true }) available!: number | null;
  @Column({ name: 'source_updated_at', type: 'timestamptz', nullable: true }) sourceUpdatedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
