/**
 * Test profiles and test runs (docs/product.md, "Test runs"). A person's test profile is a
 * customer marked `test` with their own email and phone (and consent on every channel); a test
 * run is a real run of the journey's draft (frozen as a negative-numbered snapshot) or of a
 * published version, for the person's own test profile only, marked `test`, with its waits
 * shortened (in its plan, see workflows/src/journey-run.workflow.ts) and a sample trigger event.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { sampleTemplateContext } from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { StartTestRun, TestProfile, TestRun, TestRunDetail } from '@waypoint/contract';
import {
  customerExists,
  Database,
  findJourneyForUpdate,
  findTestProfile,
  findTestRun,
  findUserPhone,
  insertTestRun,
  insertTestSnapshot,
  listTestProfiles,
  publishedVersionDefinition,
  recordConsent,
  upsertTestProfile,
  type Query,
  type TestProfileRow,
} from '@waypoint/data';
import {
  CHANNELS,
  DEFAULT_TEST_WAITS,
  readPath,
  runWorkflowId,
  triggerOf,
  validateJourney,
  type JourneyDefinition,
} from '@waypoint/journey';
import { journeyRunV3, SUPPORTED_NODE_TYPES } from '@waypoint/workflows';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { CUSTOMER_ID, JOURNEY_ID } from '../events/event-router.service';
import { RunsService } from '../runs/runs.service';

/** The consent history's source for a test profile's consent (the person asked for it). */
const TEST_PROFILE_SOURCE = 'test_profile';

type Person = Extract<Principal, { kind: 'user' }>;

@Injectable()
export class TestRunsService {
  constructor(
    private readonly db: Database,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
    private readonly runs: RunsService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async profiles(by: Principal): Promise<TestProfile[]> {
    const person = personOf(by);
    return (await listTestProfiles(this.db.query)).map((row) => presentProfile(row, person));
  }

  /** Makes the person's own test profile, or brings it up to date with their email and phone. */
  async makeProfile(by: Principal): Promise<TestProfile> {
    const person = personOf(by);
    const id = await this.db.transaction((query) => this.upsertProfile(query, person));
    const row = await findTestProfile(this.db.query, id);
    return presentProfile(row!, person);
  }

  async start(journeyId: string, input: StartTestRun, by: Principal): Promise<TestRun> {
    const person = personOf(by);
    const waits = input.waits ?? DEFAULT_TEST_WAITS;
    const started = await this.db.transaction(async (query) => {
      const journey = await findJourneyForUpdate(query, journeyId);
      if (!journey) throw ApiError.notFound('Journey', journeyId);
      if (journey.status === 'archived')
        throw ApiError.conflict('journey_archived', `Journey ${journeyId} is archived`);
      const customerId = input.customerId ?? (await this.upsertProfile(query, person));
      await this.checkOwnProfile(query, customerId, person);
      const { version, definition, source } = await this.pinned(
        query,
        journeyId,
        journey.draft,
        input.version,
      );
      const triggerEvent = sampleTriggerEvent(definition);
      const trigger = triggerOf(definition);
      const entryKey =
        trigger?.type === 'trigger.event' && trigger.data.keyPath && triggerEvent
          ? String(readPath(triggerEvent.properties, trigger.data.keyPath) ?? '')
          : '';
      const runId = await insertTestRun(query, {
        journeyId,
        version,
        customerId,
        entryKey,
        startedBy: person.userId,
        source,
        waits,
        triggerEvent,
      });
      await this.audit.record(
        by,
        {
          action: 'journey.test_run',
          targetType: 'journey',
          targetId: journeyId,
          detail: { runId, customerId, version, source, waits },
        },
        query,
      );
      return { id: runId, journeyId, version, source, customerId, waits, test: true as const };
    });
    // After the commit, as the router does: the workflow loads its plan from the rows.
    await this.temporal.workflow.start(journeyRunV3, {
      workflowId: runWorkflowId(started.id),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [{ runId: started.id }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: CUSTOMER_ID, value: started.customerId },
        { key: JOURNEY_ID, value: journeyId },
      ],
    });
    return started;
  }

