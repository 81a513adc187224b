import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One history import from the store: customers, then orders, then the set-based recompute. */
@Entity({ name: 'store_import_runs' })
export class StoreImportRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) status!: 'running' | 'completed' | 'failed';
  /** Where a restarted worker resumes. */
  @Column({ type: 'text' }) phase!: 'customers' | 'orders' | 'recompute' | 'done';
  @Column({ type: 'text', nullable: true }) shop!: string | null;
  @Column({ name: 'started_by', type: 'text', nullable: true }) startedBy!: string | null;
  @Column({ name: 'customers_recomputed', type: 'int', nullable: true }) customersRecomputed!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'recompute_started_at', type: 'timestamptz', nullable: true })
  recomputeStartedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
