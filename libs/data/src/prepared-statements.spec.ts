import { prepared, preparedName } from './prepared-statements';

describe('prepared statements', () => {
  it('returns the SQL text itself, so any Query runs it, and remembers its name', () => {
    const sql = prepared('spec.echo', 'SELECT $1::int AS n');
    expect(sql).toBe('SELECT $1::int AS n');
    expect(preparedName('SELECT $1::int AS n')).toBe('spec.echo');
    expect(preparedName('SELECT $1::int AS other')).toBeUndefined();
  });

  it('accepts the same name with the same text again (a call per query), built or constant', () => {
    const column = 'm';
    expect(() => prepared('spec.again', `SELECT $1::int AS ${column}`)).not.toThrow();
    expect(() => prepared('spec.again', 'SELECT $1::int AS m')).not.toThrow();
  });

  it('refuses a name declared with another text, and a text declared under another name', () => {
    prepared('spec.taken', 'SELECT $1::text AS t');
    expect(() => prepared('spec.taken', 'SELECT $1::text AS u')).toThrow(/"spec.taken" is already declared/);
    expect(() => prepared('spec.other', 'SELECT $1::text AS t')).toThrow(/already declared as "spec.taken"/);
    expect(preparedName('SELECT $1::text AS u')).toBeUndefined();
  });
});
