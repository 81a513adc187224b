/** `action.update_profile`: set attributes, add or remove tags, award loyalty points (once per visit). */
import { Injectable } from '@nestjs/common';
import { Database, isStepCompleted, updateCustomerProfile } from '@waypoint/data';
import type { ActionResult, UpdateProfileInput } from '@waypoint/workflows';

@Injectable()
export class ProfileActivities {
  constructor(private readonly db: Database) {}

  async updateProfile(input: UpdateProfileInput): Promise<ActionResult> {
    return this.db.transaction(async (query) => {
      // The step row doubles as the "already applied" marker: points are awarded once per visit.
      if (await isStepCompleted(query, input)) return { ok: true, reason: 'already applied' };
      const updated = await updateCustomerProfile(query, input.customerId, input);
      if (!updated) return { ok: false, reason: 'the customer no longer exists' };
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
