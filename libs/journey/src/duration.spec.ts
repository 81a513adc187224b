import { describeDuration, isDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['3d', 259_200_000],
    ['2w', 1_209_600_000],
    [' 1 h ', 3_600_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '1', 'h', '1.5h', '-1h', '0m', '1y', '11000d', 'soon'])(
    'refuses %j with a message naming it',
    (text) => {
      expect(() => parseDuration(text)).toThrow(`"${text}"`);
      expect(isDuration(text)).toBe(false);
    },
  );

  it('describes durations in words for timelines', () => {
    expect(describeDuration('1h')).toBe('1 hour');
    expect(describeDuration('3d')).toBe('3 days');
  });
});
