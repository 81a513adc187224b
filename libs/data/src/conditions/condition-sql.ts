/**
 * Compiles the shared condition language to a PostgreSQL boolean expression over one customer
 * (`c`, a row of `customers`), with every value a bound parameter: never string-built SQL from
 * input. Paths are checked against a strict pattern before they become jsonb path parameters.
 * Alongside the expression it collects the value behind each leaf, so a branch can say why
 * ("orders count is 0 → took 'no order yet'").
 */
import { describeCondition, parseDuration, type ComparisonOp, type Condition } from '@waypoint/journey';

/** Customer columns a condition may read by name; anything else is read from `attributes`. */
const COLUMNS: Record<string, string> = {
  email: 'c.email',
  phone: 'c.phone',
  firstName: 'c.first_name',
  lastName: 'c.last_name',
  timezone: 'c.timezone',
  locale: 'c.locale',
  externalId: 'c.external_id',
  createdAt: 'c.created_at',
  // Computed attributes, kept current from orders (libs/customer-value).
  ordersCount: 'c.orders_count',
  totalSpent: 'c.total_spent',
  averageOrderValue: 'c.average_order_value',
  firstOrderAt: 'c.first_order_at',
  lastOrderAt: 'c.last_order_at',
  meanDaysBetweenOrders: 'c.mean_days_between_orders',
  discountShare: 'c.discount_share',
  lifecycleStage: 'c.lifecycle_stage',
  loyaltyPoints: 'c.loyalty_points',
  loyaltyTier: 'c.loyalty_tier',
  tags: 'c.tags',
};

const PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const MAX_SEGMENT_DEPTH = 5;

export interface ConditionContext {
  /** The moment "now" for time windows (workflow time inside runs). */
  asOf: Date;
  /** The trigger event's properties, for `property` leaves. */
  eventProperties?: Record<string, unknown>;
  /** Looks up a saved segment's condition, for `segment` leaves. */
  segment?: (id: string) => Condition | undefined;
  /**
   * The run deciding (a branch), for `did … thisRun` leaves: only events naming it count. Without
   * one (segments, trigger filters, a preview before any run) such a leaf counts nothing.
   */
  runId?: string;
}

/**
 * Compiles one condition to a WHERE clause over `customers c` (segments: counts and members).
 * Only for WHERE, which keeps a row when the condition is true and drops it when it is false or
 * null: so the condition is not wrapped in `COALESCE(…, false)`, which would hide its comparisons
 * from the planner (no index could serve them).
 */
export function compileCustomerFilter(
  condition: Condition,
  context: ConditionContext,
): { where: string; params: unknown[] } {
  const compiler = new ConditionCompiler(context);
  return { where: `(${compiler.compile(condition)})`, params: compiler.params };
}

export interface LeafValue {
  label: string;
  sql: string;
}

export class ConditionCompiler {
  readonly params: unknown[] = [];
  readonly leaves: LeafValue[] = [];

  constructor(private readonly context: ConditionContext) {}

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  compile(condition: Condition, depth = 0): string {
    if ('all' in condition) return `(${condition.all.map((c) => this.compile(c, depth)).join(' AND ')})`;
    if ('any' in condition) return `(${condition.any.map((c) => this.compile(c, depth)).join(' OR ')})`;
    if ('not' in condition) return `(NOT COALESCE(${this.compile(condition.not, depth)}, false))`;
    if ('segment' in condition) {
      const saved = this.context.segment?.(condition.segment);
      if (!saved) throw new Error(`segment ${condition.segment} does not exist`);
      if (depth >= MAX_SEGMENT_DEPTH) throw new Error(`segments nest more than ${MAX_SEGMENT_DEPTH} deep`);
      return this.compile(saved, depth + 1);
    }
    if ('did' in condition) return this.did(condition);
    const subject =
      'attribute' in condition ? this.attribute(condition.attribute) : this.property(condition.property);
    const label = 'attribute' in condition ? condition.attribute : `event ${condition.property}`;
    this.leaves.push({ label, sql: subject });
    const native =
      'attribute' in condition
        ? nativeSql(condition.attribute, condition.op, condition.value, (v) => this.param(v))
        : null;
    return native ?? compareSql(subject, condition.op, condition.value, (v) => this.param(v));
  }

  private attribute(path: string): string {
    assertPath(path);
    if (COLUMNS[path]) return `to_jsonb(${COLUMNS[path]})`;
    const consent = /^consent\.(email|sms|whatsapp)$/.exec(path);
    if (consent) {
      // "opted_in", "opted_out", or null when the customer never said.
      return `to_jsonb((SELECT k.status FROM customer_consents k WHERE k.customer_id = c.id AND k.channel = ${this.param(consent[1])}))`;
    }
    const keys = path.startsWith('attributes.') ? path.slice('attributes.'.length) : path;
    return `(c.attributes #> ${this.param(keys.split('.'))}::text[])`;
  }

  private property(path: string): string {
    assertPath(path);
    return `(${this.param(JSON.stringify(this.context.eventProperties ?? {}))}::jsonb #> ${this.param(path.split('.'))}::text[])`;
  }

