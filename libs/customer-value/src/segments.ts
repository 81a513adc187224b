/**
 * Segments: saved conditions over customers (the shared condition language), with a live count,
 * a member list, CLTV, and entries — a customer newly matching a segment gets a `segment.entered`
 * event, which can start a journey (trigger.segment). Ships the segments marketers ask for by name.
 */
import {
  compileCustomerFilter,
  countedOrdersSql,
  reevaluateCustomerSegments,
  segmentsWithConditions,
  sweepSegment,
  type Query,
  type SegmentToEvaluate,
} from '@waypoint/data';
import { conditionDependencies, eventCanChange, type Condition } from '@waypoint/journey';

export interface SegmentPreset {
  key: string;
  name: string;
  description: string;
  condition: Condition;
}

export const SEGMENT_PRESETS: SegmentPreset[] = [
  {
    key: 'first-time-buyers',
    name: 'First-time buyers',
    description: 'Exactly one order',
    condition: { attribute: 'ordersCount', op: 'eq', value: 1 },
  },
  {
    key: 'repeat-buyers',
    name: 'Repeat buyers',
    description: 'Two orders or more',
    condition: { attribute: 'ordersCount', op: 'gte', value: 2 },
  },
  {
    key: 'big-spenders',
    name: 'Big spenders',
    description: 'Spent 500 or more in total',
    condition: { attribute: 'totalSpent', op: 'gte', value: 500 },
  },
  {
    key: 'high-aov',
    name: 'High average order value',
    description: 'Average order of 100 or more',
    condition: { attribute: 'averageOrderValue', op: 'gte', value: 100 },
  },
  {
    key: 'full-price-buyers',
    name: 'Full-price buyers',
    description: 'Ordered, never with a discount',
    condition: {
      all: [
        { attribute: 'ordersCount', op: 'gte', value: 1 },
        { attribute: 'discountShare', op: 'eq', value: 0 },
      ],
    },
  },
  {
    key: 'discount-shoppers',
    name: 'Discount shoppers',
    description: 'Half or more of their orders used a discount',
    condition: { attribute: 'discountShare', op: 'gte', value: 0.5 },
  },
  {
    key: 'cart-abandoners',
    name: 'Cart abandoners',
    description: 'Started a checkout in the last 7 days and placed no order since',
    condition: {
      all: [
        { did: 'checkout.started', within: '7d' },
        { did: 'order.placed', within: '7d', count: { op: 'eq', value: 0 } },
      ],
    },
  },
  {
    key: 'vip-loyal',
    name: 'VIP and loyal',
    description: 'Lifecycle stage vip or loyal',
    condition: { attribute: 'lifecycleStage', op: 'in', value: ['vip', 'loyal'] },
  },
  {
    key: 'at-risk',
    name: 'At risk',
    description: 'Lifecycle stage at_risk',
    condition: { attribute: 'lifecycleStage', op: 'eq', value: 'at_risk' },
  },
  {
    key: 'inactive',
    name: 'Inactive',
    description: 'Lifecycle stage inactive',
    condition: { attribute: 'lifecycleStage', op: 'eq', value: 'inactive' },
  },
];

export async function ensureSegmentPresets(query: Query): Promise<void> {
  for (const p of SEGMENT_PRESETS) {
    await query(
      `INSERT INTO segments (key, name, description, condition) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING`,
      [p.key, p.name, p.description, JSON.stringify(p.condition)],
    );
  }
}

/** Every saved segment's condition, for `segment` leaves inside other conditions. */
export async function segmentResolver(query: Query): Promise<(id: string) => Condition | undefined> {
  const rows = await query(`SELECT id, key, condition FROM segments`, []);
  const byId = new Map<string, Condition>();
  for (const r of rows) {
    byId.set(r.id as string, r.condition as Condition);
    if (r.key) byId.set(r.key as string, r.condition as Condition);
  }
  return (id) => byId.get(id);
}

/** What a segment is worth; test profiles (docs/product.md, "Test runs") never count. */
export interface SegmentValue {
  count: number;
  /** CLTV of the segment: total and average historic spend of its members. */
  totalSpent: number;
  averageSpent: number;
  averageOrderValue: number | null;
  /** What the members' orders placed in the `revenueDays` before `asOf` came to (not cancelled ones). */
  revenue: number;
  revenueDays: number;
}

