/**
 * Preview for a customer (docs/product.md, "Preview"): walks a journey graph the way the run
 * workflow does (workflows/src/journey-run.workflow.ts), node by node on a clock that starts now,
 * asking the same decisions a run asks (branches, quiet hours, wait-until times, the send checks
 * and rendering, split arms) and recording what the run's steps would say. It writes nothing and
 * sends nothing: where a run would act (a coupon, a profile update, a webhook, a send) it says
 * what would happen; where the path depends on the future (a `wait.event`) it follows the path the
 * run takes if nothing more happens, and says so.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainTextOf } from '@waypoint/channels';
import type { JourneyPreview, PreviewMessage, PreviewStep } from '@waypoint/contract';
import { StoreProfileReader } from '@waypoint/customer-value';
import {
  DEFAULT_QUIET_HOURS,
  describeCondition,
  describeDuration,
  findNode,
  localParts,
  nextNodeId,
  parseDuration,
  pickArm,
  splitBucket,
  splitReason,
  triggerOf,
  type Channel,
  type IssuedCoupon,
  type JourneyDefinition,
  type JourneyNode,
  type NodeOfType,
  type RunEvent,
  type SendOutcome,
} from '@waypoint/journey';
import { BranchDecider } from './branch-decider.service';
import type { TemplatePins } from './run-templates.service';
import { RunTiming } from './run-timing.service';
import { SendChecks, type ReadyEmail, type ReadySms, type ReadyWhatsapp } from './send-checks.service';
import { withStoreQuietHours } from './store-quiet-hours';

/** A graph with a loop and no wait would walk forever; a run would too, so validation refuses it. */
const MAX_STEPS = 200;

export interface PreviewRequest {
  journeyId: string;
  /** The version previewed, or null for the draft. */
  version: number | null;
  definition: JourneyDefinition;
  customerId: string;
  /** The trigger event, and whether it was given in the request (else the latest of its type). */
  triggerEvent: RunEvent | null;
  eventGiven: boolean;
  /** The run id split arms are drawn from. */
  splitSeed?: string;
  now?: Date;
}

type Step = Omit<PreviewStep, 'wakeAtLocal'>;

@Injectable()
export class JourneyPreviewer {
  constructor(
    private readonly branches: BranchDecider,
    private readonly timing: RunTiming,
    private readonly checks: SendChecks,
    private readonly profiles: StoreProfileReader,
  ) {}

  async preview(request: PreviewRequest): Promise<JourneyPreview> {
    const startedAt = request.now ?? new Date();
    // As a run's plan: the store's default quiet hours fill the channels the journey leaves unset.
    const definition = withStoreQuietHours(request.definition, (await this.profiles.current()).quietHours);
    const timeZone = await this.timing.timeZoneFor(request.customerId);
    const walk = new PreviewWalk(
      { branches: this.branches, timing: this.timing, checks: this.checks },
      request,
      definition,
      startedAt,
    );
    const end = await walk.run();
    return {
      journeyId: request.journeyId,
      version: request.version,
      customerId: request.customerId,
      timeZone,
      startedAt: startedAt.toISOString(),
      triggerEvent: request.triggerEvent
        ? {
            type: request.triggerEvent.type,
            occurredAt: request.eventGiven ? null : request.triggerEvent.occurredAt,
            given: request.eventGiven,
          }
        : null,
      steps: walk.steps.map((s) => ({ ...s, wakeAtLocal: s.wakeAt ? localTime(s.wakeAt, timeZone) : null })),
      end,
      exitRules: definition.settings.exitOn.map(
        (r) =>
          `${r.event}${r.filter ? ` (${describeCondition(r.filter)})` : ''} ends the run at once, even mid-wait`,
      ),
    };
  }
}

interface Decisions {
  branches: BranchDecider;
  timing: RunTiming;
  checks: SendChecks;
}

class PreviewWalk {
  readonly steps: Step[] = [];
  private clock: Date;
  private readonly visits = new Map<string, number>();
  private coupon: IssuedCoupon | null = null;
  private readonly seed: string;
  private readonly pins: TemplatePins;

  constructor(
    private readonly decide: Decisions,
    private readonly request: PreviewRequest,
    private readonly definition: JourneyDefinition,
    private readonly startedAt: Date,
  ) {
    this.clock = startedAt;
    this.seed = request.splitSeed ?? randomUUID();
    this.pins =
      request.version === null ? { draft: true } : { journeyId: request.journeyId, version: request.version };
  }

  async run(): Promise<JourneyPreview['end']> {
    let nodeId = triggerOf(this.definition)?.id;
    if (nodeId === undefined) return { status: 'failed', reason: 'the journey has no trigger' };
    while (this.steps.length < MAX_STEPS) {
      const node = findNode(this.definition, nodeId);
      if (!node) return { status: 'failed', reason: `node "${nodeId}" is not in the journey` };
      const visit = (this.visits.get(node.id) ?? 0) + 1;
      this.visits.set(node.id, visit);
      const handle = await this.visit(node, visit);
      if (handle === null) return { status: 'completed', reason: null };
      const next = nextNodeId(this.definition, node.id, handle);
      if (next === undefined)
        return { status: 'failed', reason: `output "${handle}" of "${node.id}" leads nowhere` };
      nodeId = next;
    }
    return { status: 'failed', reason: `stopped after ${MAX_STEPS} steps: the path loops without end` };
  }

