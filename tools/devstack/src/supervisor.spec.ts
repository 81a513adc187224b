import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Crash, type RestartPolicy, Supervisor, restartDelay } from './supervisor';
import { sleep } from './timing';

/**
 * Real child processes (tiny node scripts), short delays. Each start of the child appends its pid
 * and the time to a file, so the test sees real restarts, not the supervisor's account of them.
 */
describe('Supervisor', () => {
  let dir: string;
  let startsFile: string;
  let supervisor: Supervisor | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'supervisor-spec-'));
    startsFile = path.join(dir, 'starts');
  });

  afterEach(async () => {
    await supervisor?.stopAll(1_000);
    supervisor = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const RECORD_START = `const fs = require('fs');
fs.appendFileSync(process.env.STARTS_FILE, process.pid + ' ' + Date.now() + '\\n');
const startNumber = fs.readFileSync(process.env.STARTS_FILE, 'utf8').trim().split('\\n').length;`;

  function starts(): { pid: number; at: number }[] {
    let text: string;
    try {
      text = readFileSync(startsFile, 'utf8');
    } catch {
      return [];
    }
    return text
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [pid, at] = line.split(' ').map(Number);
        return { pid, at };
      });
  }

  function supervise(script: string, policy: Partial<RestartPolicy>) {
    const crashes: Crash[] = [];
    const lines: string[] = [];
    supervisor = new Supervisor({
      policy,
      log: (line) => lines.push(line),
      onCrash: (crash) => crashes.push(crash),
    });
    const service = supervisor.spawn('child', process.execPath, ['-e', `${RECORD_START}\n${script}`], {
      env: { ...process.env, STARTS_FILE: startsFile },
      title: 'the child',
      log: () => undefined,
    });
    return { service, crashes, lines, group: supervisor };
  }

  async function waitUntil(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
      await sleep(20);
    }
  }

  function isAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  it('restarts a child that exits with code 1 after delays that double up to the maximum, and stopping ends it without another restart', async () => {
    const { service, crashes, lines, group } = supervise('process.exit(1);', {
      firstDelayMs: 100,
      maxDelayMs: 400,
      resetAfterMs: 60_000,
    });

    await waitUntil('five crashes', () => crashes.length >= 5);
    await group.stopAll(1_000);

    expect(crashes.slice(0, 5).map((c) => c.delayMs)).toEqual([100, 200, 400, 400, 400]);
    expect(crashes.slice(0, 5).map((c) => c.inARow)).toEqual([1, 2, 3, 4, 5]);
    expect(crashes.every((c) => c.status.code === 1)).toBe(true);
    // Each restart really came at least the announced delay after the crash before it.
    const seen = starts();
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen.map((s) => s.pid)).size).toBe(seen.length);
    for (let i = 0; i < 4; i++) {
      expect(seen[i + 1].at - seen[i].at).toBeGreaterThanOrEqual(crashes[i].delayMs);
    }
    expect(lines[0]).toMatch(
      /^The child \(pid \d+\) exited with code 1 after .+: restarting it in 100ms \(crash 1 in a row\)\.$/,
    );
    expect(lines[1]).toMatch(/^Restarted the child \(pid \d+\)\.$/);

    // Stopped: no start after that, however long we wait.
    const startsWhenStopped = seen.length;
    const crashesWhenStopped = crashes.length;
    await sleep(1_000);
    expect(starts()).toHaveLength(startsWhenStopped);
    expect(crashes).toHaveLength(crashesWhenStopped);
    await expect(service.ended).resolves.toBeDefined();
  });

  it('restarts a child killed by a signal it was not sent (kill -9), and stopping sends SIGTERM without a restart', async () => {
    const { service, crashes, group } = supervise('setInterval(() => undefined, 1000);', {
      firstDelayMs: 50,
      maxDelayMs: 50,
    });
    await waitUntil('the child started', () => starts().length === 1);
    const first = starts()[0].pid;

    process.kill(first, 'SIGKILL');
    await waitUntil('the child started again', () => starts().length === 2);
    expect(crashes).toHaveLength(1);
    expect(crashes[0].status.signal).toBe('SIGKILL');
    expect(service.restarts).toBe(1);
    const second = starts()[1].pid;
    expect(second).not.toBe(first);
    expect(service.pid).toBe(second);

    await group.stopAll(2_000);
    const ended = await service.ended;
    expect(ended.signal).toBe('SIGTERM');
    expect(isAlive(second)).toBe(false);
    await sleep(300);
    expect(starts()).toHaveLength(2);
    expect(crashes).toHaveLength(1);
  });

  it('treats a crash after a start that stayed up the reset time as the first in a row again', async () => {
    // Starts 1 and 2 crash at once, start 3 stays up 2.5 s, start 4 crashes at once.
    const script = 'setTimeout(() => process.exit(1), startNumber === 3 ? 2500 : 0);';
    const { crashes } = supervise(script, { firstDelayMs: 50, maxDelayMs: 5_000, resetAfterMs: 2_000 });

    await waitUntil('four crashes', () => crashes.length >= 4);

    expect(crashes.slice(0, 4).map((c) => c.delayMs)).toEqual([50, 100, 50, 100]);
    expect(crashes[2].upMs).toBeGreaterThanOrEqual(2_000);
  });

  it('restarts a child that exits with code 0 without being asked to: these servers never end on their own', async () => {
    const { service, crashes, lines } = supervise('process.exit(0);', { firstDelayMs: 50, maxDelayMs: 50 });

    await waitUntil('the child started again', () => starts().length >= 2);

    expect(crashes[0].status).toEqual({ code: 0, signal: null });
    expect(lines[0]).toMatch(/exited with code 0 without being asked to after .+: restarting it in 50ms/);
    expect(service.restarts).toBeGreaterThanOrEqual(1);
  });

  it('restarts a child that stops cleanly on a SIGTERM someone else sent', async () => {
    const script = "process.on('SIGTERM', () => process.exit(0)); setInterval(() => undefined, 1000);";
    const { crashes } = supervise(script, { firstDelayMs: 50, maxDelayMs: 50 });
    await waitUntil('the child started', () => starts().length === 1);

    process.kill(starts()[0].pid, 'SIGTERM');
    await waitUntil('the child started again', () => starts().length === 2);

    expect(crashes).toHaveLength(1);
    expect(crashes[0].status.code).toBe(0);
  });

  it('stops at once while waiting to restart, and never starts it again', async () => {
    const { service, crashes, group } = supervise('process.exit(3);', { firstDelayMs: 20_000 });
    await waitUntil('the crash', () => crashes.length === 1);

    const before = Date.now();
    await group.stopAll(1_000);

    expect(Date.now() - before).toBeLessThan(1_000);
    expect((await service.ended).code).toBe(3);
    expect(starts()).toHaveLength(1);
  });

  it('doubles the delay from the first up to the maximum', () => {
    const policy = { firstDelayMs: 1_000, maxDelayMs: 30_000, resetAfterMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => restartDelay(policy, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});
