/**
 * The Temporal Workers of one worker process: one on the journeys task queue (the workflows and
 * every activity, sends included for runs recorded before pacing) and one per channel on that
 * channel's send queue (send-lanes.ts in workflows/), running only the channel's send activity
 * with the channel's rate set on the queue. Temporal enforces that rate for the queue as a whole,
 * whichever workers and replicas poll it; transactional sends are dispatched first by priority.
 */
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Environment } from '@waypoint/config';
import { CHANNELS, type Channel } from '@waypoint/journey';
import { type JourneyActivities, SEND_ACTIVITY, sendTaskQueue } from '@waypoint/workflows';

/** Sends per second per channel. */
export type SendRates = Record<Channel, number>;

export function sendRatesOf(env: Environment): SendRates {
  return {
    email: env.SEND_RATE_EMAIL_PER_SECOND,
    sms: env.SEND_RATE_SMS_PER_SECOND,
    whatsapp: env.SEND_RATE_WHATSAPP_PER_SECOND,
  };
}

export interface JourneyWorkersOptions {
  connection: NativeConnection;
  namespace?: string;
  /** The journeys task queue; the send queues are named after it. */
  taskQueue: string;
  workflowBundle: WorkerOptions['workflowBundle'];
  /** Every activity the journeys queue runs (the journey run's, and others such as imports). */
  activities: JourneyActivities & object;
  /** The channels' rates; without them the send queues are not paced (time-skipping tests). */
  sendRates?: SendRates;
  maxCachedWorkflows?: number;
}

export class JourneyWorkers {
  private constructor(
    private readonly workers: readonly Worker[],
    /** One line per queue for the start-up log. */
    readonly queues: readonly string[],
  ) {}

  static async create(options: JourneyWorkersOptions): Promise<JourneyWorkers> {
    const { connection, namespace, taskQueue, activities, sendRates } = options;
    const journeys = await Worker.create({
      connection,
      namespace,
      taskQueue,
      workflowBundle: options.workflowBundle,
      activities,
      maxCachedWorkflows: options.maxCachedWorkflows,
    });
    const lanes = await Promise.all(
      CHANNELS.map((channel) => {
        const name = SEND_ACTIVITY[channel];
        return Worker.create({
          connection,
          namespace,
          taskQueue: sendTaskQueue(taskQueue, channel),
          activities: { [name]: activities[name] },
          // Sent with every poll and kept by the server for the queue: the limit holds across all
          // workers of the queue together (each replica must be given the same value).
          maxTaskQueueActivitiesPerSecond: sendRates?.[channel],
        });
      }),
    );
    const queues = [
      taskQueue,
      ...CHANNELS.map(
        (channel) =>
          `${sendTaskQueue(taskQueue, channel)} (${sendRates ? `${sendRates[channel]}/s` : 'not paced'})`,
      ),
    ];
    return new JourneyWorkers([journeys, ...lanes], queues);
  }

  /** Runs every worker until all have stopped; one failing stops the others, then its error is thrown. */
  async run(): Promise<void> {
    const results = await Promise.allSettled(
      this.workers.map((worker) =>
        worker.run().catch((error: unknown) => {
          this.shutdown();
          throw error;
        }),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Runs the workers until `until` settles (as Worker.runUntil does for one), then stops them. */
  async runUntil<T>(until: Promise<T> | (() => Promise<T>)): Promise<T> {
    const running = this.run();
    const settled = (typeof until === 'function' ? until() : until).then(
      (value) => ({ ok: true as const, value }),
      (reason: unknown) => ({ ok: false as const, reason }),
    );
    const first = await Promise.race([
      settled,
      running.then(
        () => null,
        () => null,
      ),
    ]);
    this.shutdown();
    await running;
    if (!first) throw new Error('the workers stopped before the awaited work settled');
    if (!first.ok) throw first.reason;
    return first.value;
  }

  /** Begins a graceful stop of every worker still running (in-flight tasks finish). */
  shutdown(): void {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  }
}
