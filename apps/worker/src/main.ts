/**
 * The Temporal worker: a NestJS application context (no HTTP) whose services are the
 * activities, polling the journeys task queue with the workflow bundle built ahead of time, and
 * each channel's paced send queue.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NativeConnection } from '@temporalio/worker';
import {
  ConfigurationError,
  ENVIRONMENT,
  loadEnvironment,
  temporalConnectionOptions,
  type Environment,
} from '@waypoint/config';
import { StoreProfileReader } from '@waypoint/customer-value';
import { WORKFLOW_BUNDLE_PATH } from './bundle-workflows';
import { ensureDailySchedule } from './daily-schedule';
import { journeyActivities, lifecycleActivities, storeImportActivities } from './journey-activities.factory';
import { JourneyWorkers, sendRatesOf } from './journey-workers';
import { ConsentWritebacks } from './store-sync/consent-writebacks.service';
import { JourneyResultsRollup } from './results/journey-results-rollup.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadEnvironment();
  if (!existsSync(WORKFLOW_BUNDLE_PATH)) {
    throw new ConfigurationError(`${WORKFLOW_BUNDLE_PATH} is missing: run \`npm run build\` first`);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['log', 'warn', 'error'] });
  const env = app.get<Environment>(ENVIRONMENT);
  const connection = await NativeConnection.connect(temporalConnectionOptions(env));
  // The journeys queue, plus one paced queue per channel for the sends (journey-workers.ts).
  const workers = await JourneyWorkers.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    activities: { ...journeyActivities(app), ...lifecycleActivities(app), ...storeImportActivities(app) },
    sendRates: sendRatesOf(env),
    // Waiting runs cost no CPU but a cached one holds its workflow state: a fixed cache keeps
    // memory flat with 20,000 waiting, and a run woken after eviction replays a short history.
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
  });
  const logger = new Logger('Worker');
  const { timeZone } = await app.get(StoreProfileReader).current();
  logger.log(`daily lifecycle schedule: ${await ensureDailySchedule(env, timeZone)}`);
  // Consent changes taken by the engine, written back to the connected store beside the runs.
  const writebacks = app.get(ConsentWritebacks);
  // The journey results rollup, advanced from its watermark (docs/architecture.md, "Journey results").
  const rollup = app.get(JourneyResultsRollup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: finishing in-flight tasks, then stopping`);
      workers.shutdown();
      void writebacks.stop();
      void rollup.stop();
    });
  }
  logger.log(`polling task queue "${env.TEMPORAL_TASK_QUEUE}" on ${env.TEMPORAL_ADDRESS}`);
  logger.log(`send queues: ${workers.queues.slice(1).join(', ')}`);
  writebacks.start();
  rollup.start();
  await workers.run();
  await writebacks.stop();
  await rollup.stop();
  await connection.close();
  await app.close();
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
