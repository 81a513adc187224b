/**
 * Renders a template for the API (save, preview, test send): checks it first (known variables,
 * helpers, line and column of a mistake), picks the locale variant, wraps it in its layout, and
 * answers what the editor shows: subject, HTML and its plain-text part for email; text, length,
 * segments and encoding for SMS and WhatsApp. A template that cannot be used is a 422 in plain words.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  checkTemplate,
  plainTextOf,
  sampleTemplateContext,
  smsEncoding,
  smsSegments,
  surveyLinks,
  TemplateError,
  type RenderedTemplate as Rendered,
  type TemplateChannel,
  type TemplateVariants,
} from '@waypoint/channels';
import { ENVIRONMENT, type Environment } from '@waypoint/config';
import type { RenderedTemplate, StoreProfile } from '@waypoint/contract';
import { Database, findPreviewCustomer, recommendationsFor } from '@waypoint/data';
import { ApiError } from '../errors/api-error';
import { TemplateResolver } from './template-resolver.service';

export interface RenderRequest {
  /** The customer's locale, or the variant asked for. */
  locale: string | null | undefined;
  profile: StoreProfile;
  /** Rendered with sample data (for the error's words). */
  sample: boolean;
  /** A source not saved: its locale is answered as null. */
  unsaved?: boolean;
  /** Hold every variant given to the known variables and helpers (a source being written). */
  check?: boolean;
}

@Injectable()
export class TemplateRenderer {
  constructor(
    private readonly db: Database,
    private readonly resolver: TemplateResolver,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Checks every variant given, renders the one for the locale; 422 when it cannot be used. */
  async renderChecked(
    channel: TemplateChannel,
    name: string,
    template: TemplateVariants,
    context: Record<string, unknown>,
    request: RenderRequest,
  ): Promise<RenderedTemplate> {
    const rendered = await this.render(channel, name, template, context, request);
    return describe(channel, rendered.body, rendered.fields, request.unsaved ? null : rendered.locale);
  }

  /** The rendered parts, before they are described for the editor (the test send sends them). */
  async render(
    channel: TemplateChannel,
    name: string,
    template: TemplateVariants,
    context: Record<string, unknown>,
    request: RenderRequest,
  ): Promise<Rendered> {
    const catalog = this.resolver.catalog;
    const options = { template, locale: request.locale, defaultLocale: request.profile.locale };
    let layoutName: string | undefined;
    try {
      // Only a source being written is held to the known variables; a saved one was at its save.
      if (request.check) for (const source of Object.values(template.variants)) checkTemplate(source);
      layoutName = catalog.get(channel, name, options).layout;
    } catch (error) {
      throw problemOf(error, request.sample);
    }
    const layout = layoutName ? await this.resolver.current(channel, `layouts/${layoutName}`) : undefined;
    if (layoutName && !layout) {
      throw ApiError.unprocessable(
        'template_invalid',
        `The layout "${layoutName}" does not exist (templates/${channel}/layouts/)`,
        { line: null, column: null, name: layoutName },
      );
    }
    try {
      return catalog.render(channel, name, context, {
        ...options,
        layout,
        format: {
          currency: request.profile.currency,
          timeZone: request.profile.timeZone,
          // Outside a run: survey answer links are preview links, which record nothing.
          surveyLink: surveyLinks(this.env.PUBLIC_URL, this.env.APP_SECRET, null),
        },
      });
    } catch (error) {
      throw problemOf(error, request.sample);
    }
  }

  /**
   * A real customer's data and recommendations (with the sample event and coupon, which only a
   * run would have).
   */
  async customerContext(ref: string): Promise<{ context: Record<string, unknown>; locale: string | null }> {
    const c = await findPreviewCustomer(this.db.query, ref);
    if (!c) throw ApiError.notFound('Customer', ref);
    const recommendations = await recommendationsFor(this.db.query, c.id, { alsoHas: [], limit: 4 });
    return {
      locale: c.locale,
      context: {
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
        recommendations,
      },
    };
  }
}

export function describe(
  channel: TemplateChannel,
  body: string,
  fields: Record<string, string>,
  locale: string | null,
): RenderedTemplate {
  if (channel === 'email') {
    return {
      subject: fields.subject ?? null,
      preheader: fields.preheader ?? null,
      html: body,
      text: plainTextOf(body),
      locale,
    };
  }
  const text = body.trim();
  return {
    text,
    characters: text.length,
    segments: channel === 'sms' ? smsSegments(text) : null,
    encoding: channel === 'sms' ? smsEncoding(text) : null,
    locale,
  };
}

/** A 422 in plain words: where, and what (`template_invalid` or `unknown_helper`). */
export function problemOf(error: unknown, sample: boolean): ApiError {
  if (error instanceof TemplateError) return ApiError.unprocessable(error.code, error.message, error.details);
  const e = error as Error & { lineNumber?: number; column?: number };
  const missing = /^"([^"]+)" not defined in/.exec(e.message ?? '');
  const where = e.lineNumber !== undefined ? `Line ${e.lineNumber}, column ${(e.column ?? 0) + 1}: ` : '';
  const data = sample ? 'the sample data' : 'this data';
  const message = missing
    ? `${where}"${missing[1]}" is missing from ${data} (is it a field of what comes before it?)`
    : `The template does not render with ${data}: ${String(e.message ?? error).replace(/ - \d+:\d+$/, '')}`;
  return ApiError.unprocessable('template_invalid', message, {
    line: e.lineNumber ?? null,
    column: e.lineNumber !== undefined ? (e.column ?? 0) + 1 : null,
    ...(missing ? { name: missing[1] } : {}),
  });
}
