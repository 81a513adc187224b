/**
 * The end of an import (history-import.ts): what ingestion keeps current order by order,
 * recomputed once from the stored history, one statement per concern over the customers the
 * import touched. The formulas are those of customer-metrics.ts, lifecycle-stage.ts and
 * replenishment.ts, written in SQL, with the same arithmetic (double precision where they use
 * JavaScript numbers) so an imported history gives the values its deliveries one by one would.
 *
 * Historic facts are not triggers: a stage reached here emits no `lifecycle.stage_changed`, a
 * replenishment date already past is marked as emitted (the daily sweep will not announce it),
 * and the customers who now match a saved segment join it without `segment.entered`.
 */
import { compileCustomerFilter, notCancelledSql, orderTotalSql, type Query } from '@waypoint/data';
import type { Condition } from '@waypoint/journey';
import { loadLifecycleSettings } from './lifecycle-settings';
import { lifecycleStageParams, lifecycleStageSql } from './lifecycle-stage';
import { learnReorderIntervals } from './replenishment';
import { segmentResolver } from './segments';

/** Which customers to recompute: these, or those a store import stored something for. */
export type RecomputeScope = { customerIds: string[] } | { importRunId: string };

export interface RecomputeResult {
  customers: number;
  productsLearned: number;
  customerProducts: number;
  /** Milliseconds per concern, for the log. */
  ms: Record<'metrics' | 'purchases' | 'replenishAt' | 'learning' | 'segments', number>;
}

async function timed<T>(ms: Record<string, number>, key: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    ms[key] = Math.round(performance.now() - start);
  }
}

const NUMERIC = `'^-?[0-9]+(\\.[0-9]+)?$'`;

/** The scope as a CTE reading its one parameter ($1). */
function scopeCte(scope: RecomputeScope): { sql: string; param: unknown } {
  return 'customerIds' in scope
    ? { sql: `scope AS MATERIALIZED (SELECT DISTINCT unnest($1::uuid[]) AS id)`, param: scope.customerIds }
    : {
        // This run's, and those of runs that failed before their recompute (their rows are
        // duplicates now, so only their own list still names those customers).
        sql: `scope AS MATERIALIZED (
                SELECT DISTINCT customer_id AS id FROM store_import_customers
                 WHERE run_id = $1 OR run_id IN (SELECT id FROM store_import_runs WHERE status = 'failed'))`,
        param: scope.importRunId,
      };
}

/**
 * Recomputes, for the scope: the computed attributes, stage and loyalty tier, the customers'
 * products and `replenish_at`, the learned reorder intervals (of the products the batch bought,
 * or all), and the saved segments' members.
 */
export async function recomputeImportedCustomers(
  query: Query,
  scope: RecomputeScope,
  now: Date,
  options: { learnProducts?: string[] } = {},
): Promise<RecomputeResult> {
  const ms = { metrics: 0, purchases: 0, replenishAt: 0, learning: 0, segments: 0 };
  const customers = await timed(ms, 'metrics', () => recomputeMetrics(query, scope, now));
  // With the rhythms known before the import, as its orders one by one would have used them;
  // what the history teaches applies to the orders that come next (and to the daily sweep's).
  const customerProducts = await timed(ms, 'purchases', () => recomputePurchases(query, scope, now));
  await timed(ms, 'replenishAt', () => recomputeReplenishAt(query, scope));
  const productsLearned = await timed(ms, 'learning', () =>
    learnReorderIntervals(query, options.learnProducts),
  );
  await timed(ms, 'segments', () => seedSegmentMembers(query, scope, now));
  return { customers, productsLearned, customerProducts, ms };
}

