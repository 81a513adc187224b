/**
 * Waiting for the typing to stop: the live preview asks the API once the source has been still for
 * PREVIEW_DEBOUNCE_MS, not on every key. `createDebouncer` is the timing alone (tested with fake
 * timers); `useDebouncedValue` is the hook the page uses.
 */
import { useEffect, useRef, useState } from 'react';

export const PREVIEW_DEBOUNCE_MS = 400;

export interface Debouncer<T> {
  /** Starts (or restarts) the wait with the newest value. */
  push(value: T): void;
  /** Settles now with the value waiting, if any. */
  flush(): void;
  /** Forgets the value waiting. */
  cancel(): void;
}

export function createDebouncer<T>(wait: number, settle: (value: T) => void): Debouncer<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: { value: T } | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    waiting = undefined;
  };
  const flush = () => {
    const value = waiting;
    cancel();
    if (value) settle(value.value);
  };
  return {
    push(value) {
      if (timer !== undefined) clearTimeout(timer);
      waiting = { value };
      timer = setTimeout(flush, wait);
    },
    flush,
    cancel,
  };
}

/** `value` once it has not changed for `wait` ms (the first value at once). */
export function useDebouncedValue<T>(value: T, wait: number): T {
  const [settled, setSettled] = useState(value);
  const debouncer = useRef<Debouncer<T> | null>(null);
  debouncer.current ??= createDebouncer<T>(wait, setSettled);
  useEffect(() => {
    debouncer.current?.push(value);
  }, [value]);
  useEffect(() => () => debouncer.current?.cancel(), []);
  return settled;
}
