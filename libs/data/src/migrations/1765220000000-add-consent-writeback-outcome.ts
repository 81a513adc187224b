import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a consent write-back ended (docs/product.md, The store connection): `written` (the store
 * accepted it), `superseded` (a later change made it moot before it was sent) or `given_up` (the
 * store refused it with userErrors that retrying cannot fix, e.g. an unknown customer). Null while
 * it waits; `done_at` is set with it, so the due index keeps only waiting rows.
 */
export class AddConsentWritebackOutcome1765220000000 implements MigrationInterface {
  name = 'AddConsentWritebackOutcome1765220000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consent_writebacks
        ADD COLUMN outcome text CHECK (outcome IN ('written', 'superseded', 'given_up')),
        ADD CONSTRAINT consent_writebacks_outcome_done CHECK ((outcome IS NULL) = (done_at IS NULL))`);
    await q.query(
      `CREATE INDEX consent_writebacks_customer_idx ON consent_writebacks (customer_id, channel, occurred_at DESC)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX consent_writebacks_customer_idx`);
    await q.query(
      `ALTER TABLE consent_writebacks DROP CONSTRAINT consent_writebacks_outcome_done, DROP COLUMN outcome`,
    );
  }
}
