import { TemplateCatalog } from '@waypoint/channels';
import { mention } from './run-templates.service';

describe('which templates read recommendations', () => {
  const files = new TemplateCatalog();
  const shipped = (name: string) => ({ version: null, variants: files.fileVariants('email', name)! });

  it('finds them in any locale of the template or its layout, and not elsewhere', () => {
    expect(mention([shipped('cross-sell'), shipped('layouts/default')], 'recommendations')).toBe(true);
    expect(mention([shipped('welcome'), shipped('layouts/default')], 'recommendations')).toBe(false);
    const inLayout = { version: 4, variants: { tr: 'x', en: '{{#each recommendations}}{{title}}{{/each}}' } };
    expect(mention([shipped('welcome'), inLayout], 'recommendations')).toBe(true);
    expect(mention([undefined, undefined], 'recommendations')).toBe(false);
  });
});
