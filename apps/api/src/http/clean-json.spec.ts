import { findJsonProblem, queryEncodingProblem } from './clean-json';

describe('findJsonProblem', () => {
  it('accepts ordinary JSON, including paired surrogates (emoji)', () => {
    expect(findJsonProblem({ a: ['x', 1, { b: 'café 🎉' }], c: null })).toBeNull();
  });

  it('refuses a NUL in a value and names where it is', () => {
    expect(findJsonProblem({ properties: { note: 'a\u0000b' } })?.message).toContain('properties.note');
    expect(findJsonProblem({ properties: { note: 'a\u0000b' } })?.code).toBe('invalid_text');
  });

  it('refuses lone surrogates in values and keys', () => {
    expect(findJsonProblem({ a: '\uD800' })?.code).toBe('invalid_text');
    expect(findJsonProblem({ a: 'x\uDC00' })?.code).toBe('invalid_text');
    expect(findJsonProblem({ ['k\uD83D']: 1 })?.code).toBe('invalid_text');
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findJsonProblem(deep)?.code).toBe('too_deep');
    let ok: unknown = 1;
    for (let i = 0; i < 31; i += 1) ok = { a: ok };
    expect(findJsonProblem(ok)).toBeNull();
  });
});

describe('queryEncodingProblem', () => {
  it('refuses a query that does not decode, and accepts one that does', () => {
    expect(queryEncodingProblem('/v1/customers?q=%E0%A4%A')?.code).toBe('invalid_request');
    expect(queryEncodingProblem('/v1/customers?q=%E0%A4%A4&limit=5')).toBeNull();
    expect(queryEncodingProblem('/v1/customers?q=a+b%20c')).toBeNull();
    expect(queryEncodingProblem('/v1/customers')).toBeNull();
  });
});
