/**
 * `action.webhook`: POSTs a JSON body (a template) to the node's URL, signed with HMAC-SHA256 so
 * the receiver can trust it: `X-Waypoint-Signature: t=<unix seconds>,v1=<hex HMAC of "t.body">`.
 * 2xx completes the step, other 4xx fail it at once, 429/5xx and network errors are retried.
 */
import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { TemplateCatalog } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import { Database, findSendCustomer } from '@waypoint/data';
import type { ActionResult, CallWebhookInput } from '@waypoint/workflows';
import { TemplateContextBuilder } from '@waypoint/run-decisions';

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

@Injectable()
export class WebhookActivities {
  constructor(
    private readonly db: Database,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly templates: TemplateCatalog,
    private readonly contexts: TemplateContextBuilder,
  ) {}

  async callWebhook(input: CallWebhookInput): Promise<ActionResult> {
    const secret = this.env.WEBHOOK_SIGNING_SECRET;
    if (!secret) return { ok: false, reason: 'not called: WEBHOOK_SIGNING_SECRET is not set' };
    const customer = await findSendCustomer(this.db.query, input.customerId);
    if (!customer) return { ok: false, reason: 'not called: the customer no longer exists' };
    // The default body has no recommendations; a body template may read them.
    const context = await this.contexts.build(customer, input.context, {
      recommendations: input.body?.includes('recommendations') ?? false,
    });
    let body: string;
    try {
      body = input.body
        ? this.templates.renderInline('sms', input.body, context)
        : JSON.stringify({
            runId: input.runId,
            nodeId: input.nodeId,
            customer: context.customer,
            event: context.event,
            coupon: context.coupon,
          });
      JSON.parse(body);
    } catch (error) {
      return {
        ok: false,
        reason: `not called: the body is not valid JSON after rendering (${(error as Error).message})`,
      };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await fetch(input.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Waypoint-Webhooks/1',
          'x-waypoint-signature': webhookSignature(secret, timestamp, body),
          'x-waypoint-delivery': `${input.runId}:${input.nodeId}:${input.visit}`,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new Error(`POST ${input.url} failed: ${(error as Error).message}`);
    }
    const detail = { status: response.status, url: input.url };
    if (response.ok) return { ok: true, reason: `POST ${input.url} answered ${response.status}`, detail };
    if (response.status === 429 || response.status >= 500)
      throw new Error(`POST ${input.url} answered ${response.status}`);
    throw ApplicationFailure.nonRetryable(
      `POST ${input.url} answered ${response.status}`,
      'WebhookRefused',
      detail,
    );
  }
}
