import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Templates saved through the API; they override the shipped files of the same channel and name. */
export class AddTemplates1764600000000 implements MigrationInterface {
  name = 'AddTemplates1764600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE templates (
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
        name text NOT NULL,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, name)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE templates`);
  }
}
