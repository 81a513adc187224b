/**
 * The editor phase: how long the canvas takes to open a large journey and how smoothly it pans,
 * in the system Chromium (headless, driven by playwright-core) against the built editor served by
 * `vite preview`, its API proxy pointed at the benchmark's stack. The journey is created (and, for
 * the live case, published) through the API, so an open is everything a marketer waits for: the
 * editor's code, the API's answers through the proxy, converting, rendering and measuring every
 * step, fitting it into view, and on a live journey the counters of every step.
 *
 * Timings are taken in the page (`performance.now()`, i.e. from the start of the navigation),
 * by a requestAnimationFrame probe installed before the editor's own code runs.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type ManagedProcess, freePort, spawnService, waitForHttpOk } from '@waypoint/devstack';
import { createJourney, publishDraft, type ApiAccess } from './journeys';
import { largeJourney } from './large-journey';
import type { Monitor } from './monitor';
import { childrenOf, type CpuShares } from './proc';
import type { Stack } from './stack';
import { median } from './stats';

/** No long task for this long after the steps are on screen: the editor answers input at once. */
const QUIET_MS = 500;
const VIEWPORT = { width: 1600, height: 1000 };
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

export interface EditorConfig {
  steps: number;
  runs: number;
  panSeconds: number;
}

export interface OpenSample {
  /** Navigation start → the journey's GET answered (the editor's code loaded and ran first). */
  journeyFetchedMs: number;
  /** Navigation start → every step rendered, measured (visible) and fitted into view (+ counters when live). */
  renderedMs: number;
  /** Rendered, and no long task until QUIET_MS later: from then on input is handled at once. */
  interactiveMs: number;
  longTasks: number;
  longTaskMs: number;
  cpu: CpuShares;
}

export interface FrameStats {
  frames: number;
  seconds: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Shares of frames that took longer than a 60 Hz frame (with 1 ms of timer jitter allowed) and than two. */
  over16: number;
  over33: number;
  longTasks: number;
  longTaskMs: number;
}

export interface EditorCase {
  name: 'draft' | 'live';
  opens: OpenSample[];
  pans: FrameStats[];
  /** "Tidy up" (dagre on every step) → new positions on screen; draft only. */
  tidyMs: number[];
}

export interface EditorResults {
  startedAt: string;
  wallSeconds: number;
  steps: number;
  edges: number;
  runs: number;
  chromium: string;
  viewport: { width: number; height: number };
  /** Whether the API had sign-in: the browser signed in through the editor's proxy. */
  signedIn: boolean;
  cases: EditorCase[];
}

interface PageProbe {
  renderedAt: number | null;
  longTasks: Array<{ start: number; duration: number }>;
  frames: number[];
  recording: boolean;
}

declare global {
  interface Window {
    __bench: PageProbe;
  }
}

