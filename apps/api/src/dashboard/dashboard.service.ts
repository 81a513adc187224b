/**
 * The store dashboard (docs/product.md, "Dashboard"): the period's days cut in the store's time
 * zone, the grouped figures from the data lib, every stage and channel listed (zero when empty),
 * and the rates worked out here so the editor only displays them.
 */
import { Injectable } from '@nestjs/common';
import { DASHBOARD_TOP_JOURNEYS, type Dashboard } from '@waypoint/contract';
import { StoreProfileReader } from '@waypoint/customer-value';
import {
  customersByStage,
  dashboardPeriod,
  Database,
  deliverabilityByChannel,
  revenueByDay,
  topJourneysByRevenue,
} from '@waypoint/data';
import { CHANNELS, LIFECYCLE_STAGES } from '@waypoint/journey';

/** `part / whole`, or null when there is no whole to divide by. */
function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

@Injectable()
export class DashboardService {
  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  async dashboard(days: number, now = new Date()): Promise<Dashboard> {
    const profile = await this.profiles.current();
    const period = await dashboardPeriod(this.db.query, days, profile.timeZone, now);
    const [byDay, stageRows, journeys, channelRows] = await Promise.all([
      revenueByDay(this.db.query, period),
      customersByStage(this.db.query),
      topJourneysByRevenue(this.db.query, period, DASHBOARD_TOP_JOURNEYS),
      deliverabilityByChannel(this.db.query, period),
    ]);
    const revenue = byDay.reduce((sum, d) => sum + d.revenue, 0);
    const attributedRevenue = byDay.reduce((sum, d) => sum + d.attributedRevenue, 0);
    return {
      days,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      timeZone: period.timeZone,
      currency: profile.currency,
      revenue,
      attributedRevenue,
      attributedShare: ratio(attributedRevenue, revenue),
      revenueByDay: byDay,
      stages: LIFECYCLE_STAGES.map((stage) => {
        const row = stageRows.find((r) => r.stage === stage);
        return {
          stage,
          customers: row?.customers ?? 0,
          totalSpent: row?.totalSpent ?? 0,
          averageSpent: row?.averageSpent ?? 0,
        };
      }),
      topJourneys: journeys.map((j) => ({
        id: j.journeyId,
        name: j.name,
        conversions: j.conversions,
        revenue: j.revenue,
        recipients: j.recipients,
        revenuePerRecipient: ratio(j.revenue, j.recipients),
      })),
      deliverability: CHANNELS.map((channel) => {
        const row = channelRows.find((r) => r.channel === channel);
        const sent = row?.sent ?? 0;
        const bounced = row?.bounced ?? 0;
        const unsubscribes = row?.unsubscribes ?? 0;
        return {
          channel,
          sent,
          delivered: row?.delivered ?? 0,
          bounced,
          unsubscribes,
          bounceRate: ratio(bounced, sent),
          unsubscribeRate: ratio(unsubscribes, sent),
        };
      }),
    };
  }
}
