import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/** One history import from the store (a bulk operation), with the progress a restart resumes from. */
@Entity({ name: 'store_imports' })
export class StoreImportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The run this part belongs to (store_import_runs). */
  @Column({ name: 'run_id', type: 'uuid', nullable: true }) runId!: string | null;
  @Column({ type: 'text' }) kind!: 'customers' | 'orders';
  @Column({ type: 'text' }) status!: 'running' | 'completed' | 'failed';
  @Column({ name: 'bulk_operation_id', type: 'text', nullable: true }) bulkOperationId!: string | null;
  /** JSONL lines read so far: a restart streams on from the next one. */
  @Column({ name: 'lines_read', type: 'bigint', default: 0, transformer: numericTransformer })
  linesRead!: number;
  @Column({ name: 'rows_stored', type: 'bigint', default: 0, transformer: numericTransformer })
  rowsStored!: number;
  @Column({ name: 'malformed_lines', type: 'bigint', default: 0, transformer: numericTransformer })
  malformedLines!: number;
  /** Objects the bulk operation reported (lines of its file), for the ETA. */
  @Column({ name: 'object_count', type: 'bigint', nullable: true, transformer: numericTransformer })
  objectCount!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
