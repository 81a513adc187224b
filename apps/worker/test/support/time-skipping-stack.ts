/**
 * The harness every time-skipping workflow test file shares: Temporal's time-skipping test server
 * (the existing binary tools/devstack fetched), the worker's real activities from a Nest
 * application context of WorkerModule, and a database of the file's own cloned from the test
 * run's migrated one. Providers run in sandbox mode (no SendGrid or Twilio credentials), so every
 * message lands in `messages` with status `sandboxed`.
 *
 * Call `useTimeSkippingStack()` once at the top of a test file: it registers the beforeAll and
 * afterAll hooks and returns an object whose fields are filled in before the first test.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { TestDatabase } from '@waypoint/testing';
import { Client } from 'pg';
import { journeyActivities } from '../../src/journey-activities.factory';
import { JourneyWorkers } from '../../src/journey-workers';
import { WorkerModule } from '../../src/worker.module';
import { WORKFLOW_BUNDLE } from './histories';

Runtime.install({ logger: new DefaultLogger('WARN') });

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  app: INestApplicationContext;
  /** A direct connection to this file's database, for seeding and for reading what was stored. */
  db: Client;
  taskQueue: string;
  /**
   * The workers with the real activities (the journeys queue and the send queues, unpaced: time
   * skipping is about the workflow's logic); run them with `runUntil` around what the test awaits.
   */
  worker(): Promise<JourneyWorkers>;
  /**
   * The time-skipping server's clock: the workflows' "now". It starts at the real current time but
   * moves on as tests skip time, and it can leap about ten years ahead while a test awaits a
   * result (observed with the Java test server after an execution completes), so tests read it
   * before seeding anything time-dependent and assert on times relative to what the run recorded.
   */
  now(): Promise<Date>;
}

export function useTimeSkippingStack(): TimeSkippingStack {
  const stack = {} as TimeSkippingStack;
  const database = new TestDatabase();

  beforeAll(async () => {
    const path = process.env.TEMPORAL_TEST_SERVER_PATH;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test`');
    await database.create();
    process.env.DATABASE_URL = database.url;
    process.env.TEMPORAL_ADDRESS ??= '127.0.0.1:7233';
    process.env.APP_SECRET = 'time-skipping-secret-time-skipping-secret';
    // Sandbox providers: whatever the caller's environment holds, nothing leaves the machine.
    process.env.SENDGRID_API_KEY = '';
    process.env.TWILIO_ACCOUNT_SID = '';
    process.env.TWILIO_AUTH_TOKEN = '';
    process.env.STORE_TIMEZONE = 'UTC';
    process.env.STORE_NAME = 'Waypoint Store';
    process.env.STORE_URL = 'https://store.example.com';
    delete process.env.TEMPLATES_DIR;

    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['warn', 'error'] });
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const taskQueue = `time-skipping-${randomUUID()}`;
    Object.assign(stack, {
      env,
      app,
      db,
      taskQueue,
      worker: () =>
        JourneyWorkers.create({
          connection: env.nativeConnection,
          taskQueue,
          workflowBundle: { codePath: WORKFLOW_BUNDLE },
          activities: journeyActivities(app),
        }),
      now: async () => new Date(await env.currentTimeMs()),
    } satisfies TimeSkippingStack);
  });

  afterAll(async () => {
    await stack.db?.end();
    await stack.app?.close();
    await stack.env?.teardown();
    await database.drop();
  });

  return stack;
}
