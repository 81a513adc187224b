/**
 * Preview for a customer (docs/product.md, "Preview"): finds what to preview (the draft, parsed as
 * publishing parses it, or a published version), who (a customer) and on which trigger event, then
 * hands the walk to libs/run-decisions' JourneyPreviewer, which asks the run's own decisions.
 * Read-only: nothing here writes.
 */
import { Injectable } from '@nestjs/common';
import type { JourneyPreview, JourneyPreviewBody } from '@waypoint/contract';
import { StoreProfileReader } from '@waypoint/customer-value';
import {
  Database,
  findCustomerIdByRef,
  findJourney,
  findJourneyVersionDefinition,
  latestEventOfType,
  recentCustomers,
  searchCustomers,
  type CustomerSummaryRow,
} from '@waypoint/data';
import { journeyDefinitionSchema, triggerOf, type JourneyDefinition, type RunEvent } from '@waypoint/journey';
import { JourneyPreviewer } from '@waypoint/run-decisions';
import { searchedPhone } from '../customers/customer-profiles.service';
import { ApiError } from '../errors/api-error';

@Injectable()
export class JourneyPreviewService {
  constructor(
    private readonly db: Database,
    private readonly previewer: JourneyPreviewer,
    private readonly profiles: StoreProfileReader,
  ) {}

  async preview(journeyId: string, body: JourneyPreviewBody): Promise<JourneyPreview> {
    const definition = await this.definitionOf(journeyId, body.version ?? null);
    const customerId = await findCustomerIdByRef(this.db.query, body.customerId);
    if (!customerId) throw ApiError.notFound('Customer', body.customerId);
    const trigger = triggerOf(definition);
    let triggerEvent: RunEvent | null = null;
    if (body.event) {
      triggerEvent = {
        id: 'preview',
        type: body.event.type,
        properties: body.event.properties,
        occurredAt: new Date().toISOString(),
      };
    } else if (trigger?.type === 'trigger.event') {
      triggerEvent = await latestEventOfType(this.db.query, customerId, trigger.data.event);
    }
    return this.previewer.preview({
      journeyId,
      version: body.version ?? null,
      definition,
      customerId,
      triggerEvent,
      eventGiven: body.event !== undefined,
      splitSeed: body.splitSeed,
    });
  }

  /** Customers to preview for: those matching `q`, or (without it) a few to start from. */
  async customers(q: string | undefined, limit: number): Promise<CustomerSummaryRow[]> {
    if (!q) return recentCustomers(this.db.query, limit);
    return searchCustomers(
      this.db.query,
      q,
      searchedPhone(q, (await this.profiles.current()).country),
      limit,
    );
  }

  private async definitionOf(journeyId: string, version: number | null): Promise<JourneyDefinition> {
    const journey = await findJourney(this.db.query, journeyId);
    if (!journey) throw ApiError.notFound('Journey', journeyId);
    if (version !== null) {
      const definition = await findJourneyVersionDefinition(this.db.query, journeyId, version);
      if (!definition) throw ApiError.notFound(`Version ${version} of journey`, journeyId);
      return definition;
    }
    const parsed = journeyDefinitionSchema.safeParse(journey.draft);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw ApiError.unprocessable(
        'invalid_journey',
        `The draft is not a complete journey yet (${first.path.join('.') || 'definition'}: ${first.message}); finish it or preview a published version`,
      );
    }
    return parsed.data;
  }
}
