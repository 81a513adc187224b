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

/** A locale tag as templates use it: BCP 47 (`tr`, `en`, `en-US`). */
export const templateLocale = text(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 locale such as "tr" or "en-US"')
  .describe('BCP 47 locale, e.g. "tr" or "en-US"');

export const templateLocaleParams = templateParams.extend({ locale: templateLocale });
export const templateVersionParams = templateParams.extend({
  version: z.coerce.number().int().min(1).max(1_000_000).describe('A saved version of the template'),
});

export const saveTemplateBody = z
  .strictObject({
    source: text(TEMPLATE_SOURCE_LENGTH)
      .min(1)
      .describe('Handlebars, with a front matter of fields (an email needs `subject`)'),
    locale: templateLocale
      .optional()
      .describe("The variant to save; the store's default locale when absent. Other variants are kept"),
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
    locale: templateLocale
      .optional()
      .describe("The variant to render; else the customer's locale, then the store's default, then any"),
    version: z.number().int().min(1).optional().describe('A saved version (else the latest)'),
  })
  .refine((p) => p.name || p.source, 'give a template name or a source')
  .meta({ title: 'PreviewTemplate' });
export type PreviewTemplate = z.infer<typeof previewTemplateBody>;

export const renderedEmailSchema = z
  .object({
    subject: z.string().nullable(),
    preheader: z.string().nullable(),
    html: z.string(),
    text: z.string().describe('The plain-text part sent with it (made from the HTML, links kept)'),
    locale: z.string().nullable().describe('The variant rendered; null for a source not saved'),
  })
  .meta({ id: 'RenderedEmail' });
export const renderedTextSchema = z
  .object({
    text: z.string(),
    characters: z.number().int(),
    segments: z.number().int().nullable().describe('SMS segments the text takes; null for WhatsApp'),
    encoding: z
      .enum(['GSM-7', 'UCS-2'])
      .nullable()
      .describe(
        'SMS encoding (UCS-2 when a character is outside GSM-7: 70 characters a segment); null for WhatsApp',
      ),
    locale: z.string().nullable().describe('The variant rendered; null for a source not saved'),
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

export const templateVariantSchema = z
  .object({ locale: z.string(), source: z.string() })
  .meta({ id: 'TemplateVariant' });

/** A journey version that renders a template, and the template version it was published with. */
export const templateUseSchema = z
  .object({
    journeyId: z.string().uuid(),
    journeyName: z.string(),
    journeyVersion: z.number().int(),
    journeyStatus: z.string().describe("The journey's status now (a journey version in use is its live one)"),
    templateVersion: z.number().int(),
  })
  .meta({ id: 'TemplateUse' });

export const templateVersionSummarySchema = z
  .object({
    version: z.number().int(),
    createdAt: isoDateTime,
    createdBy: z.string().nullable().describe("Who saved it (a user's email or an API key name)"),
    locales: z.array(z.string()),
  })
  .meta({ id: 'TemplateVersionSummary' });

export const templateSourceSchema = z
  .object({
    channel: z.enum(CHANNELS),
    name: z.string(),
    source: z.string().describe("The store's default-locale variant (or the first there is)"),
    locale: z.string().nullable().describe('The locale of `source`'),
    saved: z.boolean().describe('Saved through the API (else the shipped files)'),
    updatedAt: isoDateTime.nullable().describe('When it was saved; null for shipped files'),
    version: z.number().int().nullable().describe('The latest saved version; null for shipped files'),
    variants: z.array(templateVariantSchema).describe('Every locale variant of the latest version'),
    versions: z.array(templateVersionSummarySchema).describe('Saved versions, newest first'),
    usedBy: z.array(templateUseSchema),
  })
  .meta({ id: 'TemplateSource' });

export const templateVersionSchema = z
  .object({
    channel: z.enum(CHANNELS),
    name: z.string(),
    version: z.number().int(),
    createdAt: isoDateTime,
    createdBy: z.string().nullable(),
    variants: z.array(templateVariantSchema),
  })
  .meta({ id: 'TemplateVersion' });

/** One template in the templates page's list. */
export const templateSummarySchema = z
  .object({
    channel: z.enum(CHANNELS),
    name: z.string(),
    locales: z.array(z.string()),
    saved: z.boolean(),
    version: z.number().int().nullable(),
    updatedAt: isoDateTime.nullable(),
    usedBy: z.array(templateUseSchema),
  })
  .meta({ id: 'TemplateSummary' });

/** A variable a template can use, offered as you type. */
export const templateVariableSchema = z
  .object({
    path: z.string().describe('e.g. `customer.firstName`, `event.properties.totalPrice`'),
    description: z.string(),
    example: z.string().nullable(),
    mayBeAbsent: z
      .boolean()
      .describe('Custom attributes and event properties: renders empty when absent instead of failing'),
  })
  .meta({ id: 'TemplateVariable' });

export const templateVariablesQuery = z.object({
  channel: z.enum(CHANNELS).optional(),
  eventType: text(100)
    .optional()
    .describe("The trigger's event type: its properties seen in stored events are offered"),
});

export const testSendBody = z
  .strictObject({
    channel: z.enum(CHANNELS),
    name: text(200).optional().describe('A saved or shipped template…'),
    source: text(TEMPLATE_SOURCE_LENGTH).optional().describe('…or a source not saved yet'),
    locale: templateLocale.optional(),
    customerId: text(200).optional().describe("Render with this customer's data; sample data when absent"),
  })
  .refine((p) => p.name || p.source, 'give a template name or a source')
  .meta({ title: 'TestSend' });
export type TestSend = z.infer<typeof testSendBody>;

export const testSendResultSchema = z.object({
  channel: z.enum(CHANNELS),
  to: z.string().describe("The signed-in person's own address or phone"),
  sandbox: z.boolean().describe('True when no provider is configured: the message is in the outbox only'),
  messageId: z.string().uuid().describe('The outbox entry'),
});

export const setOwnPhoneBody = z
  .strictObject({
    phone: text(40)
      .nullable()
      .describe("Your own phone for test sends (SMS, WhatsApp); read in the store's country"),
  })
  .meta({ title: 'SetOwnPhone' });
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

export const templateOverviewResponse = data(z.array(templateSummarySchema)).meta({
  title: 'TemplateOverview',
});
export const templateVersionResponse = data(templateVersionSchema).meta({ title: 'TemplateVersionAnswer' });
export const templateVariablesResponse = data(z.array(templateVariableSchema)).meta({
  title: 'TemplateVariables',
});
export const testSendResponse = data(testSendResultSchema).meta({ title: 'TestSendAnswer' });

/** The signed-in person's own phone, as stored (E.164), after `PATCH /v1/auth/me`. */
export const ownPhoneSchema = z.object({ phone: z.string().nullable() });
export const ownPhoneResponse = data(ownPhoneSchema).meta({ title: 'OwnPhoneAnswer' });
export type TemplateVariable = z.infer<typeof templateVariableSchema>;
export type TemplateSummary = z.infer<typeof templateSummarySchema>;
export type TemplateUse = z.infer<typeof templateUseSchema>;
export type TemplateVersion = z.infer<typeof templateVersionSchema>;
export type TestSendResult = z.infer<typeof testSendResultSchema>;
// The templates page's types (the editor reads them through its api-types.ts).
export type RenderedEmail = z.infer<typeof renderedEmailSchema>;
export type RenderedText = z.infer<typeof renderedTextSchema>;
export type TemplateVariant = z.infer<typeof templateVariantSchema>;
export type TemplateVersionSummary = z.infer<typeof templateVersionSummarySchema>;
export type SetOwnPhone = z.infer<typeof setOwnPhoneBody>;
