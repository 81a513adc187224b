import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TestWaits } from '@waypoint/journey';

/** How a test run was started: by whom, from what, its shortened waits and its sample trigger event. */
@Entity({ name: 'test_runs' })
export class TestRunEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'started_by', type: 'uuid' }) startedBy!: string;
  @Column({ type: 'text' }) source!: 'draft' | 'version';
  @Column({ type: 'jsonb' }) waits!: TestWaits;
  @Column({ name: 'trigger_event', type: 'jsonb', nullable: true }) triggerEvent!: {
    type: string;
    properties: Record<string, unknown>;
  } | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
