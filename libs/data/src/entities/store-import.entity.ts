import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/** One history import from the store (a bulk operation), with the progress a restart resumes from. */
@Entity({ name: 'store_imports' })
export class StoreImportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
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
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
