/**
 * The storefront side: signed Shopify `customers/update` deliveries, sent to the API over
 * keep-alive connections on 127.0.0.1, either as fast as it takes them (a fixed number in
 * flight) or at a steady rate (an open-loop schedule: a slow answer does not delay the next send).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { sleep } from '@waypoint/devstack';

export interface Delivery {
  /** The customer's email: how a message received by the SendGrid stub is matched to its delivery. */
  email: string;
  body: string;
  headers: Record<string, string>;
}

export interface Sent {
  email: string;
  /** Wall-clock ms when the first attempt was handed to the socket layer, and when the answer came. */
  sentAt: number;
  ackAt: number;
  status: number;
  attempts: number;
}

/** A customers/update delivery shaped like Shopify's Admin API webhook body, signed with the secret. */
export function customerUpdate(shopifyId: number, emailPrefix: string, secret: string): Delivery {
  const email = `${emailPrefix}${shopifyId}@example.com`;
  const body = JSON.stringify({
    id: shopifyId,
    email,
    accepts_marketing: true,
    created_at: '2026-11-24T09:15:00-05:00',
    updated_at: new Date().toISOString(),
    first_name: 'Ada',
    last_name: 'Lovelace',
    orders_count: 0,
    state: 'enabled',
    total_spent: '0.00',
    last_order_id: null,
    note: null,
    verified_email: true,
    tax_exempt: false,
    tags: 'newsletter',
    currency: 'USD',
    phone: null,
    addresses: [],
    email_marketing_consent: {
      state: 'subscribed',
      opt_in_level: 'single_opt_in',
      consent_updated_at: '2026-11-24T09:15:00-05:00',
    },
    sms_marketing_consent: null,
    admin_graphql_api_id: `gid://shopify/Customer/${shopifyId}`,
    default_address: null,
  });
  return {
    email,
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'customers/update',
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
      'x-shopify-shop-domain': 'bench-store.myshopify.com',
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
    },
  };
}

export class WebhookSender {
  private readonly agent: Agent;
  retries = 0;
  /** Deliveries that got no answer after every attempt (status 0 in their result). */
  readonly failures: string[] = [];

  constructor(
    private readonly baseUrl: string,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * Delivers once, retrying a dropped connection (as Shopify would; the same event id, so the API
   * deduplicates). The send time is the first attempt's, so a retry counts against the latency.
   * Never throws: a delivery that got no answer at all comes back with status 0.
   */
  async deliver(delivery: Delivery): Promise<Sent> {
    const sentAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const status = await this.post('/webhooks/shopify', delivery);
        return { email: delivery.email, sentAt, ackAt: Date.now(), status, attempts: attempt };
      } catch (error) {
        if (attempt >= 4) {
          this.failures.push(`${delivery.email}: ${(error as Error).message}`);
          return { email: delivery.email, sentAt, ackAt: Date.now(), status: 0, attempts: attempt };
        }
        this.retries++;
        await sleep(100 * attempt);
      }
    }
  }

  private post(path: string, delivery: Delivery): Promise<number> {
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.body) },
          timeout: 30_000,
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', reject);
        },
      );
      req.once('timeout', () => req.destroy(new Error(`no answer from ${url.href} within 30 s`)));
      req.once('error', reject);
      req.end(delivery.body);
    });
  }
}

/** Sends every delivery with at most `concurrency` in flight. Stops early once `deadline` passes or on abort. */
export async function sendBurst(
  sender: WebhookSender,
  deliveries: readonly Delivery[],
  concurrency: number,
  deadline: number,
  signal?: AbortSignal,
): Promise<Sent[]> {
  const results: Sent[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < deliveries.length && Date.now() < deadline && !signal?.aborted) {
      const delivery = deliveries[next++];
      results.push(await sender.deliver(delivery));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

export interface PacedResult {
  sent: Sent[];
  /** How far behind schedule the sends fell at worst (ms): > 0 means the rate was not held. */
  worstSlipMs: number;
  achievedRate: number;
}

/**
 * Sends at `rate` per second on an absolute schedule (no drift), without waiting for answers;
 * at most `maxInFlight` unanswered, beyond which sends wait (and the slip is reported). Stops early
 * once `deadline` passes or on abort.
 */
export async function sendPaced(
  sender: WebhookSender,
  deliveries: readonly Delivery[],
  rate: number,
  maxInFlight: number,
  deadline: number,
  signal?: AbortSignal,
): Promise<PacedResult> {
  const sent: Sent[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = Date.now();
  let worstSlipMs = 0;
  let firstSend = 0;
  let lastSend = 0;
  for (let i = 0; i < deliveries.length && Date.now() < deadline && !signal?.aborted; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const now = Date.now();
    worstSlipMs = Math.max(worstSlipMs, now - due);
    if (i === 0) firstSend = now;
    lastSend = now;
    const pending: Promise<void> = sender
      .deliver(deliveries[i])
      .then((result) => void sent.push(result))
      .finally(() => inFlight.delete(pending));
    inFlight.add(pending);
  }
  await Promise.all(inFlight);
  const achievedRate = lastSend > firstSend ? ((sent.length - 1) * 1000) / (lastSend - firstSend) : 0;
  return { sent, worstSlipMs, achievedRate };
}
