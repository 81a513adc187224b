import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One store setting by key, its value as JSON (the lifecycle thresholds are under `lifecycle`). */
@Entity({ name: 'store_settings' })
export class StoreSettingEntity {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ type: 'jsonb' }) value!: unknown;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