/** `recomputeCustomer` for the scope's customers who ordered, in one statement; returns how many. */
async function recomputeMetrics(query: Query, scope: RecomputeScope, now: Date): Promise<number> {
  const settings = await loadLifecycleSettings(query);
  const cte = scopeCte(scope);
  const epochMs = (expr: string) => `(extract(epoch FROM ${expr}) * 1000)::float8`;
  const rows = await query(
    `WITH ${cte.sql},
     placed AS (
       SELECT DISTINCT ON (e.customer_id, e.properties ->> 'orderId') e.customer_id, e.occurred_at,
              ${orderTotalSql()} AS total,
              COALESCE(e.properties ->> 'usedDiscount', 'false') = 'true' AS discounted
         FROM scope s JOIN events e ON e.customer_id = s.id
        WHERE e.type = 'order.placed' AND ${notCancelledSql()}
        ORDER BY e.customer_id, e.properties ->> 'orderId', e.occurred_at
     ), metrics AS (
       SELECT s.id, count(p.customer_id)::int AS orders, COALESCE(sum(p.total), 0) AS spent,
              min(p.occurred_at) AS first_at, max(p.occurred_at) AS last_at,
              avg(p.discounted::int)::float8 AS discounted
         FROM scope s LEFT JOIN placed p ON p.customer_id = s.id
        -- As ingestion: only an order (placed or cancelled) computes a customer's values.
        WHERE EXISTS (SELECT 1 FROM events o WHERE o.customer_id = s.id AND o.type IN ('order.placed', 'order.cancelled'))
        GROUP BY s.id
     ), timed AS (
       SELECT m.*,
              CASE WHEN m.orders > 1 THEN ${epochMs('m.last_at - m.first_at')} / 86400000 / (m.orders - 1) END AS mean_days,
              (${epochMs('$2::timestamptz')} - ${epochMs('m.last_at')}) / 86400000 AS days_since
         FROM metrics m
     ), staged AS (
       SELECT t.*,
              ${lifecycleStageSql({ orders: 't.orders', lastOrderAt: 't.last_at', daysSince: 't.days_since', meanDays: 't.mean_days', spent: 't.spent' }, 3)} AS stage
         FROM timed t
     ), updated AS (
     UPDATE customers c SET
            orders_count = s.orders, total_spent = s.spent,
            average_order_value = CASE WHEN s.orders > 0 THEN (s.spent::float8 / s.orders)::text::numeric END,
            first_order_at = s.first_at, last_order_at = s.last_at,
            mean_days_between_orders = s.mean_days::text::numeric, discount_share = s.discounted::text::numeric,
            lifecycle_stage = s.stage,
            loyalty_tier = (SELECT t ->> 'name' FROM jsonb_array_elements($8::jsonb) WITH ORDINALITY AS x(t, n)
                             WHERE c.loyalty_points >= (t ->> 'minPoints')::numeric
                             ORDER BY (t ->> 'minPoints')::numeric DESC, x.n LIMIT 1),
            stage_changed_at = CASE WHEN c.lifecycle_stage <> s.stage THEN $2 ELSE c.stage_changed_at END,
            updated_at = now()
       FROM staged s
      WHERE c.id = s.id
      RETURNING c.id
     ) SELECT count(*)::int AS n FROM updated`,
    [cte.param, now, ...lifecycleStageParams(settings), JSON.stringify(settings.tiers)],
  );
  return rows[0].n as number;
}

/**
 * `recordPurchases` for the whole history at once: per customer and consumable product, the
 * latest order of it, its quantity and when it runs out. A date already past is marked emitted.
 */
