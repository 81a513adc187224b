/**
 * `branch.condition`: the first condition that holds for the customer picks the output, else
 * `else`. Decided in SQL (libs/data), and explained with the values it read. The worker's
 * `decideBranch` activity and the journey preview both ask this.
 */
import { Injectable } from '@nestjs/common';
import { segmentResolver } from '@waypoint/customer-value';
import { Database, decideForCustomer, type ConditionVerdict } from '@waypoint/data';
import type { BranchDecision, DecideBranchInput } from '@waypoint/journey';

@Injectable()
export class BranchDecider {
  constructor(private readonly db: Database) {}

  async decideBranch(input: DecideBranchInput): Promise<BranchDecision> {
    const query = this.db.query;
    const verdicts = await decideForCustomer(
      query,
      input.customerId,
      input.conditions.map((c) => c.when),
      {
        asOf: new Date(input.now),
        eventProperties: input.eventProperties,
        runId: input.runId,
        segment: await segmentResolver(query),
      },
    );
    if (!verdicts) return { handle: 'else', reason: 'the customer no longer exists → took else' };
    const chosen = verdicts.findIndex((v) => v.holds);
    if (chosen >= 0) {
      const { id, name } = input.conditions[chosen];
      return { handle: id, reason: `${facts(verdicts[chosen])} → took '${name}'` };
    }
    const seen = verdicts.map(facts).filter(Boolean).join('; ');
    return { handle: 'else', reason: `${seen || 'no condition held'} → took 'else'` };
  }
}

function facts(verdict: ConditionVerdict): string {
  return verdict.values
    .map(
      (v) =>
        `${v.label} is ${v.value === null || v.value === undefined ? 'not set' : JSON.stringify(v.value)}`,
    )
    .join(', ');
}