  async get(runId: string): Promise<TestRunDetail> {
    const row = await findTestRun(this.db.query, runId);
    if (!row) throw ApiError.notFound('Test run', runId);
    return {
      id: row.id,
      journeyId: row.journeyId,
      version: row.version,
      source: row.source,
      customerId: row.customerId,
      waits: row.waits,
      test: true,
      startedAt: row.startedAt.toISOString(),
      startedBy: { id: row.startedById, name: row.startedByName },
      definition: row.definition,
      run: await this.runs.get(runId),
    };
  }

  private async upsertProfile(query: Query, person: Person): Promise<string> {
    const phone = await findUserPhone(query, person.userId);
    const id = await upsertTestProfile(query, { ...person, phone });
    // The person asked to receive their own tests: consent on every channel they can be reached on.
    for (const channel of CHANNELS) {
      if (channel === 'email' || phone)
        await recordConsent(query, id, channel, 'opted_in', TEST_PROFILE_SOURCE);
    }
    return id;
  }

  /** Only a test profile, and only the person's own: a test run sends to nobody else. */
  private async checkOwnProfile(query: Query, customerId: string, person: Person): Promise<void> {
    const profile = await findTestProfile(query, customerId);
    if (!profile) {
      if (!(await customerExists(query, customerId))) throw ApiError.notFound('Customer', customerId);
      throw ApiError.unprocessable(
        'not_a_test_profile',
        `customerId: customer ${customerId} is not a test profile; a test run only uses test profiles (POST /v1/test-profiles makes yours)`,
      );
    }
    if (profile.userId !== person.userId) {
      throw ApiError.unprocessable(
        'not_your_test_profile',
        `customerId: test profile ${customerId} is not yours; a test run sends only to your own address and phone`,
      );
    }
  }

  /** The version the run pins: a published one, or the draft frozen as a new test snapshot. */
  private async pinned(
    query: Query,
    journeyId: string,
    draft: unknown,
    version: number | undefined,
  ): Promise<{ version: number; definition: JourneyDefinition; source: 'draft' | 'version' }> {
    if (version !== undefined) {
      const definition = await publishedVersionDefinition(query, journeyId, version);
      if (!definition)
        throw ApiError.unprocessable(
          'unknown_version',
          `version: journey ${journeyId} has no version ${version}`,
        );
      return { version, definition, source: 'version' };
    }
    const result = validateJourney(draft);
    const unsupported = (result.definition?.nodes ?? []).filter(
      (n) => !SUPPORTED_NODE_TYPES.includes(n.type),
    );
    const problems = [
      ...result.problems,
      ...unsupported.map((node) => ({
        nodeId: node.id,
        code: 'unsupported_node',
        message: `This engine version cannot run "${node.type}" nodes yet`,
      })),
    ];
    if (problems.length > 0 || !result.definition) {
      const count = problems.length;
      throw ApiError.unprocessable(
        'journey_invalid',
        `The draft cannot run: ${count} problem${count === 1 ? '' : 's'}`,
        { problems },
      );
    }
    return {
      version: await insertTestSnapshot(query, journeyId, result.definition),
      definition: result.definition,
      source: 'draft',
    };
  }
}

function personOf(by: Principal): Person {
  if (by.kind !== 'user')
    throw ApiError.forbidden('session_required', 'A test run sends to a person: sign in to start one');
  return by;
}

function presentProfile(row: TestProfileRow, person: Person): TestProfile {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
    firstName: row.firstName,
    person: row.userId ? { id: row.userId, name: row.personName ?? '' } : null,
    mine: row.userId === person.userId,
    test: true,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The trigger event a test run's templates see: for an event trigger, an event of that type with
 * the sample data's properties (a cart, an order); other triggers have none.
 */
function sampleTriggerEvent(
  definition: JourneyDefinition,
): { type: string; properties: Record<string, unknown> } | null {
  const trigger = triggerOf(definition);
  if (trigger?.type !== 'trigger.event') return null;
  const sample = sampleTemplateContext().event as { properties: Record<string, unknown> };
  return { type: trigger.data.event, properties: sample.properties };
}