async function recomputePurchases(query: Query, scope: RecomputeScope, now: Date): Promise<number> {
  const cte = scopeCte(scope);
  const rows = await query(
    `WITH ${cte.sql},
     lines AS (
       SELECT DISTINCT ON (e.customer_id, li ->> 'productId')
              e.customer_id, li ->> 'productId' AS product_id, e.occurred_at,
              GREATEST(1, CASE WHEN li ->> 'quantity' ~ ${NUMERIC} AND (li ->> 'quantity')::numeric <> 0
                               THEN (li ->> 'quantity')::numeric ELSE 1 END) AS quantity
         FROM scope s JOIN events e ON e.customer_id = s.id
              CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.properties -> 'lineItems') = 'array'
                                                           THEN e.properties -> 'lineItems' ELSE '[]'::jsonb END)
                         WITH ORDINALITY AS x(li, n)
        WHERE e.type = 'order.placed' AND li ->> 'productId' IS NOT NULL
        -- The latest order wins; orders placed at the same instant in the order of their ids (the
        -- order they were delivered), the last line of an order naming the product twice.
        ORDER BY e.customer_id, li ->> 'productId', e.occurred_at DESC,
                 length(e.properties ->> 'orderId') DESC, e.properties ->> 'orderId' DESC, x.n DESC
     ), due AS (
       SELECT l.customer_id, l.product_id, l.occurred_at, l.quantity,
              to_timestamp(trunc((extract(epoch FROM l.occurred_at) * 1000)::float8
                                 + COALESCE(p.consumption_days, p.learned_interval_days)::float8 * l.quantity::float8 * 86400000) / 1000) AS replenish_at
         FROM lines l JOIN products p ON p.product_id = l.product_id
        WHERE COALESCE(p.consumption_days, p.learned_interval_days) IS NOT NULL
     )
     INSERT INTO customer_products (customer_id, product_id, last_ordered_at, quantity, replenish_at, due_emitted_for)
     SELECT customer_id, product_id, occurred_at, quantity, replenish_at,
            CASE WHEN replenish_at <= $2 THEN replenish_at END
       FROM due
     ON CONFLICT (customer_id, product_id) DO UPDATE SET last_ordered_at = EXCLUDED.last_ordered_at,
       quantity = EXCLUDED.quantity, replenish_at = EXCLUDED.replenish_at,
       due_emitted_for = COALESCE(EXCLUDED.due_emitted_for, customer_products.due_emitted_for)
     WHERE customer_products.last_ordered_at <= EXCLUDED.last_ordered_at
     RETURNING customer_id`,
    [cte.param, now],
  );
  return rows.length;
}

/** The earliest replenishment date from the customer's latest order on (`attributes.replenish_at`). */
async function recomputeReplenishAt(query: Query, scope: RecomputeScope): Promise<void> {
  const cte = scopeCte(scope);
  await query(
    `WITH ${cte.sql},
     latest AS MATERIALIZED (
       SELECT e.customer_id, max(e.occurred_at) AS at
         FROM scope s JOIN events e ON e.customer_id = s.id
        WHERE e.type = 'order.placed'
        GROUP BY e.customer_id
     ), next AS MATERIALIZED (
       SELECT l.customer_id,
              -- FILTER, not WHERE: a min() with a range on replenish_at is planned as a walk of
              -- that column's index (the whole table per customer); this reads the customer's rows.
              (SELECT min(cp.replenish_at) FILTER (WHERE cp.replenish_at >= l.at) FROM customer_products cp
                WHERE cp.customer_id = l.customer_id) AS at
         FROM latest l
     )
     UPDATE customers c SET attributes = CASE WHEN n.at IS NULL THEN c.attributes - 'replenish_at'
                                              ELSE c.attributes || jsonb_build_object('replenish_at', n.at) END
       FROM next n
      WHERE c.id = n.customer_id
        AND c.attributes -> 'replenish_at' IS DISTINCT FROM CASE WHEN n.at IS NULL THEN NULL ELSE to_jsonb(n.at) END`,
    [cte.param],
  );
}

/**
 * The scope's customers join (or leave) each saved segment as they now match it, without a
 * `segment.entered` event: the daily refresh then sees them as members already.
 */
async function seedSegmentMembers(query: Query, scope: RecomputeScope, asOf: Date): Promise<void> {
  const resolver = await segmentResolver(query);
  const segments = await query(`SELECT id, condition FROM segments`, []);
  for (const segment of segments) {
    const filter = compileCustomerFilter(segment.condition as Condition, { asOf, segment: resolver });
    const n = filter.params.length;
    const cte = scopeCte(scope);
    const scoped = cte.sql.replace('$1', `$${n + 2}`);
    const params = [...filter.params, segment.id, cte.param];
    await query(
      `WITH ${scoped}
       DELETE FROM segment_members m USING scope s
        WHERE m.segment_id = $${n + 1} AND m.customer_id = s.id
          AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = m.customer_id AND ${filter.where})`,
      params,
    );
    await query(
      `WITH ${scoped}
       INSERT INTO segment_members (segment_id, customer_id, entered_at)
       SELECT $${n + 1}, c.id, now() FROM scope s JOIN customers c ON c.id = s.id WHERE ${filter.where}
       ON CONFLICT DO NOTHING`,
      params,
    );
  }
}
