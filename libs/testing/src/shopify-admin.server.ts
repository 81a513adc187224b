/**
 * A local HTTP server that speaks the subset of Shopify's Admin GraphQL API the engine uses,
 * written from Shopify's documented shapes: `POST /admin/api/{version}/graphql.json` with
 * `X-Shopify-Access-Token` (401 and Shopify's `errors` text for a wrong one), the operation parsed
 * with graphql-js, each root field answered with its documented payload (`userErrors` included)
 * and shaped to the selection asked for, and `extensions.cost` with `throttleStatus` from a real
 * leaky bucket (2,000 points, 100 restored a second by default), which answers THROTTLED when a
 * query asks for more than it holds.
 *
 * Tests queue faults for the next request (or the next one touching a given root field):
 * THROTTLED, any HTTP status (5xx, 429), a dropped connection (before or after the operation ran:
 * a lost answer), an answer held back after the operation ran (`delay`: time to kill the client
 * between the store's change and its answer); `queueDiscountUserErrors` makes the next discount create answer with userErrors.
 * Bulk operations run CREATED → RUNNING → COMPLETED
 * after N polls (`planBulkResult`); their `url` streams the JSONL file the test gave from
 * `/bulk/{id}.jsonl`, or answers 403 like an expired signed URL once `expireBulkUrls` is set; a
 * download can be made to break part-way (`breakNextBulkDownloadAfter`).
 * State (discounts, consent updates, subscriptions, bulk operations) is read from `store`.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
} from 'graphql';
import { LocalHttpServer, readBody, sendJson } from './local-http-server';
import { ShopifyStoreState, type StubLocale, type StubShop, type StubUserError } from './shopify-admin.store';
import type { BulkResultPlan } from './shopify-bulk-operations.store';
import {
  fieldArguments,
  project,
  requestedCost,
  rootFields,
  type GraphqlErrorBody,
  type OperationContext,
} from './shopify-graphql.projection';

export type QueuedShopifyFault = (
  | {
      kind: 'throttled';
      /** The bucket's level to report (and keep); default 0. */ currentlyAvailable?: number;
    }
  | { kind: 'http'; status: number; body?: unknown; headers?: Record<string, string> }
  | {
      kind: 'drop';
      /** Run the operation first, then drop: the store changed but the client never hears it. */
      afterExecuting?: boolean;
    }
  | {
      kind: 'delay';
      /** Run the operation at once, answer after this long: a client killed meanwhile never hears it. */
      ms: number;
    }
) & {
  /** Only a request with this root field (`discountCodeBasicCreate`) takes the fault. */
  rootField?: string;
};

export interface RecordedShopifyRequest {
  at: number;
  apiVersion: string;
  accessToken: string | undefined;
  operationName: string | null;
  operation: 'query' | 'mutation' | null;
  rootFields: string[];
  variables: Record<string, unknown>;
  /** What it was answered with. */
  outcome: 'ok' | 'throttled' | 'http' | 'dropped' | 'unauthorized' | 'errors';
  status: number;
}

export interface ShopifyAdminStubOptions {
  accessToken: string;
  shop?: Partial<StubShop>;
  locales?: StubLocale[];
  bucket?: { maximumAvailable?: number; restoreRate?: number };
}

const GRAPHQL_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;
const BULK_PATH = /^\/bulk\/(\d+)\.jsonl$/;

export class ShopifyAdminStub extends LocalHttpServer<QueuedShopifyFault> {
  readonly requests: RecordedShopifyRequest[] = [];
  /** Every GET of a bulk result URL: the status answered and where the body was cut, if it was. */
  readonly bulkDownloads: Array<{ operationId: string; status: number; brokenAfter: number | null }> = [];
  readonly store: ShopifyStoreState;
  /** Bulk result URLs answer 403 AccessDenied, as an expired signed URL does. */
  expireBulkUrls = false;
  /** The next N bulk downloads answer 403 as expired (then URLs work again). */
  expireNextBulkDownloads = 0;
  /** The next bulk download breaks (connection reset) after this many bytes. */
  breakNextBulkDownloadAfter: number | null = null;
  private readonly maximumAvailable: number;
  private readonly restoreRate: number;
  private available: number;
  private bucketAt = Date.now();

