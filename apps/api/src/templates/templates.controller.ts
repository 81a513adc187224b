/**
 * Templates: list, read, save (rendered against sample data first: a template that fails to render
 * is refused with 422 and not saved), and preview for a chosen customer or sample data. Saved
 * templates live in the database and override the shipped files of the same channel and name.
 */
import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  parseTemplate,
  sampleTemplateContext,
  smsSegments,
  TemplateCatalog,
  type TemplateChannel,
} from '@waypoint/channels';
import { loadSavedTemplates } from '@waypoint/data';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { parseInput } from '../errors/parse-body';
import { isUuid } from '../journeys/journeys.service';
import { Roles } from '../auth/access.decorators';
import { AuditLog } from '../audit/audit-log.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';

const channelSchema = z.enum(['email', 'sms', 'whatsapp']);
const saveSchema = z.object({ source: z.string().min(1).max(200_000) }).strict();
const previewSchema = z
  .object({
    channel: channelSchema,
    name: z.string().optional(),
    source: z.string().max(200_000).optional(),
    customerId: z.string().optional(),
  })
  .strict()
  .refine((p) => p.name || p.source, 'give a template name or a source');

@Controller('v1/templates')
@Roles('marketer')
export class TemplatesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: TemplateCatalog,
    private readonly audit: AuditLog,
  ) {}

  private readonly query = (sql: string, params: unknown[]) => this.db.query(sql, params);

  @Get()
  async list() {
    await loadSavedTemplates(this.query, this.catalog);
    const channels: TemplateChannel[] = ['email', 'sms', 'whatsapp'];
    return {
      data: Object.fromEntries(
        channels.map((c) => [c, this.catalog.list(c).filter((n) => !n.startsWith('layouts'))]),
      ),
    };
  }

  @Get(':channel/:name')
  async get(@Param('channel') channel: string, @Param('name') name: string) {
    const c = parseInput(channelSchema, channel, 'path');
    const [saved] = await this.db.query(
      `SELECT source, updated_at FROM templates WHERE channel = $1 AND name = $2`,
      [c, name],
    );
    const source = (saved?.source as string | undefined) ?? this.catalog.fileSource(c, name);
    if (source === undefined) throw ApiError.notFound('Template', `${c}/${name}`);
    return {
      data: { channel: c, name, source, saved: Boolean(saved), updatedAt: saved?.updated_at ?? null },
    };
  }

  @Put(':channel/:name')
  async save(
    @Param('channel') channel: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @CurrentPrincipal() by: Principal,
  ) {
    const c = parseInput(channelSchema, channel, 'path');
    if (!TemplateCatalog.isValidName(name)) {
      throw ApiError.badRequest(
        'invalid_name',
        'A template name is lowercase letters, digits, "-" and "_", e.g. "cart-reminder"',
      );
    }
    const { source } = parseInput(saveSchema, body);
    const rendered = this.tryRender(c, name, source, sampleTemplateContext());
    await this.db.query(
      `INSERT INTO templates (channel, name, source) VALUES ($1, $2, $3)
       ON CONFLICT (channel, name) DO UPDATE SET source = EXCLUDED.source, updated_at = now()`,
      [c, name, source],
    );
    this.catalog.useSaved(c, name, source);
    // What live journeys send changes: who changed it belongs in the audit log.
    await this.audit.record(by, {
      action: 'template.save',
      targetType: 'template',
      targetId: `${c}/${name}`,
    });
    return { data: { channel: c, name, preview: rendered } };
  }

  @Post('preview')
  async preview(@Body() body: unknown) {
    const input = parseInput(previewSchema, body);
    await loadSavedTemplates(this.query, this.catalog);
    const context = input.customerId ? await this.customerContext(input.customerId) : sampleTemplateContext();
    if (input.source !== undefined)
      return { data: this.tryRender(input.channel, input.name ?? 'preview', input.source, context) };
    if (!this.catalog.exists(input.channel, input.name as string))
      throw ApiError.notFound('Template', `${input.channel}/${input.name}`);
    try {
      const r = this.catalog.render(input.channel, input.name as string, context);
      return { data: describe(input.channel, r.fields, r.body) };
    } catch (error) {
      throw ApiError.unprocessable(
        'template_invalid',
        `The template does not render: ${(error as Error).message}`,
      );
    }
  }

  private tryRender(
    channel: TemplateChannel,
    name: string,
    source: string,
    context: Record<string, unknown>,
  ) {
    try {
      const template = parseTemplate(name, channel, source);
      const fields = Object.fromEntries(
        Object.entries(template.fields).map(([k, f]) => [k, f(context).trim()]),
      );
      let body = template.body(context);
      if (template.layout)
        body = this.catalog.get(channel, `layouts/${template.layout}`).body({ ...context, ...fields, body });
      return describe(channel, fields, body);
    } catch (error) {
      throw ApiError.unprocessable(
        'template_invalid',
        `The template does not render with ${name === 'preview' ? 'this' : 'sample'} data: ${(error as Error).message}`,
      );
    }
  }

  /** A real customer's data (with sample event and coupon, which only a run would have). */
  private async customerContext(ref: string): Promise<Record<string, unknown>> {
    const [c] = await this.db.query(
      `SELECT id, external_id, email, phone, first_name, last_name, loyalty_points, attributes FROM customers
        WHERE external_id = $1 OR ($2::uuid IS NOT NULL AND id = $2::uuid) LIMIT 1`,
      [ref, isUuid(ref) ? ref : null],
    );
    if (!c) throw ApiError.notFound('Customer', ref);
    const sample = sampleTemplateContext();
    return {
      ...sample,
      customer: {
        id: c.id,
        externalId: c.external_id,
        email: c.email,
        phone: c.phone,
        firstName: c.first_name,
        lastName: c.last_name,
        loyaltyPoints: c.loyalty_points,
        attributes: c.attributes,
      },
    };
  }
}

function describe(channel: TemplateChannel, fields: Record<string, string>, body: string) {
  return channel === 'email'
    ? { subject: fields.subject ?? null, preheader: fields.preheader ?? null, html: body }
    : {
        text: body.trim(),
        characters: body.trim().length,
        segments: channel === 'sms' ? smsSegments(body.trim()) : null,
      };
}
