/**
 * Segments (saved conditions): their live count and value (CLTV, AOV, recent revenue), the
 * journeys they trigger, creation and editing, members (paged, searchable) and their CSV export.
 * The presets (docs/product.md, "Segments") are created on first start.
 */
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  SEGMENT_REVENUE_DAYS,
  type CreateSegment,
  type Segment,
  type SegmentJourney,
  type SegmentMember,
  type UpdateSegment,
} from '@waypoint/contract';
import {
  ensureSegmentPresets,
  segmentMemberBatches,
  segmentMembers,
  segmentValue,
  type SegmentValue,
} from '@waypoint/customer-value';
import {
  Database,
  findSegment,
  insertSegment,
  listSegments,
  segmentTriggers,
  updateSegment,
  type SegmentRow,
} from '@waypoint/data';
import type { Condition, JourneyStatus, LifecycleStage } from '@waypoint/journey';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { csvLine } from './csv';

/** The CSV export's columns, in order (the header row). */
export const MEMBER_CSV_COLUMNS = [
  'id',
  'externalId',
  'email',
  'phone',
  'firstName',
  'lastName',
  'lifecycleStage',
  'ordersCount',
  'totalSpent',
  'lastOrderAt',
] as const;

@Injectable()
export class SegmentsService implements OnApplicationBootstrap {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureSegmentPresets(this.db.query);
  }

  async list(): Promise<Segment[]> {
    const now = new Date();
    const journeys = await this.journeysBySegment();
    const result: Segment[] = [];
    for (const row of await listSegments(this.db.query))
      result.push(this.answer(row, await this.value(row.condition, now), journeys));
    return result;
  }

  async get(idOrKey: string): Promise<Segment> {
    const row = await this.find(idOrKey);
    return this.answer(row, await this.value(row.condition, new Date()), await this.journeysBySegment());
  }

  async create(input: CreateSegment, by: Principal | undefined): Promise<Segment> {
    // Compile once before saving: a condition that cannot be evaluated is refused now.
    const value = await this.checkedValue(input.condition);
    const row = await insertSegment(this.db.query, {
      name: input.name,
      description: input.description ?? null,
      condition: input.condition,
    });
    await this.audit.record(by, {
      action: 'segment.create',
      targetType: 'segment',
      targetId: row.id,
      detail: { name: input.name },
    });
    return this.answer(row, value, await this.journeysBySegment());
  }

  async update(idOrKey: string, change: UpdateSegment, by: Principal | undefined): Promise<Segment> {
    const current = await this.find(idOrKey);
    const value = await this.checkedValue(change.condition ?? current.condition);
    const row = await updateSegment(this.db.query, current.id, change);
    if (!row) throw ApiError.notFound('Segment', idOrKey);
    await this.audit.record(by, {
      action: 'segment.update',
      targetType: 'segment',
      targetId: row.id,
      detail: { changed: Object.keys(change) },
    });
    return this.answer(row, value, await this.journeysBySegment());
  }

  async members(idOrKey: string, limit: number, offset: number, q?: string): Promise<SegmentMember[]> {
    const row = await this.find(idOrKey);
    const rows = await segmentMembers(this.db.query, row.condition, new Date(), limit, offset, q);
    return rows.map((r) => ({ ...r, lifecycleStage: r.lifecycleStage as LifecycleStage }));
  }

  /** The segment (404 before anything is written) and a file name for its export. */
  async exportable(idOrKey: string): Promise<{ fileName: string; condition: Condition }> {
    const row = await this.find(idOrKey);
    const base = (row.key ?? row.name).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'segment';
    return { fileName: `${base}-members.csv`, condition: row.condition };
  }

  /** The CSV, a header row then one batch of members at a time as PostgreSQL answers it. */
  async *membersCsv(condition: Condition): AsyncGenerator<string> {
    yield csvLine(MEMBER_CSV_COLUMNS);
    for await (const batch of segmentMemberBatches(this.db.query, condition, new Date())) {
      let chunk = '';
      for (const member of batch) chunk += csvLine(MEMBER_CSV_COLUMNS.map((column) => member[column]));
      yield chunk;
    }
  }

  private async value(condition: Condition, asOf: Date): Promise<SegmentValue> {
    return segmentValue(this.db.query, condition, asOf, SEGMENT_REVENUE_DAYS);
  }

  private checkedValue(condition: Condition): Promise<SegmentValue> {
    return this.value(condition, new Date()).catch((error: Error) => {
      throw ApiError.badRequest('invalid_condition', `The condition cannot be evaluated: ${error.message}`);
    });
  }

  /** Journeys by the segment reference (id or key) their trigger names. */
  private async journeysBySegment(): Promise<Map<string, SegmentJourney[]>> {
    const byRef = new Map<string, SegmentJourney[]>();
    for (const t of await segmentTriggers(this.db.query)) {
      const list = byRef.get(t.segmentRef) ?? [];
      list.push({ id: t.journeyId, name: t.name, status: t.status as JourneyStatus });
      byRef.set(t.segmentRef, list);
    }
    return byRef;
  }

  private answer(row: SegmentRow, value: SegmentValue, journeys: Map<string, SegmentJourney[]>): Segment {
    const named = [...(journeys.get(row.id) ?? []), ...(row.key ? (journeys.get(row.key) ?? []) : [])];
    const unique = [...new Map(named.map((j) => [j.id, j])).values()];
    return { ...row, journeys: unique, ...value };
  }

  private async find(idOrKey: string): Promise<SegmentRow> {
    const row = await findSegment(this.db.query, idOrKey);
    if (!row) throw ApiError.notFound('Segment', idOrKey);
    return row;
  }
}