  private did(condition: Extract<Condition, { did: string }>): string {
    const filters = [
      `e.customer_id = c.id`,
      `e.type = ${this.param(condition.did)}`,
      `e.occurred_at <= ${this.param(this.context.asOf)}`,
    ];
    if (condition.where)
      filters.push(`e.properties @> ${this.param(JSON.stringify(condition.where))}::jsonb`);
    if (condition.within) {
      const since = new Date(this.context.asOf.getTime() - parseDuration(condition.within));
      filters.push(`e.occurred_at >= ${this.param(since)}`);
    }
    if (condition.thisRun) {
      filters.push(
        this.context.runId === undefined
          ? 'false'
          : `e.properties ->> 'runId' = ${this.param(this.context.runId)}`,
      );
    }
    if (condition.filter) filters.push(this.eventFilter(condition.filter));
    const count = `(SELECT count(*) FROM events e WHERE ${filters.join(' AND ')})`;
    this.leaves.push({
      label:
        describeCondition({ ...condition, count: undefined }).replace(/ at least 1 time/, '') + ' (times)',
      sql: count,
    });
    const { op, value } = condition.count ?? { op: 'gte', value: 1 };
    return `(${count} ${SQL_OPS[op]} ${this.param(value)})`;
  }

  /**
   * A `did` leaf's filter over the counted event's own properties (`e.properties`). It adds no
   * leaf values: they would name `e` outside the count that defines it.
   */
  private eventFilter(condition: Condition): string {
    if ('all' in condition) return `(${condition.all.map((c) => this.eventFilter(c)).join(' AND ')})`;
    if ('any' in condition) return `(${condition.any.map((c) => this.eventFilter(c)).join(' OR ')})`;
    if ('not' in condition) return `(NOT COALESCE(${this.eventFilter(condition.not)}, false))`;
    if (!('property' in condition))
      throw new Error('the filter of a "did" rule may read only event properties');
    assertPath(condition.property);
    const subject = `(e.properties #> ${this.param(condition.property.split('.'))}::text[])`;
    return compareSql(subject, condition.op, condition.value, (v) => this.param(v));
  }
}

const SQL_OPS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** jsonb comparisons: numbers compare as numbers, strings as strings, never a cast that can throw. */
function compareSql(
  subject: string,
  op: ComparisonOp,
  value: unknown,
  param: (v: unknown) => string,
): string {
  const json = () => `${param(JSON.stringify(value ?? null))}::jsonb`;
  switch (op) {
    case 'exists':
      return `(${subject} IS NOT NULL AND ${subject} <> 'null'::jsonb)`;
    case 'not_exists':
      return `(${subject} IS NULL OR ${subject} = 'null'::jsonb)`;
    case 'eq':
      return `(${numeric(subject, value)} = ${json()})`;
    case 'neq':
      return `(${numeric(subject, value)} IS DISTINCT FROM ${json()})`;
    case 'in':
      return `(${json()} @> jsonb_build_array(${subject}))`;
    case 'contains':
      return `(CASE jsonb_typeof(${subject})
                 WHEN 'array' THEN ${subject} @> jsonb_build_array(${json()})
                 WHEN 'string' THEN strpos(lower(${subject} #>> '{}'), lower(${param(String(value ?? ''))})) > 0
                 ELSE false END)`;
    default:
      return `(${numeric(subject, value)} ${SQL_OPS[op]} ${json()})`;
  }
}

/** Computed columns whose comparisons can be written in the column's own SQL type. */
const INTEGER_COLUMNS = new Set(['ordersCount', 'loyaltyPoints']);
const NUMERIC_COLUMNS = new Set([
  'totalSpent',
  'averageOrderValue',
  'meanDaysBetweenOrders',
  'discountShare',
]);
const TEXT_COLUMNS = new Set(['lifecycleStage', 'loyaltyTier']);

/**
 * The comparison in the column's own type, for the cases where that gives exactly the jsonb
 * form's result (a number against a numeric column, strings against a text column): the column's
 * index can then serve it, which the jsonb form rules out (a segment count would scan the whole
 * table). Null for every other case, which keeps the jsonb form.
 */
function nativeSql(
  attribute: string,
  op: ComparisonOp,
  value: unknown,
  param: (v: unknown) => string,
): string | null {
  const column = COLUMNS[attribute];
  if (typeof value === 'number' && Number.isFinite(value) && op in SQL_OPS) {
    const integer = INTEGER_COLUMNS.has(attribute);
    if (!integer && !NUMERIC_COLUMNS.has(attribute)) return null;
    // An integer column against a whole number stays an integer comparison (its index serves it).
    const p = `${param(value)}::${integer && Number.isSafeInteger(value) ? 'bigint' : 'numeric'}`;
    return op === 'neq'
      ? `(${column} IS DISTINCT FROM ${p})`
      : `(${column} ${SQL_OPS[op as keyof typeof SQL_OPS]} ${p})`;
  }
  if (!TEXT_COLUMNS.has(attribute)) return null;
  if (op === 'eq' && typeof value === 'string') return `(${column} = ${param(value)}::text)`;
  if (op === 'neq' && typeof value === 'string') return `(${column} IS DISTINCT FROM ${param(value)}::text)`;
  if (op === 'in' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    // jsonb containment is false (not null) for a null column: so is this.
    return `(${column} IS NOT NULL AND ${column} = ANY(${param(value)}::text[]))`;
  }
  return null;
}

/**
 * Shopify sends money as strings ("19.90"): when the condition compares with a number, a numeric
 * string on the customer's side is read as that number.
 */
function numeric(subject: string, value: unknown): string {
  if (typeof value !== 'number') return subject;
  return `(CASE WHEN jsonb_typeof(${subject}) = 'string' AND (${subject} #>> '{}') ~ '^-?[0-9]+(\\.[0-9]+)?$'
                THEN to_jsonb((${subject} #>> '{}')::numeric) ELSE ${subject} END)`;
}

function assertPath(path: string): void {
  if (!PATH.test(path)) throw new Error(`"${path}" is not a valid attribute path`);
}
