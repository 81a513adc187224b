/** The store dashboard: revenue, customers by stage, top journeys, deliverability (docs/product.md, "Dashboard"). */
import { CHANNELS, LIFECYCLE_STAGES } from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime } from './http';

export const DASHBOARD_DEFAULT_DAYS = 30;
export const DASHBOARD_MAX_DAYS = 365;
/** How many journeys the top list shows. */
export const DASHBOARD_TOP_JOURNEYS = 10;

export const dashboardQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(DASHBOARD_MAX_DAYS)
    .default(DASHBOARD_DEFAULT_DAYS)
    .describe("The last N calendar days in the store's time zone, today included"),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const dashboardRevenueDaySchema = z.object({
  day: z.string().describe("YYYY-MM-DD in the store's time zone"),
  revenue: z.number().describe('Every order placed that day (cancelled ones left out)'),
  attributedRevenue: z.number().describe('Revenue of the conversions attributed to journey runs that day'),
  conversions: z.number().int(),
});

export const dashboardStageSchema = z.object({
  stage: z.enum(LIFECYCLE_STAGES),
  customers: z.number().int(),
  totalSpent: z.number().describe('CLTV: the historic spend of every customer in the stage'),
  averageSpent: z.number(),
});

export const dashboardJourneySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  conversions: z.number().int(),
  revenue: z.number(),
  recipients: z.number().int().describe('Distinct customers the journey sent a message to in the period'),
  revenuePerRecipient: z.number().nullable().describe('revenue / recipients; null when it sent nothing'),
});

export const dashboardChannelSchema = z.object({
  channel: z.enum(CHANNELS),
  sent: z.number().int().describe('Handed to the provider (or the sandbox outbox); test sends left out'),
  delivered: z.number().int(),
  bounced: z
    .number()
    .int()
    .describe('Reported failed after the handover: bounced, dropped, failed, undelivered'),
  unsubscribes: z
    .number()
    .int()
    .describe('Customers whose consent on the channel was withdrawn in the period'),
  bounceRate: z.number().nullable().describe('bounced / sent; null when nothing was sent'),
  unsubscribeRate: z.number().nullable().describe('unsubscribes / sent; null when nothing was sent'),
});

export const dashboardSchema = z.object({
  days: z.number().int(),
  from: isoDateTime,
  to: isoDateTime,
  timeZone: z.string(),
  currency: z.string(),
  revenue: z.number(),
  attributedRevenue: z.number(),
  attributedShare: z.number().nullable().describe('attributedRevenue / revenue; null without revenue'),
  revenueByDay: z.array(dashboardRevenueDaySchema),
  stages: z.array(dashboardStageSchema).describe('Every lifecycle stage, now (not only the period)'),
  topJourneys: z.array(dashboardJourneySchema),
  deliverability: z.array(dashboardChannelSchema).describe('Every channel'),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const dashboardResponse = data(dashboardSchema).meta({ title: 'DashboardResponse' });
