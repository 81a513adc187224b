import { describe, expect, it } from '@jest/globals';
import { addArm, evenSplit, splitProblem, splitTotal } from './split-arms';

const arm = (id: string, percent: number) => ({ id, name: id, percent });

describe('split percentages', () => {
  it('accepts arms that add up to exactly 100, decimals included', () => {
    expect(splitProblem([arm('a', 50), arm('b', 50)])).toBeNull();
    expect(splitProblem([arm('a', 33.3), arm('b', 33.3), arm('c', 33.4)])).toBeNull();
    expect(splitTotal([arm('a', 33.3), arm('b', 33.3), arm('c', 33.4)])).toBe(100);
  });

  it('says what the arms add up to when it is not 100', () => {
    expect(splitProblem([arm('a', 50), arm('b', 40)])).toBe(
      'The percentages add up to 90 %; they must add up to 100 %.',
    );
    expect(splitProblem([arm('a', 80), arm('b', 30)])).toMatch(/add up to 110 %/);
  });

  it('refuses negative shares and a split with fewer than two arms', () => {
    expect(splitProblem([arm('a', 120), arm('b', -20)])).toBe('Each percentage must be 0 or more.');
    expect(splitProblem([arm('a', 100)])).toBe('A split needs at least two arms.');
  });

  it('splits evenly in whole percentages that still add up to 100', () => {
    const three = evenSplit([arm('a', 0), arm('b', 0), arm('c', 0)]);
    expect(three.map((a) => a.percent)).toEqual([34, 33, 33]);
    expect(splitProblem(three)).toBeNull();
  });

  it('adds an arm with an unused id and rebalances to 100', () => {
    const arms = addArm([arm('a', 50), arm('b', 50)]);
    expect(arms.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(arms[2].name).toBe('Variant C');
    expect(splitTotal(arms)).toBe(100);
  });
});
