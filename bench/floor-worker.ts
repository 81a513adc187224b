/**
 * The floor's worker (bench only, a process of its own so its CPU is counted apart): polls its own
 * task queue on the bench's Temporal server with bench/floor-workflow.ts and activities that do no
 * database work. `sendEmail` posts to the SendGrid stub with `@sendgrid/mail`, as the engine does.
 * Each finished run's time (its `finishRun`, as the engine's `runs.finished_at`) is printed in
 * batches on stdout (`finished <ms> <ms> …`) for the benchmark to read.
 * A second Worker polls FLOOR_SEND_QUEUE for the paced floor's sends, with the rate the engine's
 * email queue gets (FLOOR_SEND_RATE, SEND_RATE_EMAIL_PER_SECOND's default), as apps/worker does.
 * Environment: TEMPORAL_ADDRESS, FLOOR_TASK_QUEUE, FLOOR_SEND_QUEUE, FLOOR_SEND_RATE,
 * SENDGRID_API_KEY, SENDGRID_API_URL.
 */
import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { FloorActivities } from './floor-workflow';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const client = new Client();
  client.setApiKey(required('SENDGRID_API_KEY'));
  client.setDefaultRequest('baseUrl', required('SENDGRID_API_URL'));
  const mail = new MailService();
  mail.setClient(client);
  mail.setTimeout(15_000);

  let finished: number[] = [];
  const flush = setInterval(() => {
    if (finished.length === 0) return;
    process.stdout.write(`finished ${finished.join(' ')}\n`);
    finished = [];
  }, 200);

  const activities: FloorActivities = {
    loadRunPlan: async (runId) => ({ runId, email: `${runId}@example.com` }),
    recordStep: async () => {},
    issueCoupon: async ({ runId }) => ({ code: `FLOOR-${runId.slice(-6)}` }),
    finishRun: async () => void finished.push(Date.now()),
    sendEmail: async ({ to, coupon }) => {
      const [response] = await mail.send({
        to,
        from: 'shop@example.com',
        subject: 'Welcome',
        html: `<p>Welcome! Your code: ${coupon}</p>`,
        text: `Welcome! Your code: ${coupon}`,
      });
      const id = response.headers['x-message-id'];
      return { messageId: typeof id === 'string' ? id : null };
    },
  };

  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./floor-workflow'),
    logger: { info() {}, warn: console.warn, error: console.error, debug() {}, trace() {}, log() {} },
  });
  const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
  const taskQueue = required('FLOOR_TASK_QUEUE');
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { code },
    activities,
    // The journey worker's cache (WORKER_MAX_CACHED_WORKFLOWS' default): the same bound on both.
    maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 1000),
  });
  const sendLane = await Worker.create({
    connection,
    taskQueue: required('FLOOR_SEND_QUEUE'),
    activities: { sendEmail: activities.sendEmail },
    maxTaskQueueActivitiesPerSecond: Number(process.env.FLOOR_SEND_RATE ?? 500),
  });
  const workers = [worker, sendLane];
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => workers.forEach((w) => w.shutdown()));
  console.log(`floor worker polling task queue "${taskQueue}"`);
  await Promise.all(workers.map((w) => w.run()));
  clearInterval(flush);
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
