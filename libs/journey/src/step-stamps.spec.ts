import { enteredStampAfter } from './step-stamps';

describe('enteredStampAfter', () => {
  const at = '2026-12-06T17:00:00.123Z';

  it('keeps the time as it is when nothing came before it in its millisecond', () => {
    expect(enteredStampAfter(null, at)).toEqual({ micros: Date.parse(at) * 1000, stamp: at });
    const earlier = enteredStampAfter(null, '2026-12-06T17:00:00.122Z');
    expect(enteredStampAfter(earlier.micros, at).stamp).toBe(at);
  });

  it('stamps steps of the same millisecond a microsecond apart, in order', () => {
    const first = enteredStampAfter(null, at);
    const second = enteredStampAfter(first.micros, at);
    const third = enteredStampAfter(second.micros, at);
    expect([second.stamp, third.stamp]).toEqual([
      '2026-12-06T17:00:00.123001Z',
      '2026-12-06T17:00:00.123002Z',
    ]);
  });

  it('rolls a thousand steps of one millisecond into the next instead of wrapping', () => {
    let previous = enteredStampAfter(null, at);
    const stamps = [previous.stamp];
    for (let i = 0; i < 1500; i++) {
      previous = enteredStampAfter(previous.micros, at);
      stamps.push(previous.stamp);
    }
    expect(stamps[1000]).toBe('2026-12-06T17:00:00.124000Z');
    expect(stamps[1500]).toBe('2026-12-06T17:00:00.124500Z');
    // As PostgreSQL orders them: by the microseconds the text names.
    const micros = stamps.map((s) => Date.parse(s.slice(0, 23) + 'Z') * 1000 + Number(s.slice(23, -1) || 0));
    expect(micros.every((m, i) => i === 0 || m > micros[i - 1])).toBe(true);
    // A later step in the next millisecond still comes after the rolled ones.
    expect(enteredStampAfter(previous.micros, '2026-12-06T17:00:00.124Z').stamp).toBe(
      '2026-12-06T17:00:00.124501Z',
    );
  });
});
