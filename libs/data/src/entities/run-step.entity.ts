import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StepOutcome } from '@waypoint/journey';

/** One visit of one node by a run: what happened, when, and why (the run timeline shows these). */
@Entity({ name: 'run_steps' })
export class RunStepEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'node_id', type: 'text' }) nodeId!: string;
  @Column({ name: 'node_type', type: 'text' }) nodeType!: string;
  @Column({ type: 'int' }) visit!: number;
  @Column({ type: 'text' }) outcome!: StepOutcome;
  @Column({ name: 'entered_at', type: 'timestamptz' }) enteredAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) branch!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'wake_at', type: 'timestamptz', nullable: true }) wakeAt!: Date | null;
  @Column({ name: 'message_id', type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'jsonb', default: {} }) detail!: Record<string, unknown>;
}