export async function segmentValue(
  query: Query,
  condition: Condition,
  asOf: Date,
  revenueDays = 30,
): Promise<SegmentValue> {
  const filter = compileCustomerFilter(condition, { asOf, segment: await segmentResolver(query) });
  const [row] = await query(
    `SELECT count(*)::int AS n, COALESCE(sum(total_spent), 0)::float AS spent, COALESCE(avg(total_spent), 0)::float AS avg_spent,
            avg(average_order_value)::float AS aov
       FROM customers c WHERE (${filter.where}) AND NOT c.test`,
    filter.params,
  );
  const asOfParam = `$${filter.params.length + 1}`;
  const daysParam = `$${filter.params.length + 2}`;
  // The members' orders in the window, counted as the dashboard counts them (countedOrdersSql).
  const [revenue] = await query(
    `WITH orders AS (
       ${countedOrdersSql(
         `(${filter.where}) AND e.occurred_at > ${asOfParam}::timestamptz - make_interval(days => ${daysParam}::int)
          AND e.occurred_at <= ${asOfParam}::timestamptz`,
       )}
     )
     SELECT COALESCE(sum(total), 0)::float AS revenue FROM orders`,
    [...filter.params, asOf.toISOString(), revenueDays],
  );
  return {
    count: row.n as number,
    totalSpent: row.spent as number,
    averageSpent: row.avg_spent as number,
    averageOrderValue: (row.aov as number | null) ?? null,
    revenue: revenue.revenue as number,
    revenueDays,
  };
}

const MEMBER_COLUMNS = `c.id, c.external_id AS "externalId", c.email, c.first_name AS "firstName", c.last_name AS "lastName",
            c.lifecycle_stage AS "lifecycleStage", c.orders_count AS "ordersCount", c.total_spent::float AS "totalSpent"`;

export interface SegmentMemberRow {
  id: string;
  externalId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  lifecycleStage: string;
  ordersCount: number;
  totalSpent: number;
}

