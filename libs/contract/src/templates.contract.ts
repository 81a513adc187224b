/**
 * Message templates (docs/product.md, "Templates"): the shipped files and those saved through the
 * API (which override a file of the same channel and name). Saving renders the template against
 * sample data first; one that does not render is refused with 422 and not saved.
 */
import { CHANNELS } from '@waypoint/journey';
import { z } from 'zod';
import { data, isoDateTime, text } from './http';

/** Longest template source. */
export const TEMPLATE_SOURCE_LENGTH = 200_000;

export const templateParams = z.object({
  channel: z.enum(CHANNELS),
  name: text(200).min(1).describe('Lowercase letters, digits, "-" and "_", e.g. "cart-reminder"'),
});

export const saveTemplateBody = z
  .strictObject({
    source: text(TEMPLATE_SOURCE_LENGTH)
      .min(1)
      .describe('Handlebars, with a front matter of fields (an email needs `subject`)'),
  })
  .meta({ title: 'SaveTemplate' });
export type SaveTemplate = z.infer<typeof saveTemplateBody>;

export const previewTemplateBody = z
  .strictObject({
    channel: z.enum(CHANNELS),
    name: text(200).optional().describe('A template to render…'),
    source: text(TEMPLATE_SOURCE_LENGTH).optional().describe('…or a source not saved yet'),
    customerId: text(200)
      .optional()
      .describe("Render for this customer (our id or the store's); sample data when absent"),
  })
  .refine((p) => p.name || p.source, 'give a template name or a source')
  .meta({ title: 'PreviewTemplate' });
export type PreviewTemplate = z.infer<typeof previewTemplateBody>;

export const renderedEmailSchema = z
  .object({ subject: z.string().nullable(), preheader: z.string().nullable(), html: z.string() })
  .meta({ id: 'RenderedEmail' });
export const renderedTextSchema = z
  .object({
    text: z.string(),
    characters: z.number().int(),
    segments: z.number().int().nullable().describe('SMS segments the text takes; null for WhatsApp'),
  })
  .meta({ id: 'RenderedText' });
/** An email renders to subject, preheader and HTML; SMS and WhatsApp to text. */
export const renderedTemplateSchema = z.union([renderedEmailSchema, renderedTextSchema]);
export type RenderedTemplate = z.infer<typeof renderedTemplateSchema>;

/** Template names per channel (layouts left out). */
export const templateNamesSchema = z.object({
  email: z.array(z.string()),
  sms: z.array(z.string()),
  whatsapp: z.array(z.string()),
});
export type TemplateNames = z.infer<typeof templateNamesSchema>;

export const templateSourceSchema = z
  .object({
    channel: z.enum(CHANNELS),
    name: z.string(),
    source: z.string(),
    saved: z.boolean().describe('Saved through the API (else the shipped file)'),
    updatedAt: isoDateTime.nullable().describe('When it was saved; null for a shipped file'),
  })
  .meta({ id: 'TemplateSource' });
export type TemplateSource = z.infer<typeof templateSourceSchema>;

export const savedTemplateSchema = z.object({
  channel: z.enum(CHANNELS),
  name: z.string(),
  preview: renderedTemplateSchema.describe('Rendered with sample data'),
});
export type SavedTemplate = z.infer<typeof savedTemplateSchema>;

export const templateListResponse = data(templateNamesSchema).meta({ title: 'TemplateList' });
export const templateSourceResponse = data(templateSourceSchema).meta({ title: 'TemplateSourceAnswer' });
export const savedTemplateResponse = data(savedTemplateSchema).meta({ title: 'SavedTemplateAnswer' });
export const templatePreviewResponse = data(renderedTemplateSchema).meta({ title: 'TemplatePreview' });
