import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createDraftAutosave, type SaveState } from './draft-autosave';

describe('draft autosave', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function setup(save: (payload: number) => Promise<void>) {
    let value = 0;
    const states: SaveState['status'][] = [];
    const autosave = createDraftAutosave({
      read: () => value,
      save,
      onState: (s) => states.push(s.status),
      delayMs: 500,
    });
    return { autosave, states, set: (v: number) => (value = v) };
  }

  it('saves once after a quiet spell, with the latest state', async () => {
    const saved: number[] = [];
    const { autosave, set, states } = setup(async (v) => {
      saved.push(v);
    });
    for (const v of [1, 2, 3]) {
      set(v);
      autosave.changed();
      jest.advanceTimersByTime(200);
    }
    expect(saved).toEqual([]);
    await jest.advanceTimersByTimeAsync(500);
    expect(saved).toEqual([3]);
    expect(states.at(-1)).toBe('saved');
  });

  it('flush saves now and resolves when the server has it', async () => {
    const saved: number[] = [];
    const { autosave, set } = setup(async (v) => {
      saved.push(v);
    });
    set(7);
    autosave.changed();
    await autosave.flush();
    expect(saved).toEqual([7]);
    expect(autosave.hasUnsaved()).toBe(false);
    await autosave.flush();
    expect(saved).toEqual([7]);
  });

  it('never runs two saves at once: a change during a save is saved right after it', async () => {
    let release!: () => void;
    const saved: number[] = [];
    let running = 0;
    const { autosave, set } = setup(async (v) => {
      running += 1;
      expect(running).toBe(1);
      saved.push(v);
      if (v === 1) await new Promise<void>((resolve) => (release = resolve));
      running -= 1;
    });
    set(1);
    autosave.changed();
    const first = autosave.flush();
    set(2);
    autosave.changed();
    const second = autosave.flush();
    release();
    await Promise.all([first, second]);
    expect(saved).toEqual([1, 2]);
  });

  it('reports a failed save, keeps the change unsaved, and saves it on the next try', async () => {
    let fail = true;
    const saved: number[] = [];
    const { autosave, set, states } = setup(async (v) => {
      if (fail) throw new Error('HTTP 500');
      saved.push(v);
    });
    set(1);
    autosave.changed();
    await expect(autosave.flush()).rejects.toThrow('HTTP 500');
    expect(states.at(-1)).toBe('error');
    expect(autosave.hasUnsaved()).toBe(true);
    fail = false;
    await autosave.flush();
    expect(saved).toEqual([1]);
  });
});
