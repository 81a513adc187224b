/**
 * Templates: list, read, save (rendered against sample data first: a template that fails to render
 * is refused with 422 and not saved), and preview for a chosen customer or sample data. Saved
 * templates live in the database and override the shipped files of the same channel and name.
 */
import { Injectable } from '@nestjs/common';
import {
  parseTemplate,
  sampleTemplateContext,
  plainTextOf,
  smsEncoding,
  smsSegments,
  TemplateCatalog,
  type TemplateChannel,
} from '@waypoint/channels';
import type {
  PreviewTemplate,
  RenderedTemplate,
  SavedTemplate,
  TemplateNames,
  TemplateSource,
} from '@waypoint/contract';
import {
  Database,
  findPreviewCustomer,
  findSavedTemplate,
  loadSavedTemplates,
  saveTemplate,
} from '@waypoint/data';
import { CHANNELS } from '@waypoint/journey';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

@Injectable()
export class TemplatesService {
  constructor(
    private readonly db: Database,
    private readonly catalog: TemplateCatalog,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<TemplateNames> {
    await loadSavedTemplates(this.db.query, this.catalog);
    const names = (channel: TemplateChannel) =>
      this.catalog.list(channel).filter((n) => !n.startsWith('layouts'));
    return Object.fromEntries(CHANNELS.map((c) => [c, names(c)])) as TemplateNames;
  }

  async get(channel: TemplateChannel, name: string): Promise<TemplateSource> {
    const saved = await findSavedTemplate(this.db.query, channel, name);
    const source = saved?.source ?? this.catalog.fileSource(channel, name);
    if (source === undefined) throw ApiError.notFound('Template', `${channel}/${name}`);
    return {
      channel,
      name,
      source,
      // Until template versions and locale variants land (docs/product.md, Templates), one source.
      locale: null,
      saved: Boolean(saved),
      updatedAt: saved ? saved.updated_at.toISOString() : null,
      version: null,
      variants: [],
      versions: [],
      usedBy: [],
    };
  }

  async save(
    channel: TemplateChannel,
    name: string,
    source: string,
    by: Principal | undefined,
  ): Promise<SavedTemplate> {
    if (!TemplateCatalog.isValidName(name)) {
      throw ApiError.badRequest(
        'invalid_name',
        'A template name is lowercase letters, digits, "-" and "_", e.g. "cart-reminder"',
      );
    }
    const rendered = this.tryRender(channel, name, source, sampleTemplateContext());
    await saveTemplate(this.db.query, channel, name, source);
    this.catalog.useSaved(channel, name, source);
    // What live journeys send changes: who changed it belongs in the audit log.
    await this.audit.record(by, {
      action: 'template.save',
      targetType: 'template',
      targetId: `${channel}/${name}`,
    });
    return { channel, name, preview: rendered };
  }

  async preview(input: PreviewTemplate): Promise<RenderedTemplate> {
    await loadSavedTemplates(this.db.query, this.catalog);
    const context = input.customerId ? await this.customerContext(input.customerId) : sampleTemplateContext();
    if (input.source !== undefined)
      return this.tryRender(input.channel, input.name ?? 'preview', input.source, context);
    const name = input.name as string;
    if (!this.catalog.exists(input.channel, name))
      throw ApiError.notFound('Template', `${input.channel}/${name}`);
    try {
      const r = this.catalog.render(input.channel, name, context);
      return describe(input.channel, r.fields, r.body);
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
  ): RenderedTemplate {
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
    const c = await findPreviewCustomer(this.db.query, ref);
    if (!c) throw ApiError.notFound('Customer', ref);
    return {
      ...sampleTemplateContext(),
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

function describe(channel: TemplateChannel, fields: Record<string, string>, body: string): RenderedTemplate {
  return channel === 'email'
    ? {
        subject: fields.subject ?? null,
        preheader: fields.preheader ?? null,
        html: body,
        text: plainTextOf(body),
        locale: null,
      }
    : {
        text: body.trim(),
        characters: body.trim().length,
        segments: channel === 'sms' ? smsSegments(body.trim()) : null,
        encoding: channel === 'sms' ? smsEncoding(body.trim()) : null,
        locale: null,
      };
}
