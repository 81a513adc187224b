/** Whether PostgreSQL and Temporal answer, each on its own, and why not. */
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { DependencyCheck, Health } from '@waypoint/contract';
import { Database } from '@waypoint/data';
import { DependencyOutages } from '../errors/dependency-outage';
import { checkDependency, PROBE_TIMEOUT_MS, tcpReach } from './dependency-probe';

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Database,
    private readonly temporal: Client,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly outages: DependencyOutages,
  ) {}

  async check(): Promise<Health> {
    const [database, temporal] = await Promise.all([
      checkDependency(() => this.db.ping()),
      checkDependency(
        () => this.temporal.workflowService.getSystemInfo({}),
        () => this.whyTemporalTimedOut(),
      ),
    ]);
    // A probe whose connection is refused opens the outage (logged once, then probed until back; a
    // slow answer alone does not), so the log says when it went away even while no request needs it.
    for (const [dependency, check] of [
      ['database', database],
      ['temporal', temporal],
    ] as const)
      if (!check.ok && check.failure === 'refused')
        this.outages.refused(dependency, new Error(check.error ?? check.failure), 'background');
    return { status: database.ok && temporal.ok ? 'ok' : 'degraded', database, temporal };
  }

  /**
   * The Temporal client retries a refused connection until its deadline, so from here a server
   * that is down looks like one that is slow: a plain TCP connection tells them apart.
   */
  private async whyTemporalTimedOut(): Promise<DependencyCheck> {
    const address = this.env.TEMPORAL_ADDRESS;
    const reach = await tcpReach(address);
    if (reach === 'refused')
      return {
        ok: false,
        failure: 'refused',
        error: `connection refused at ${address} (is Temporal running?)`,
      };
    if (reach === 'open' || reach === 'timeout')
      return {
        ok: false,
        failure: 'timeout',
        error: `no answer within ${PROBE_TIMEOUT_MS} ms from ${address}`,
      };
    return { ok: false, failure: 'error', error: `cannot reach ${address}: ${reach}` };
  }
}