  private record(node: JourneyNode, visit: number, at: Date, fields: Partial<Step>): void {
    this.steps.push({
      nodeId: node.id,
      nodeType: node.type,
      visit,
      outcome: 'completed',
      branch: null,
      reason: '',
      at: at.toISOString(),
      wakeAt: null,
      message: null,
      assumption: null,
      ...fields,
    });
  }

  /** The output the run would take, or null when the run ends at this node. */
  private async visit(node: JourneyNode, visit: number): Promise<string | null> {
    const at = this.clock;
    const { branches, timing } = this.decide;
    const customerId = this.request.customerId;
    switch (node.type) {
      case 'trigger.event':
      case 'trigger.segment':
      case 'trigger.date': {
        const event = this.request.triggerEvent;
        this.record(node, visit, at, {
          reason: event ? `entered on ${event.type}` : 'entered',
          assumption:
            node.type === 'trigger.event' && !event
              ? `the customer has no ${node.data.event} event: templates see no event`
              : null,
        });
        return 'next';
      }
      case 'wait.delay': {
        const wakeAt = new Date(at.getTime() + parseDuration(node.data.duration));
        this.record(node, visit, at, {
          wakeAt: wakeAt.toISOString(),
          reason: `waited ${describeDuration(node.data.duration)}`,
        });
        this.clock = wakeAt;
        return 'next';
      }
      case 'wait.until': {
        const answer = await timing.resolveWaitUntil({ customerId, ...node.data, now: at.toISOString() });
        if (!answer.wakeAt) {
          this.record(node, visit, at, { outcome: 'skipped', reason: `skipped: ${answer.reason}` });
        } else if (Date.parse(answer.wakeAt) <= at.getTime()) {
          this.record(node, visit, at, {
            wakeAt: answer.wakeAt,
            reason: `${answer.reason}: already past, went on at once`,
          });
        } else {
          this.record(node, visit, at, { wakeAt: answer.wakeAt, reason: `waited ${answer.reason}` });
          this.clock = new Date(answer.wakeAt);
        }
        return 'next';
      }
      case 'wait.event': {
        const timeoutAt = new Date(at.getTime() + parseDuration(node.data.timeout));
        const filter = node.data.filter ? ` where ${describeCondition(node.data.filter)}` : '';
        this.record(node, visit, at, {
          wakeAt: timeoutAt.toISOString(),
          branch: 'timeout',
          reason: `no ${node.data.event} within ${describeDuration(node.data.timeout)}`,
          assumption: `assumes no ${node.data.event} comes: one${filter} before ${timeoutAt.toISOString()} takes 'event' instead`,
        });
        this.clock = timeoutAt;
        return 'timeout';
      }
      case 'branch.condition': {
        const decision = await branches.decideBranch({
          customerId,
          conditions: node.data.conditions,
          eventProperties: this.request.triggerEvent?.properties ?? {},
          now: at.toISOString(),
        });
        this.record(node, visit, at, {
          branch: decision.handle,
          reason: decision.reason,
          assumption:
            at.getTime() > this.startedAt.getTime()
              ? 'decided on the profile and history as they are now; the run decides when it gets here'
              : null,
        });
        return decision.handle;
      }
      case 'branch.split': {
        const bucket = splitBucket(this.seed, node.id, visit);
        const arm = pickArm(node.data.arms, bucket);
        this.record(node, visit, at, {
          branch: arm.id,
          reason: splitReason(arm, bucket, node.data.arms),
          assumption: `a run's arm is drawn from its id; this preview drew from ${this.seed}`,
        });
        return arm.id;
      }
      case 'action.coupon': {
        const { kind, value, prefix, expiresIn } = node.data;
        const expiresAt = expiresIn ? new Date(at.getTime() + parseDuration(expiresIn)).toISOString() : null;
        // A stand-in code: templates show where the real one goes; the run issues a fresh code.
        this.coupon = { code: `${prefix}-PREVIEW`, kind, value, expiresAt };
        this.record(node, visit, at, {
          reason: `would issue a ${kind.replace('_', ' ')} coupon${kind === 'free_shipping' ? '' : ` of ${value}`} (${prefix}-…${expiresAt ? `, expires ${expiresAt}` : ''})`,
          assumption:
            'not issued by the preview: the run creates the code (in the connected store, when there is one)',
        });
        return 'next';
      }
      case 'action.update_profile': {
        const parts = [
          node.data.set ? `set ${Object.keys(node.data.set).join(', ')}` : null,
          node.data.addTags?.length ? `add tags ${node.data.addTags.join(', ')}` : null,
          node.data.removeTags?.length ? `remove tags ${node.data.removeTags.join(', ')}` : null,
          node.data.awardPoints ? `award ${node.data.awardPoints} points` : null,
        ].filter(Boolean);
        this.record(node, visit, at, {
          reason: `would update the profile: ${parts.join('; ') || 'nothing'}`,
          assumption: 'not applied by the preview: later decisions read the profile as it is now',
        });
        return 'next';
      }
      case 'action.webhook':
        this.record(node, visit, at, {
          reason: `would call POST ${node.data.url}`,
          assumption: 'not called by the preview',
        });
        return 'next';
      case 'send.email':
      case 'send.sms':
      case 'send.whatsapp':
        await this.send(node, visit, at);
        return 'next';
      case 'exit':
        this.record(node, visit, at, { reason: 'reached the end of the journey' });
        return null;
    }
  }

