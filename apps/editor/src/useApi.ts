// Loads one API resource for a component and tracks its loading / error state. Requests that are
// superseded (the key changed, the component unmounted, a reload started) are aborted, so a slow
// old answer never overwrites a newer one. With `refreshEveryMs` the resource is re-fetched that
// long after each answer, keeping the data on screen while it refreshes.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True until the first answer for the current key has arrived. */
  loading: boolean;
  /** True while any request (first load or refresh) is in flight. */
  fetching: boolean;
  /** When the data last arrived successfully. */
  updatedAt: Date | undefined;
  reload: () => void;
}

interface Snapshot<T> {
  key: string;
  data?: T;
  error?: Error;
  fetching: boolean;
  updatedAt?: Date;
}

export interface UseApiOptions {
  refreshEveryMs?: number;
}

/**
 * @param key identifies the resource; a new key drops the old data and loads afresh.
 * @param load fetches the resource; it may change on every render, only `key` triggers a load.
 */
export function useApi<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  { refreshEveryMs }: UseApiOptions = {},
): ApiState<T> {
  const loadRef = useRef(load);
  // Declared before the loading effect so it runs first: the load always uses the latest closure.
  useEffect(() => {
    loadRef.current = load;
  });

  const [snapshot, setSnapshot] = useState<Snapshot<T>>({ key, fetching: true });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    const scheduleRefresh = () => {
      if (refreshEveryMs !== undefined && refreshEveryMs > 0)
        refreshTimer = setTimeout(reload, refreshEveryMs);
    };

    setSnapshot((previous) =>
      previous.key === key ? { ...previous, fetching: true } : { key, fetching: true },
    );
    void loadRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setSnapshot({ key, data, fetching: false, updatedAt: new Date() });
        scheduleRefresh();
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        const error = cause instanceof Error ? cause : new Error(String(cause));
        // Keep the last good data on screen: a failed refresh should not blank the page.
        setSnapshot((previous) => ({ ...previous, key, error, fetching: false }));
        scheduleRefresh();
      },
    );

    return () => {
      controller.abort();
      clearTimeout(refreshTimer);
    };
  }, [key, generation, refreshEveryMs, reload]);

  // Until the effect for a new key has run, the snapshot still describes the old key.
  const current: Snapshot<T> = snapshot.key === key ? snapshot : { key, fetching: true };
  return {
    data: current.data,
    error: current.error,
    loading: current.data === undefined && current.error === undefined,
    fetching: current.fetching,
    updatedAt: current.updatedAt,
    reload,
  };
}
