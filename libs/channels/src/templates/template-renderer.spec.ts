import { TemplateCatalog, parseTemplate } from './template-catalog';
import { sampleTemplateContext } from './sample-context';
import { compileTemplate } from './template-renderer';

describe('template rendering', () => {
  it('escapes HTML in email and leaves SMS text as written', () => {
    const context = { customer: { firstName: '<b>Tom & Jerry</b>' } };
    expect(compileTemplate('Hi {{customer.firstName}}', 'email')(context)).toBe(
      'Hi &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;',
    );
    expect(compileTemplate('Hi {{customer.firstName}}', 'sms')(context)).toBe('Hi <b>Tom & Jerry</b>');
  });

  it('is strict: a field the data lacks is an error, not an empty string', () => {
    expect(() => compileTemplate('Code {{coupon.code}}', 'email')({})).toThrow('"code" not defined');
    expect(() => compileTemplate('Hi {{firstName}}', 'email')({})).toThrow('"firstName" not defined');
  });

  it('allows only the listed helpers', () => {
    expect(() => compileTemplate('{{log "x"}}', 'email')).toThrow();
    expect(() => compileTemplate('{{lookup this "constructor"}}', 'email')).toThrow();
    expect(
      compileTemplate('{{upper name}} {{money total "EUR"}}', 'sms')({ name: 'ada', total: '12.5' }),
    ).toBe('ADA €12.50');
  });

  it('never reads prototype properties', () => {
    const render = compileTemplate('[{{constructor.name}}]', 'sms');
    expect(() => render({})).toThrow();
  });

  it('reads front matter as templated fields', () => {
    const template = parseTemplate('t', 'email', '---\nsubject: Hi {{name}}\n---\n<p>{{name}}</p>');
    expect(template.fields.subject({ name: 'Ada' })).toBe('Hi Ada');
    expect(template.body({ name: 'Ada' })).toBe('<p>Ada</p>');
  });

  it('renders the shipped welcome email with sample data', () => {
    const catalog = new TemplateCatalog();
    const rendered = catalog.render('email', 'welcome', sampleTemplateContext());
    expect(rendered.fields.subject).toBe('Welcome, Ada! Here is 10% off your first order');
    expect(rendered.body).toContain('WELCOME-7KQ2MZ');
    expect(rendered.body).toContain('https://waypoint.example.com/u/sample');
  });

  it('says which template is missing', () => {
    expect(() => new TemplateCatalog().get('email', 'nope')).toThrow(
      'missing template: no email template "nope"',
    );
    expect(new TemplateCatalog().exists('email', '../secrets')).toBe(false);
  });
});
