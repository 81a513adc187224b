import { describe, expect, it } from '@jest/globals';
import { joinDuration, joinOffset, splitDuration, splitOffset } from './duration-parts';

describe('duration parts', () => {
  it('splits the stored notation into amount and unit and joins it back', () => {
    expect(splitDuration('1h')).toEqual({ amount: '1', unit: 'h' });
    expect(splitDuration('30m')).toEqual({ amount: '30', unit: 'm' });
    expect(joinDuration({ amount: '3', unit: 'd' })).toBe('3d');
  });

  it('keeps an empty amount while the marketer edits, and falls back to a unit for nothing stored', () => {
    expect(splitDuration(undefined, 'd')).toEqual({ amount: '', unit: 'd' });
    expect(splitDuration('h')).toEqual({ amount: '', unit: 'h' });
    expect(joinDuration({ amount: '', unit: 'h' })).toBe('h');
  });

  it('reads and writes offsets before and after a date; zero is no offset', () => {
    expect(splitOffset('-3d')).toEqual({ sign: '-', amount: '3', unit: 'd' });
    expect(splitOffset('+2h')).toEqual({ sign: '+', amount: '2', unit: 'h' });
    expect(splitOffset('2h')).toEqual({ sign: '+', amount: '2', unit: 'h' });
    expect(joinOffset({ sign: '-', amount: '3', unit: 'd' })).toBe('-3d');
    expect(joinOffset({ sign: '-', amount: '0', unit: 'd' })).toBeUndefined();
    expect(joinOffset({ sign: '+', amount: '', unit: 'd' })).toBeUndefined();
  });
});
