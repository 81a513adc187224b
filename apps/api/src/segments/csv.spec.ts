import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('quotes only fields that need it and doubles quotes', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3.5])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,3.5\r\n',
    );
  });

  it('keeps phones and numbers, defuses formulas', () => {
    expect(csvField('+905321234567')).toBe('+905321234567');
    expect(csvField(-12)).toBe('-12');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(new Date('2025-01-02T03:04:05.000Z'))).toBe('2025-01-02T03:04:05.000Z');
  });
});