  constructor(private readonly options: ShopifyAdminStubOptions) {
    super();
    this.maximumAvailable = options.bucket?.maximumAvailable ?? 2000;
    this.restoreRate = options.bucket?.restoreRate ?? 100;
    this.available = this.maximumAvailable;
    this.store = new ShopifyStoreState(
      {
        name: 'Waypoint Test Store',
        currencyCode: 'EUR',
        ianaTimezone: 'Europe/Paris',
        myshopifyDomain: 'waypoint-test.myshopify.com',
        ...options.shop,
      },
      options.locales ?? [
        { locale: 'fr', primary: true, published: true },
        { locale: 'en', primary: false, published: true },
      ],
      (id) => `${this.url}/bulk/${id.split('/').pop()}.jsonl`,
    );
  }

  /** The answers that reached the GraphQL layer for a root field, in order. */
  requestsFor(rootField: string): RecordedShopifyRequest[] {
    return this.requests.filter((r) => r.rootFields.includes(rootField));
  }

  /** The next discount create (basic or free shipping) answers with these userErrors, creating nothing. */
  queueDiscountUserErrors(...errors: StubUserError[]): void {
    this.store.discountUserErrors.push(errors);
  }

  /** A full bucket again (tests that emptied it should not slow the next one). */
  refillBucket(): void {
    this.available = this.maximumAvailable;
    this.bucketAt = Date.now();
  }

  /** What the next bulk operation produces: its JSONL file and how many polls it takes. */
  planBulkResult(plan: BulkResultPlan): void {
    this.store.bulk.plan = plan;
  }

