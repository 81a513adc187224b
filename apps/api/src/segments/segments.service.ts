/**
 * Segments (saved conditions): their live count and value (CLTV), creation, members. The presets
 * (docs/product.md, "Segments") are created on first start.
 */
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { CreateSegment, Segment, SegmentMember } from '@waypoint/contract';
import { ensureSegmentPresets, segmentMembers, segmentValue } from '@waypoint/customer-value';
import { Database, findSegment, insertSegment, listSegments, type SegmentRow } from '@waypoint/data';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

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
    const result: Segment[] = [];
    for (const row of await listSegments(this.db.query))
      result.push({ ...row, ...(await segmentValue(this.db.query, row.condition, now)) });
    return result;
  }

  async get(idOrKey: string): Promise<Segment> {
    const row = await this.find(idOrKey);
    return { ...row, ...(await segmentValue(this.db.query, row.condition, new Date())) };
  }

  async create(input: CreateSegment, by: Principal | undefined): Promise<Segment> {
    // Compile once before saving: a condition that cannot be evaluated is refused now.
    const value = await segmentValue(this.db.query, input.condition, new Date()).catch((error: Error) => {
      throw ApiError.badRequest('invalid_condition', `The condition cannot be evaluated: ${error.message}`);
    });
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
    return { ...row, ...value };
  }

  async members(idOrKey: string, limit: number, offset: number): Promise<SegmentMember[]> {
    const row = await this.find(idOrKey);
    return (await segmentMembers(this.db.query, row.condition, new Date(), limit, offset)) as SegmentMember[];
  }

  private async find(idOrKey: string): Promise<SegmentRow> {
    const row = await findSegment(this.db.query, idOrKey);
    if (!row) throw ApiError.notFound('Segment', idOrKey);
    return row;
  }
}