/** `lower(x) LIKE` pattern for "begins with `q`", its wildcards escaped. */
function beginsWith(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A page of members, the biggest spenders first; with `q`, only those whose email, first name,
 * last name or "first last" begins with it (any case).
 */
export async function segmentMembers(
  query: Query,
  condition: Condition,
  asOf: Date,
  limit: number,
  offset: number,
  q?: string,
): Promise<SegmentMemberRow[]> {
  const filter = compileCustomerFilter(condition, { asOf, segment: await segmentResolver(query) });
  const params: unknown[] = [...filter.params];
  let search = '';
  if (q) {
    params.push(beginsWith(q));
    const p = `$${params.length}`;
    search = ` AND (lower(c.email) LIKE ${p} ESCAPE '\\' OR lower(c.first_name) LIKE ${p} ESCAPE '\\'
                OR lower(c.last_name) LIKE ${p} ESCAPE '\\'
                OR lower(c.first_name || ' ' || c.last_name) LIKE ${p} ESCAPE '\\')`;
  }
  return (await query(
    `SELECT ${MEMBER_COLUMNS}
       FROM customers c WHERE (${filter.where})${search}
      ORDER BY c.total_spent DESC, c.id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  )) as unknown as SegmentMemberRow[];
}

export interface SegmentExportRow extends SegmentMemberRow {
  phone: string | null;
  lastOrderAt: Date | null;
}

/**
 * Every member, `batchSize` at a time by keyset on the customer id (each batch one short query,
 * so no connection is held while the caller writes a batch out, and memory holds one batch).
 */
export async function* segmentMemberBatches(
  query: Query,
  condition: Condition,
  asOf: Date,
  batchSize = 2000,
): AsyncGenerator<SegmentExportRow[]> {
  const filter = compileCustomerFilter(condition, { asOf, segment: await segmentResolver(query) });
  const after = `$${filter.params.length + 1}`;
  let last = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await query(
      `SELECT ${MEMBER_COLUMNS}, c.phone, c.last_order_at AS "lastOrderAt"
         FROM customers c WHERE (${filter.where}) AND c.id > ${after}::uuid
        ORDER BY c.id LIMIT ${Number(batchSize)}`,
      [...filter.params, last],
    )) as unknown as SegmentExportRow[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    last = rows[rows.length - 1].id;
  }
}

/** Runs `work` in one transaction (the worker passes `Database.transaction`). */
export type InTransaction = <T>(work: (query: Query) => Promise<T>) => Promise<T>;

/** How long after a segment is created or edited the daily sweep still seeds all its members. */
const SEED_WINDOW_MS = 2 * 86_400_000;

/**
 * The daily sweep's part of segment membership (docs/architecture.md, "Segments in real time"):
 * only segments whose verdict can change with time alone (a `did … within` window, the lifecycle
 * stage, consent), plus those created or edited in the last two days (their existing matches
 * enter once). Everything else is kept current per customer as events are routed. Each segment is
 * one set-based statement for entries (with their `segment.entered` events) and one for exits
 * (`segment.exited`), committed together when `inTransaction` gives a transaction. Returns how many
 * customers entered.
 */
export async function refreshSegmentMembers(
  query: Query,
  asOf: Date,
  inTransaction: InTransaction = (work) => work(query),
): Promise<number> {
  const segments = await segmentsWithConditions(query);
  const resolve = resolverOf(segments);
  let entries = 0;
  for (const segment of segments) {
    const recent = asOf.getTime() - new Date(segment.updatedAt).getTime() < SEED_WINDOW_MS;
    if (!recent && !conditionDependencies(segment.condition, resolve).changesWithTime) continue;
    entries += await inTransaction(
      async (q) => (await sweepSegment(q, segment, { asOf, segment: resolve })).entered,
    );
  }
  return entries;
}

/**
 * Whether a segment's condition compiles (every segment it includes exists, not nested too deep):
 * one that does not is left out rather than failing every customer's routing with it.
 */
function compiles(
  segment: SegmentToEvaluate,
  resolve: (id: string) => Condition | undefined,
  asOf: Date,
): boolean {
  try {
    compileCustomerFilter(segment.condition, { asOf, segment: resolve });
    return true;
  } catch {
    return false;
  }
}

/** Looks a segment up by id or key among these. */
function resolverOf(segments: SegmentToEvaluate[]): (id: string) => Condition | undefined {
  const byId = new Map<string, Condition>();
  for (const s of segments) {
    byId.set(s.id, s.condition);
    if (s.key) byId.set(s.key, s.condition);
  }
  return (id) => byId.get(id);
}

/**
 * Real-time membership for one customer: of `segments`, those whose dependencies an event of one
 * of `eventTypes` can touch (any attribute-reading one when `profileChanged`) are decided for this
 * customer in one statement; returns the ids of the `segment.entered` / `segment.exited` events
 * written, to route. `cause` keys those events (the causing event's id).
 */
export async function reevaluateSegmentsFor(
  query: Query,
  customerId: string,
  change: { eventTypes: string[]; profileChanged?: boolean; cause: string },
  segments: SegmentToEvaluate[],
  asOf: Date,
): Promise<string[]> {
  const { resolve, evaluable } = analysed(segments, asOf);
  const affected = evaluable
    .filter(({ dependencies }) => {
      if (change.profileChanged && dependencies.attributes.length > 0) return true;
      return change.eventTypes.some((type) => eventCanChange(dependencies, type));
    })
    .map(({ segment }) => segment);
  return reevaluateCustomerSegments(query, customerId, affected, { asOf, segment: resolve }, change.cause);
}

interface AnalysedSegments {
  resolve: (id: string) => Condition | undefined;
  evaluable: Array<{ segment: SegmentToEvaluate; dependencies: ReturnType<typeof conditionDependencies> }>;
}

/**
 * The segments that compile, with their dependencies: worked out once per list (the router passes
 * one list for every customer of a batch), not once per customer on the routing path.
 */
const analyses = new WeakMap<SegmentToEvaluate[], AnalysedSegments>();

function analysed(segments: SegmentToEvaluate[], asOf: Date): AnalysedSegments {
  const known = analyses.get(segments);
  if (known) return known;
  const resolve = resolverOf(segments);
  const evaluable = segments
    .filter((segment) => compiles(segment, resolve, asOf))
    .map((segment) => ({ segment, dependencies: conditionDependencies(segment.condition, resolve) }));
  const result = { resolve, evaluable };
  analyses.set(segments, result);
  return result;
}
