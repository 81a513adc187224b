import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey answers are `survey.answered` events (docs/product.md, "Surveys"); the results count
 * one survey's answers over a range of answer times without reading the other events.
 */
export class AddSurveyAnswerIndex1765370000000 implements MigrationInterface {
  name = 'AddSurveyAnswerIndex1765370000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX events_survey_answered_idx ON events ((properties->>'survey'), occurred_at)
        WHERE type = 'survey.answered'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_survey_answered_idx`);
  }
}