  /** What every bulk operation whose query contains `contains` (e.g. `customers {`) produces. */
  planBulkResultFor(contains: string, plan: BulkResultPlan): void {
    const plans = this.store.bulk.plansByQuery;
    const at = plans.findIndex((p) => p.contains === contains);
    if (at >= 0) plans.splice(at, 1);
    plans.push({ contains, plan });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    const bulk = BULK_PATH.exec(path);
    if (req.method === 'GET' && bulk)
      return this.serveBulkFile(`gid://shopify/BulkOperation/${bulk[1]}`, res);
    const graphqlPath = GRAPHQL_PATH.exec(path);
    const raw = await readBody(req);
    if (req.method !== 'POST' || !graphqlPath) return sendJson(res, 404, { errors: 'Not Found' });
    const token = header(req, 'x-shopify-access-token');
    const record = (
      partial: Partial<RecordedShopifyRequest> & Pick<RecordedShopifyRequest, 'outcome' | 'status'>,
    ) =>
      this.requests.push({
        at: Date.now(),
        apiVersion: graphqlPath[1],
        accessToken: token,
        operationName: null,
        operation: null,
        rootFields: [],
        variables: {},
        ...partial,
      });
    if (token !== this.options.accessToken) {
      record({ outcome: 'unauthorized', status: 401 });
      return sendJson(res, 401, {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }

    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    let document: DocumentNode;
    try {
      body = JSON.parse(raw) as typeof body;
      document = parse(String(body.query ?? ''));
    } catch (error) {
      record({ outcome: 'errors', status: 200 });
      const message = error instanceof GraphQLError ? error.message : 'Bad Request';
      return sendJson(res, 200, { errors: [{ message, extensions: { code: 'parseError' } }] });
    }
    const operation = getOperationAST(
      document,
      typeof body.operationName === 'string' ? body.operationName : null,
    );
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const context: OperationContext = {
      variables,
      fragments: new Map(
        document.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      ),
      errors: [],
    };
    if (!operation || operation.operation === 'subscription') {
      record({ outcome: 'errors', status: 200 });
      return sendJson(res, 200, { errors: [{ message: 'Operation not found or not supported' }] });
    }
    const fields = rootFields(operation, context);
    const about = {
      operationName: operation.name?.value ?? null,
      operation: operation.operation,
      rootFields: fields.map((f) => f.name.value),
      variables,
    };

    const fault = this.takeFault(about.rootFields);
    if (fault?.kind === 'drop' && !fault.afterExecuting) {
      record({ ...about, outcome: 'dropped', status: 0 });
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'http') {
      record({ ...about, outcome: 'http', status: fault.status });
      return sendJson(res, fault.status, fault.body ?? { errors: 'Internal Server Error' }, fault.headers);
    }

    const cost = requestedCost(operation, context);
    this.refill();
    if (fault?.kind === 'throttled') this.available = Math.min(this.available, fault.currentlyAvailable ?? 0);
    if (fault?.kind === 'throttled' || cost > this.available) {
      record({ ...about, outcome: 'throttled', status: 200 });
      return sendJson(res, 200, {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: { cost: this.cost(cost, null) },
      });
    }

    const data: Record<string, unknown> = {};
    for (const field of fields) {
      const key = field.alias?.value ?? field.name.value;
      const args = fieldArguments(field, variables);
      const answer =
        operation.operation === 'mutation'
          ? this.store.mutate(field.name.value, args)
          : this.store.query(field.name.value, args);
      if (!answer) {
        context.errors.push(undefinedRootField(field.name.value, operation.operation));
        continue;
      }
      if ('error' in answer) {
        context.errors.push(answer.error);
        data[key] = null;
        continue;
      }
      data[key] = project(answer.value, field.selectionSet, context, [key]);
    }
    this.available -= cost;
    if (fault?.kind === 'drop') {
      record({ ...about, outcome: 'dropped', status: 0 });
      req.socket.destroy();
      return;
    }
    const failed = context.errors.length > 0;
    record({ ...about, outcome: failed ? 'errors' : 'ok', status: 200 });
    // Recorded when it ran; the answer (if anyone still listens) comes later.
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    // Like Shopify, a query naming unknown fields is refused whole; an access error keeps the rest.
    const refusedWhole = context.errors.some((e) => e.extensions?.code === 'undefinedField');
    return sendJson(res, 200, {
      ...(refusedWhole ? {} : { data }),
      ...(failed ? { errors: context.errors } : {}),
      extensions: { cost: this.cost(cost, cost) },
    });
  }

  private takeFault(fields: string[]): QueuedShopifyFault | undefined {
    const index = this.answers.findIndex((f) => !f.rootField || fields.includes(f.rootField));
    return index < 0 ? undefined : this.answers.splice(index, 1)[0];
  }

  private refill(): void {
    const now = Date.now();
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((now - this.bucketAt) / 1000) * this.restoreRate,
    );
    this.bucketAt = now;
  }

  private cost(requested: number, actual: number | null): Record<string, unknown> {
    return {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: {
        maximumAvailable: this.maximumAvailable,
        currentlyAvailable: Math.max(0, Math.floor(this.available)),
        restoreRate: this.restoreRate,
      },
    };
  }

  private serveBulkFile(id: string, res: ServerResponse): void {
    const operation = this.store.bulk.operations.get(id);
    const expiredOnce = this.expireNextBulkDownloads > 0;
    if (expiredOnce) this.expireNextBulkDownloads -= 1;
    const status =
      this.expireBulkUrls || expiredOnce
        ? 403
        : !operation?.file || operation.status !== 'COMPLETED'
          ? 404
          : 200;
    const breakAfter = status === 200 ? this.breakNextBulkDownloadAfter : null;
    if (status === 200) this.breakNextBulkDownloadAfter = null;
    this.bulkDownloads.push({ operationId: id, status, brokenAfter: breakAfter });
    if (status === 403) {
      res
        .writeHead(403, { 'Content-Type': 'application/xml; charset=UTF-8' })
        .end(
          "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Access denied.</Message>" +
            '<Details>Request has expired</Details></Error>',
        );
      return;
    }
    if (status === 404 || !operation?.file) {
      res
        .writeHead(404, { 'Content-Type': 'application/xml; charset=UTF-8' })
        .end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/jsonl' });
    const file = createReadStream(operation.file, breakAfter === null ? {} : { end: breakAfter - 1 });
    file.on('error', () => res.destroy());
    if (breakAfter === null) file.pipe(res);
    else file.on('end', () => res.destroy()).pipe(res, { end: false });
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function undefinedRootField(name: string, operation: string): GraphqlErrorBody {
  const typeName = operation === 'mutation' ? 'Mutation' : 'QueryRoot';
  return {
    message: `Field '${name}' doesn't exist on type '${typeName}'`,
    path: [operation, name],
    extensions: { code: 'undefinedField', typeName, fieldName: name },
  };
}
