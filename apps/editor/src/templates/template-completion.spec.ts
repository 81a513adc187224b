import { describe, expect, it } from '@jest/globals';
import { completeTemplate } from './template-completion';

const variables = [
  { path: 'customer.firstName', description: 'First name', example: 'Ayşe', mayBeAbsent: false },
  { path: 'coupon.code', description: 'The coupon code', example: 'WELCOME-7KQ2', mayBeAbsent: false },
  { path: 'customer.attributes.tier', description: 'Custom attribute', example: null, mayBeAbsent: true },
];

describe('completion inside {{…}}', () => {
  it('offers helpers and every variable right after {{', () => {
    const line = '<p>Hi {{';
    const result = completeTemplate(line, 100 + line.length, variables)!;
    expect(result.from).toBe(100 + line.length);
    expect(result.options.map((o) => o.label)).toEqual([
      'money',
      'date',
      'default',
      'upper',
      'lower',
      '#if',
      '#unless',
      '#each',
      'customer.firstName',
      'coupon.code',
      'customer.attributes.tier',
    ]);
  });

  it('narrows to variables containing what is typed, replacing the typed word', () => {
    const line = 'Code: {{ coup';
    const result = completeTemplate(line, line.length, variables)!;
    expect(result.from).toBe(line.length - 'coup'.length);
    expect(result.options.map((o) => o.label)).toEqual(['coupon.code']);
    expect(result.options[0].detail).toBe('The coupon code e.g. WELCOME-7KQ2');
  });

  it('offers variables (not helpers) as a helper’s argument, and says which may be empty', () => {
    const line = '{{default customer.attr';
    const result = completeTemplate(line, line.length, variables)!;
    expect(result.from).toBe(line.length - 'customer.attr'.length);
    expect(result.options).toEqual([
      { label: 'customer.attributes.tier', detail: 'Custom attribute (may be empty)', type: 'variable' },
    ]);
    expect(completeTemplate('{{#if ', 6, variables)!.options.map((o) => o.type)).toEqual([
      'variable',
      'variable',
      'variable',
    ]);
  });

  it('offers nothing outside a tag', () => {
    expect(completeTemplate('<p>coupon', 9, variables)).toBeNull();
    expect(completeTemplate('{{coupon.code}} and co', 22, variables)).toBeNull();
  });
});
