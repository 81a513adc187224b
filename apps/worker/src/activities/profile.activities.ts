/** `action.update_profile`: set attributes, add or remove tags, award loyalty points (once per visit). */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActionResult, UpdateProfileInput } from '@waypoint/workflows';
import { DataSource } from 'typeorm';

@Injectable()
export class ProfileActivities {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async updateProfile(input: UpdateProfileInput): Promise<ActionResult> {
    return this.db.transaction(async (tx) => {
      // The step row doubles as the "already applied" marker: points are awarded once per visit.
      const applied: unknown[] = await tx.query(
        `SELECT 1 FROM run_steps WHERE run_id = $1 AND node_id = $2 AND visit = $3 AND outcome = 'completed'`,
        [input.runId, input.nodeId, input.visit],
      );
      if (applied.length > 0) return { ok: true, reason: 'already applied' };
      const rows: unknown[] = await tx.query(
        `WITH updated AS (UPDATE customers SET
           attributes = attributes || $2::jsonb,
           tags = (SELECT coalesce(array_agg(DISTINCT t), '{}') FROM unnest(tags || $3::text[]) AS t WHERE NOT t = ANY($4::text[])),
           loyalty_points = loyalty_points + $5,
           updated_at = now()
         WHERE id = $1 RETURNING id) SELECT id FROM updated`,
        [
          input.customerId,
          JSON.stringify(input.set ?? {}),
          input.addTags ?? [],
          input.removeTags ?? [],
          input.awardPoints ?? 0,
        ],
      );
      if (rows.length === 0) return { ok: false, reason: 'the customer no longer exists' };
      const parts = [
        ...Object.entries(input.set ?? {}).map(([k, v]) => `set ${k} = ${JSON.stringify(v)}`),
        ...(input.addTags?.length ? [`tagged ${input.addTags.join(', ')}`] : []),
        ...(input.removeTags?.length ? [`untagged ${input.removeTags.join(', ')}`] : []),
        ...(input.awardPoints ? [`awarded ${input.awardPoints} loyalty points`] : []),
      ];
      return { ok: true, reason: parts.join('; ') || 'nothing to change' };
    });
  }
}
