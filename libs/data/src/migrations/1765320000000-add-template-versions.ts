import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Template versions and locale variants (docs/product.md, "Templates"): every save is a new
 * version of a template, holding its variants as `{locale: source}`; the saved templates of the
 * old `templates` table become version 1 in the store's default locale. A published journey
 * version pins the template versions it renders (`journey_version_templates`). A message records
 * the locale it was rendered in; a test send is a message of no run (and maybe no customer),
 * flagged `test`. A person may keep their own phone for test sends.
 */
export class AddTemplateVersions1765320000000 implements MigrationInterface {
  name = 'AddTemplateVersions1765320000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE template_versions (
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
        name text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        variants jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        shipped boolean NOT NULL DEFAULT false,
        PRIMARY KEY (channel, name, version)
      )`);
    await q.query(`
      INSERT INTO template_versions (channel, name, version, variants, created_at, created_by)
      SELECT t.channel, t.name, 1,
             jsonb_build_object(COALESCE((SELECT s.value->>'locale' FROM store_settings s WHERE s.key = 'store'), 'en'), t.source),
             t.updated_at, NULL
        FROM templates t`);
    await q.query(`DROP TABLE templates`);
    await q.query(`
      CREATE TABLE journey_version_templates (
        journey_id uuid NOT NULL,
        journey_version int NOT NULL,
        channel text NOT NULL,
        name text NOT NULL,
        template_version int NOT NULL,
        PRIMARY KEY (journey_id, journey_version, channel, name),
        FOREIGN KEY (journey_id, journey_version) REFERENCES journey_versions (journey_id, version),
        FOREIGN KEY (channel, name, template_version) REFERENCES template_versions (channel, name, version)
      )`);
    await q.query(
      `CREATE INDEX journey_version_templates_template_idx ON journey_version_templates (channel, name, template_version)`,
    );
    await q.query(`ALTER TABLE messages ADD COLUMN locale text`);
    await q.query(`ALTER TABLE messages ADD COLUMN test boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE messages ALTER COLUMN run_id DROP NOT NULL`);
    await q.query(`ALTER TABLE messages ALTER COLUMN customer_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE messages ADD CONSTRAINT messages_run_unless_test CHECK (test OR (run_id IS NOT NULL AND customer_id IS NOT NULL))`,
    );
    await q.query(`ALTER TABLE users ADD COLUMN phone text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN phone`);
    await q.query(`DELETE FROM message_events WHERE message_id IN (SELECT id FROM messages WHERE test)`);
    await q.query(`DELETE FROM messages WHERE test`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_run_unless_test`);
    await q.query(`ALTER TABLE messages ALTER COLUMN customer_id SET NOT NULL`);
    await q.query(`ALTER TABLE messages ALTER COLUMN run_id SET NOT NULL`);
    await q.query(`ALTER TABLE messages DROP COLUMN test`);
    await q.query(`ALTER TABLE messages DROP COLUMN locale`);
    await q.query(`DROP TABLE journey_version_templates`);
    await q.query(`
      CREATE TABLE templates (
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
        name text NOT NULL,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, name)
      )`);
    // The latest saved version's first variant in locale order (the rest is lost).
    await q.query(`
      INSERT INTO templates (channel, name, source, updated_at)
      SELECT DISTINCT ON (v.channel, v.name) v.channel, v.name,
             (SELECT e.value FROM jsonb_each_text(v.variants) e ORDER BY e.key LIMIT 1), v.created_at
        FROM template_versions v WHERE NOT v.shipped
       ORDER BY v.channel, v.name, v.version DESC`);
    await q.query(`DROP TABLE template_versions`);
  }
}
