/**
 * Handlebars in an isolated environment: its own instance (no global helpers or partials),
 * strict mode (a missing field is an error, not an empty string), only allow-listed helpers
 * (`knownHelpersOnly`), no prototype access. HTML-escaped for email, verbatim for SMS/WhatsApp.
 */
import Handlebars from 'handlebars';

export type TemplateChannel = 'email' | 'sms' | 'whatsapp';

const env = Handlebars.create();

const helpers: Record<string, Handlebars.HelperDelegate> = {
  upper: (value: unknown) => String(value ?? '').toUpperCase(),
  lower: (value: unknown) => String(value ?? '').toLowerCase(),
  default: (value: unknown, fallback: unknown) =>
    value === undefined || value === null || value === '' ? fallback : value,
  money: (amount: unknown, currency: unknown) => {
    const n = Number(amount);
    const code = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : 'USD';
    return Number.isFinite(n)
      ? new Intl.NumberFormat('en', { style: 'currency', currency: code }).format(n)
      : '';
  },
  date: (value: unknown) => {
    const d = new Date(String(value));
    return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
  },
};
for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper);
// `lookup` reads arbitrary properties and `log` writes to the server's console: neither belongs in a template.
for (const name of ['lookup', 'log']) env.unregisterHelper(name);

const knownHelpers = {
  ...Object.fromEntries(
    [...Object.keys(helpers), 'if', 'unless', 'each', 'with'].map((name) => [name, true]),
  ),
  lookup: false,
  log: false,
} as KnownHelpers;
type KnownHelpers = NonNullable<CompileOptions['knownHelpers']>;

export type RenderTemplate = (context: Record<string, unknown>) => string;

export function compileTemplate(source: string, channel: TemplateChannel): RenderTemplate {
  const options = { strict: true, knownHelpers, knownHelpersOnly: true, noEscape: channel !== 'email' };
  // compile() is lazy; precompiling fails now (at save or publish time), not at the first send.
  env.precompile(source, options);
  const template = env.compile(source, options);
  return (context) =>
    template(context, {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
}
