import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RunStatus } from '@waypoint/journey';

/** One customer's pass through one journey version: one Temporal workflow execution. */
@Entity({ name: 'runs' })
export class RunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ name: 'journey_version', type: 'int' }) journeyVersion!: number;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ name: 'trigger_event_id', type: 'uuid', nullable: true }) triggerEventId!: string | null;
  @Column({ name: 'entry_key', type: 'text' }) entryKey!: string;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column({ type: 'text' }) status!: RunStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ name: 'current_node_id', type: 'text', nullable: true }) currentNodeId!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  /** A test run: never counted in results (docs/product.md, "Test runs"). */
  @Column({ type: 'boolean', default: false }) test!: boolean;
}
