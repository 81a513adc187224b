import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createDebouncer, PREVIEW_DEBOUNCE_MS } from './debounce';

describe('createDebouncer', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('settles once, with the newest value, when the values stop coming for the wait', () => {
    const settled: string[] = [];
    const debouncer = createDebouncer<string>(PREVIEW_DEBOUNCE_MS, (value) => settled.push(value));
    debouncer.push('H');
    jest.advanceTimersByTime(300);
    debouncer.push('Hi');
    jest.advanceTimersByTime(300);
    debouncer.push('Hi {{');
    jest.advanceTimersByTime(399);
    expect(settled).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(settled).toEqual(['Hi {{']);
    jest.advanceTimersByTime(5_000);
    expect(settled).toEqual(['Hi {{']);
  });

  it('settles at once on flush, and never after cancel', () => {
    const settled: number[] = [];
    const debouncer = createDebouncer<number>(400, (value) => settled.push(value));
    debouncer.push(1);
    debouncer.flush();
    expect(settled).toEqual([1]);
    debouncer.flush();
    expect(settled).toEqual([1]);
    debouncer.push(2);
    debouncer.cancel();
    jest.advanceTimersByTime(1_000);
    expect(settled).toEqual([1]);
  });
});