  private async send(
    node: NodeOfType<'send.email' | 'send.sms' | 'send.whatsapp'>,
    visit: number,
    at: Date,
  ): Promise<void> {
    const { timing, checks } = this.decide;
    const channel: Channel =
      node.type === 'send.email' ? 'email' : node.type === 'send.sms' ? 'sms' : 'whatsapp';
    const configured = this.definition.settings.quietHours[channel];
    const window =
      configured === undefined
        ? (DEFAULT_QUIET_HOURS as Record<string, { start: string; end: string } | undefined>)[channel]
        : configured;
    let deferred: { until: string; reason: string } | null = null;
    if (window) {
      const quiet = await timing.quietHours({
        customerId: this.request.customerId,
        window,
        now: at.toISOString(),
      });
      if (quiet.until) {
        deferred = { until: quiet.until, reason: `deferred: ${quiet.reason}` };
        this.clock = new Date(quiet.until);
      }
    }
    const base = {
      runId: this.seed,
      nodeId: node.id,
      visit,
      customerId: this.request.customerId,
      category: node.data.category,
      context: { event: this.request.triggerEvent, coupon: this.coupon },
      frequencyCap: this.definition.settings.frequencyCap,
      now: this.clock.toISOString(),
    };
    const shown: { message: PreviewMessage | null } = { message: null };
    const would = (ready: ReadyEmail | ReadySms | ReadyWhatsapp, on: Channel): SendOutcome => {
      shown.message = previewMessage(ready, on);
      return { messageId: null, status: 'sent', reason: `would send ${describeSend(shown.message)}` };
    };
    let result: SendOutcome;
    if (node.type === 'send.email') {
      const ready = await checks.email(
        { ...base, template: node.data.template, from: node.data.from },
        this.pins,
      );
      result = 'outcome' in ready ? ready.outcome : would(ready, 'email');
    } else if (node.type === 'send.sms') {
      const ready = await checks.sms({ ...base, template: node.data.template }, this.pins);
      result = 'outcome' in ready ? ready.outcome : would(ready, 'sms');
    } else {
      const input = {
        ...base,
        template: node.data.template,
        contentSid: node.data.contentSid,
        contentVariables: node.data.contentVariables,
      };
      result = await checks.whatsappWithFallbacks(input, this.pins, {
        whatsapp: async () => {
          const ready = await checks.whatsapp(input, this.pins);
          return 'outcome' in ready ? ready.outcome : would(ready, 'whatsapp');
        },
        sms: async (template) => {
          const ready = await checks.sms({ ...input, template }, this.pins);
          return 'outcome' in ready ? ready.outcome : would(ready, 'sms');
        },
        email: async (template) => {
          const ready = await checks.email({ ...input, template }, this.pins);
          return 'outcome' in ready ? ready.outcome : would(ready, 'email');
        },
      });
    }
    const outcome =
      result.status === 'skipped' ? 'skipped' : result.status === 'failed' ? 'failed' : 'completed';
    this.record(node, visit, at, {
      outcome,
      reason: deferred ? `${result.reason} (${deferred.reason})` : result.reason,
      wakeAt: deferred?.until ?? null,
      message: outcome === 'completed' ? shown.message : null,
      assumption:
        outcome === 'completed' ? 'links are shown as written; the run sends them as tracked links' : null,
    });
  }
}

function previewMessage(ready: ReadyEmail | ReadySms | ReadyWhatsapp, channel: Channel): PreviewMessage {
  if ('body' in ready)
    return { channel, to: ready.customer.phone ?? '', subject: null, text: ready.body, html: null };
  if ('why' in ready) {
    const m = ready.message;
    return {
      channel,
      to: m.to,
      subject: null,
      text:
        m.kind === 'session'
          ? m.body
          : `approved template ${m.contentSid}: ${JSON.stringify(m.contentVariables)}`,
      html: null,
    };
  }
  const m = ready.message;
  return { channel, to: m.to, subject: m.subject, text: m.text ?? plainTextOf(m.html), html: m.html };
}

function describeSend(message: PreviewMessage): string {
  const what = message.channel === 'email' ? 'email' : message.channel === 'sms' ? 'SMS' : 'WhatsApp';
  return `${what} to ${message.to}`;
}

/** "2026-12-07 08:00 Europe/Istanbul" */
export function localTime(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} ${timeZone}`;
}
