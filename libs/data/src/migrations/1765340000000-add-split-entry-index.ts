import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each run's first pass through a split, with the arm it took: the rows an experiment counts
 * (libs/data/src/journeys/experiment.queries.ts), a small slice of run_steps read without its heap.
 */
export class AddSplitEntryIndex1765340000000 implements MigrationInterface {
  name = 'AddSplitEntryIndex1765340000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX run_steps_split_entry_idx ON run_steps (run_id) INCLUDE (node_id, branch, entered_at)
        WHERE node_type = 'branch.split' AND visit = 1`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX run_steps_split_entry_idx`);
  }
}
