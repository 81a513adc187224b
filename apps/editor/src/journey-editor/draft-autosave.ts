/**
 * Autosave of the draft: a change schedules a save after a quiet spell; one save is in flight at a
 * time, and changes made meanwhile are saved right after it. `flush` saves now and resolves when
 * the draft on the server is the draft on screen (publish calls it first).
 */

export type SaveState =
  { status: 'saved' } | { status: 'pending' } | { status: 'saving' } | { status: 'error'; message: string };

export interface DraftAutosaveOptions<T> {
  /** The payload to PUT, read at save time (the latest state, not the one that scheduled it). */
  read: () => T;
  save: (payload: T) => Promise<void>;
  onState: (state: SaveState) => void;
  delayMs?: number;
}

export interface DraftAutosave {
  /** Something changed: save after the quiet spell. */
  changed(): void;
  /** Save now if anything is unsaved; rejects when that save fails. */
  flush(): Promise<void>;
  hasUnsaved(): boolean;
  dispose(): void;
}

export function createDraftAutosave<T>({
  read,
  save,
  onState,
  delayMs = 800,
}: DraftAutosaveOptions<T>): DraftAutosave {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let inFlight: Promise<void> | undefined;
  let disposed = false;

  async function run(): Promise<void> {
    if (inFlight) {
      await inFlight.catch(() => undefined);
      return run();
    }
    if (!dirty || disposed) return;
    dirty = false;
    onState({ status: 'saving' });
    inFlight = save(read());
    try {
      await inFlight;
      if (!disposed) onState(dirty ? { status: 'pending' } : { status: 'saved' });
    } catch (error) {
      dirty = true;
      if (!disposed)
        onState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      inFlight = undefined;
    }
    if (dirty && !timer && !disposed) schedule();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run().catch(() => undefined); // shown through onState; the next change or flush retries
    }, delayMs);
  }

  return {
    changed() {
      if (disposed) return;
      dirty = true;
      onState({ status: 'pending' });
      schedule();
    },
    async flush() {
      clearTimeout(timer);
      timer = undefined;
      await run();
    },
    hasUnsaved: () => dirty || inFlight !== undefined,
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