/** Installed before the editor's code: records long tasks, and when every step is on screen. */
function installProbe({ steps, live }: { steps: number; live: boolean }): void {
  const probe: PageProbe = { renderedAt: null, longTasks: [], frames: [], recording: false };
  window.__bench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const done = (): boolean => {
    if (document.querySelectorAll('.react-flow__node').length !== steps) return false;
    // React Flow keeps a step hidden until it has measured it.
    if (document.querySelector('.react-flow__node[style*="visibility: hidden"]')) return false;
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewport || viewport.style.transform === 'translate(0px, 0px) scale(1)') return false;
    return !live || document.querySelectorAll('.journey-node__counters').length === steps;
  };
  const check = (): void => {
    if (done()) probe.renderedAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

function startFrameRecording(): void {
  const probe = window.__bench;
  probe.frames = [];
  probe.recording = true;
  const tick = (at: number): void => {
    probe.frames.push(at);
    if (probe.recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function startPreview(
  stack: Stack,
  log: (line: string) => void,
): Promise<{ url: string; service: ManagedProcess }> {
  const editor = path.join(stack.root, 'apps/editor');
  // vite's package exports do not include its bin: found by path, the editor's own copy first.
  const vite = [editor, stack.root]
    .map((dir) => path.join(dir, 'node_modules/vite/bin/vite.js'))
    .find((file) => existsSync(file));
  if (!vite) throw new Error('vite is not installed (npm install)');
  // BENCH_EDITOR_DIST: another build of the editor (e.g. one made before a change, to compare).
  const dist = path.resolve(stack.root, process.env.BENCH_EDITOR_DIST ?? 'apps/editor/dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`The editor is not built in ${dist}: run \`npm run build\` first.`);
  }
  const port = await freePort();
  const service = spawnService(
    'editor',
    process.execPath,
    [vite, 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: editor, env: { ...process.env, API_URL: stack.apiUrl }, log: () => undefined },
  );
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitForHttpOk(url, { timeoutMs: 30_000 }))) {
    await service.stop(5_000);
    throw new Error('vite preview did not answer in 30 s');
  }
  log(`editor (vite preview of ${path.relative(stack.root, dist) || dist}) on ${url}`);
  return { url, service };
}

/** Signs the browser in through the editor's proxy, so the session cookie lands on the editor's origin. */
async function signIn(context: BrowserContext, editorUrl: string, stack: Stack): Promise<boolean> {
  const res = await context.request.post(`${editorUrl}/v1/auth/login`, { data: stack.admin });
  if (res.status() === 404) return false;
  if (!res.ok())
    throw new Error(`Signing in through the editor answered ${res.status()}: ${await res.text()}`);
  return true;
}

/** Nearest-rank percentile. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function frameStats(timestamps: readonly number[], longTasks: PageProbe['longTasks']): FrameStats {
  const deltas = timestamps.slice(1).map((t, i) => t - timestamps[i]);
  const sorted = [...deltas].sort((a, b) => a - b);
  const share = (limit: number) =>
    deltas.length ? deltas.filter((d) => d > limit).length / deltas.length : 0;
  const from = timestamps[0] ?? 0;
  const to = timestamps.at(-1) ?? 0;
  const during = longTasks.filter((t) => t.start >= from && t.start <= to);
  return {
    frames: deltas.length,
    seconds: (to - from) / 1000,
    medianMs: median(deltas),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1) ?? 0,
    over16: share(1000 / 60 + 1),
    over33: share(2000 / 60 + 1),
    longTasks: during.length,
    longTaskMs: during.reduce((sum, t) => sum + t.duration, 0),
  };
}

/** The end of the last long task that began before a quiet window opened after `from`. */
export function quietAfter(from: number, longTasks: PageProbe['longTasks'], quietMs = QUIET_MS): number {
  let at = from;
  for (const task of [...longTasks].sort((a, b) => a.start - b.start)) {
    if (task.start > at + quietMs) break;
    at = Math.max(at, task.start + task.duration);
  }
  return at;
}

async function openOnce(
  page: Page,
  url: string,
  journeyId: string,
  probe: { steps: number; live: boolean },
  monitor: Monitor,
): Promise<OpenSample> {
  await page.addInitScript(installProbe, probe);
  const before = monitor.now();
  await page.goto(`${url}/#/journeys/${journeyId}`);
  await page.waitForFunction(() => window.__bench.renderedAt !== null, null, {
    timeout: 60_000,
    polling: 50,
  });
  // Wait out the quiet window, so a long task just after the steps appear is seen.
  for (;;) {
    const state = await page.evaluate(() => ({ now: performance.now(), probe: window.__bench }));
    const interactive = quietAfter(state.probe.renderedAt as number, state.probe.longTasks);
    if (state.now < interactive + QUIET_MS) {
      await page.waitForTimeout(interactive + QUIET_MS - state.now + 20);
      continue;
    }
    const cpu = monitor.shares(before, monitor.now());
    const fetched = await page.evaluate(
      (id) =>
        performance
          .getEntriesByType('resource')
          .find((entry) => new URL(entry.name).pathname === `/v1/journeys/${id}`) as
          PerformanceResourceTiming | undefined,
      journeyId,
    );
    const open = state.probe.longTasks.filter((t) => t.start <= interactive);
    return {
      journeyFetchedMs: fetched?.responseEnd ?? 0,
      renderedMs: state.probe.renderedAt as number,
      interactiveMs: interactive,
      longTasks: open.length,
      longTaskMs: open.reduce((sum, t) => sum + t.duration, 0),
      cpu,
    };
  }
}

/** Drags the empty canvas up and down for `seconds` at about 60 pointer moves a second. */
async function pan(page: Page, seconds: number): Promise<FrameStats> {
  const x = VIEWPORT.width * 0.78;
  const top = VIEWPORT.height * 0.2;
  const bottom = VIEWPORT.height * 0.85;
  await page.evaluate(startFrameRecording);
  const end = Date.now() + seconds * 1000;
  let down = true;
  while (Date.now() < end) {
    // Up the journey, then back: 60 moves of ~11 px each way, as a hand drags.
    const [from, to] = down ? [bottom, top] : [top, bottom];
    await page.mouse.move(x, from);
    await page.mouse.down();
    for (let i = 1; i <= 60 && Date.now() < end; i++) {
      await page.mouse.move(x, from + ((to - from) * i) / 60);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    down = !down;
  }
  const probe = await page.evaluate(() => {
    window.__bench.recording = false;
    return window.__bench;
  });
  return frameStats(probe.frames, probe.longTasks);
}

async function tidy(page: Page): Promise<number> {
  const first = page.locator('.react-flow__node').first();
  const before = await first.getAttribute('style');
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Tidy up' }).click();
  return page
    .waitForFunction(
      (style) =>
        document.querySelector('.react-flow__node')?.getAttribute('style') !== style
          ? performance.now()
          : false,
      before,
      { timeout: 60_000, polling: 'raf' },
    )
    .then(async (handle) => ((await handle.jsonValue()) as number) - started);
}

async function measureCase(
  name: EditorCase['name'],
  journeyId: string,
  context: BrowserContext,
  url: string,
  cfg: EditorConfig,
  monitor: Monitor,
  log: (line: string) => void,
): Promise<EditorCase> {
  const result: EditorCase = { name, opens: [], pans: [], tidyMs: [] };
  const probe = { steps: cfg.steps, live: name === 'live' };
  // One unmeasured open first: the browser's cache and V8's code cache warm, as for a marketer
  // who opened the editor before.
  for (let run = 0; run <= cfg.runs; run++) {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const open = await openOnce(page, url, journeyId, probe, monitor);
      if (errors.length > 0) throw new Error(`the editor failed: ${errors.join('; ')}`);
      if (run === 0) continue;
      result.opens.push(open);
      const frames = await pan(page, cfg.panSeconds);
      result.pans.push(frames);
      if (name === 'draft') result.tidyMs.push(await tidy(page));
      log(
        `  ${name} ${run}/${cfg.runs}: rendered ${open.renderedMs.toFixed(0)} ms, interactive ${open.interactiveMs.toFixed(0)} ms ` +
          `(journey fetched at ${open.journeyFetchedMs.toFixed(0)} ms, ${open.longTasks} long tasks); ` +
          `pan frames median ${frames.medianMs.toFixed(1)} ms, p95 ${frames.p95Ms.toFixed(1)} ms` +
          (name === 'draft' ? `; tidy up ${result.tidyMs.at(-1)?.toFixed(0)} ms` : ''),
      );
    } finally {
      await page.close();
    }
  }
  return result;
}

export async function editorPhase(
  stack: Stack,
  monitor: Monitor,
  cfg: EditorConfig,
  log: (line: string) => void,
): Promise<EditorResults> {
  const started = Date.now();
  const definition = largeJourney(cfg.steps);
  const api: ApiAccess = stack;
  const draftId = await createJourney(api, `Bench: ${cfg.steps} steps (draft)`, definition);
  const liveId = await createJourney(api, `Bench: ${cfg.steps} steps (live)`, definition);
  await publishDraft(api, liveId);
  log(
    `editor: ${definition.nodes.length} steps, ${definition.edges.length} connections; draft ${draftId}, live ${liveId}`,
  );

  const preview = await startPreview(stack, log);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // `launch` gives the browser a fresh, temporary user-data directory.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
      headless: true,
    });
    // Its CPU (every Chromium process) and the preview's are counted apart from the machine's other work.
    stack.groups.add('browser', childrenOf(process.pid).find((c) => /chrom/i.test(c.comm))?.pid);
    stack.groups.add('preview', preview.service.pid);
    const context = await browser.newContext({ viewport: VIEWPORT });
    const signedIn = await signIn(context, preview.url, stack);
    log(signedIn ? 'editor: signed in as the bench admin' : 'editor: the API has no sign-in (login 404)');
    const cases = [
      await measureCase('draft', draftId, context, preview.url, cfg, monitor, log),
      await measureCase('live', liveId, context, preview.url, cfg, monitor, log),
    ];
    return {
      startedAt: new Date(started).toISOString(),
      wallSeconds: (Date.now() - started) / 1000,
      steps: definition.nodes.length,
      edges: definition.edges.length,
      runs: cfg.runs,
      chromium: browser.version(),
      viewport: VIEWPORT,
      signedIn,
      cases,
    };
  } finally {
    await browser?.close();
    await preview.service.stop(5_000);
  }
}
