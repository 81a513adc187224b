/**
 * Segments (saved conditions): list with live counts and CLTV, create, read, members. The named
 * segments of DOMAIN.md ship as presets, created on first start.
 */
import { Body, Controller, Get, Param, Post, Query, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ensureSegmentPresets, segmentMembers, segmentValue } from '@waypoint/customer-value';
import { conditionSchema, type Condition } from '@waypoint/journey';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { parseInput } from '../errors/parse-body';
import { isUuid } from '../journeys/journeys.service';
import { Roles } from '../auth/access.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';

const createSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(1000).optional(),
    condition: conditionSchema,
  })
  .strict();
const membersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

interface SegmentRow {
  id: string;
  key: string | null;
  name: string;
  description: string | null;
  condition: Condition;
}

@Controller('v1/segments')
@Roles('marketer')
export class SegmentsController implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  private readonly query = (sql: string, params: unknown[]) => this.db.query(sql, params);

  async onApplicationBootstrap(): Promise<void> {
    await ensureSegmentPresets(this.query);
  }

  @Get()
  async list() {
    const rows: SegmentRow[] = await this.db.query(
      `SELECT id, key, name, description, condition FROM segments ORDER BY created_at, name`,
    );
    const now = new Date();
    const data = [];
    for (const row of rows) data.push({ ...row, ...(await segmentValue(this.query, row.condition, now)) });
    return { data };
  }

  @Post()
  async create(@Body() body: unknown, @CurrentPrincipal() by: Principal) {
    const input = parseInput(createSchema, body);
    // Compile once before saving: a condition that cannot be evaluated is refused now.
    const value = await segmentValue(this.query, input.condition, new Date()).catch((error: Error) => {
      throw ApiError.badRequest('invalid_condition', `The condition cannot be evaluated: ${error.message}`);
    });
    const [row]: SegmentRow[] = await this.db.query(
      `INSERT INTO segments (name, description, condition) VALUES ($1, $2, $3) RETURNING id, key, name, description, condition`,
      [input.name, input.description ?? null, JSON.stringify(input.condition)],
    );
    await this.audit.record(by, {
      action: 'segment.create',
      targetType: 'segment',
      targetId: row.id,
      detail: { name: input.name },
    });
    return { data: { ...row, ...value } };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const row = await this.find(id);
    return { data: { ...row, ...(await segmentValue(this.query, row.condition, new Date())) } };
  }

  @Get(':id/members')
  async members(@Param('id') id: string, @Query() raw: unknown) {
    const { limit, offset } = parseInput(membersQuery, raw, 'query');
    const row = await this.find(id);
    return { data: await segmentMembers(this.query, row.condition, new Date(), limit, offset) };
  }

  private async find(id: string): Promise<SegmentRow> {
    const rows: SegmentRow[] = await this.db.query(
      `SELECT id, key, name, description, condition FROM segments WHERE ${isUuid(id) ? 'id = $1::uuid' : 'key = $1'}`,
      [id],
    );
    if (!rows[0]) throw ApiError.notFound('Segment', id);
    return rows[0];
  }
}
