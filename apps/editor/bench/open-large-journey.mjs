// Benchmark: how long the canvas takes to open a 300-step journey, and to tidy it up (dagre), in
// the system Chromium against the built editor (`npm run build -w @waypoint/editor` first).
//
//   node apps/editor/bench/open-large-journey.mjs [steps=300] [runs=5]
//
// The API's answers are served by the browser test tooling (page.route) from a generated journey:
// what is measured is the editor (parse, convert, render, measure, fit), not the database. Prints
// the figures with the machine they ran on; copy them into docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const EDITOR = join(dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = Number(process.argv[2] ?? 300);
const RUNS = Number(process.argv[3] ?? 5);

/** A long abandoned-cart-like journey: waits, sends and a condition every few steps, then exits. */
function largeJourney(steps) {
  const nodes = [
    { id: 'trigger', type: 'trigger.event', data: { event: 'checkout.started' }, position: { x: 0, y: 0 } },
  ];
  const edges = [];
  let previous = { id: 'trigger', handle: 'next' };
  for (let i = 1; nodes.length < steps - 1; i++) {
    const y = i * 160;
    // A condition brings its SMS step along: only when both fit before the exit.
    const kind = i % 4 === 0 && nodes.length + 2 > steps - 1 ? 1 : i % 4;
    const id = `step-${i}`;
    if (kind === 0) {
      nodes.push({
        id,
        type: 'branch.condition',
        data: {
          conditions: [
            {
              id: 'sms',
              name: 'SMS consent',
              when: { attribute: 'consent.sms', op: 'eq', value: 'opted_in' },
            },
          ],
        },
        position: { x: 0, y },
      });
      nodes.push({
        id: `${id}-sms`,
        type: 'send.sms',
        data: { template: 'cart-last-call' },
        position: { x: -300, y: y + 160 },
      });
      edges.push({ source: previous.id, sourceHandle: previous.handle, target: id });
      edges.push({ source: id, sourceHandle: 'sms', target: `${id}-sms` });
      edges.push({ source: `${id}-sms`, sourceHandle: 'next', target: 'done' });
      previous = { id, handle: 'else' };
      continue;
    }
    const node =
      kind === 1
        ? { id, type: 'wait.delay', data: { duration: '1h' } }
        : kind === 2
          ? { id, type: 'send.email', data: { template: 'cart-reminder' } }
          : { id, type: 'action.coupon', data: { kind: 'percent', value: 10, prefix: 'BENCH' } };
    nodes.push({ ...node, position: { x: 0, y } });
    edges.push({ source: previous.id, sourceHandle: previous.handle, target: id });
    previous = { id, handle: 'next' };
  }
  nodes.push({ id: 'done', type: 'exit', data: {}, position: { x: 0, y: (nodes.length + 1) * 160 } });
  edges.push({ source: previous.id, sourceHandle: previous.handle, target: 'done' });
  return { nodes, edges, settings: { exitOn: [{ event: 'order.placed' }] } };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startPreview() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(EDITOR, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: EDITOR, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return { url, child };
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('vite preview did not start');
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${median.toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)})`;
}

const definition = largeJourney(STEPS);
const journey = {
  id: '00000000-0000-4000-8000-000000000300',
  name: `${definition.nodes.length} steps`,
  status: 'draft',
  publishedVersion: null,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  draft: definition,
};

const preview = await startPreview();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  headless: true,
});
const open = [];
const tidy = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.route('**/health', (route) =>
      route.fulfill({ json: { status: 'ok', database: { ok: true }, temporal: { ok: true } } }),
    );
    await page.route(`**/v1/journeys/${journey.id}**`, (route) => {
      const url = route.request().url();
      if (url.endsWith('/versions')) return route.fulfill({ json: { data: [] } });
      if (route.request().method() === 'PUT') return route.fulfill({ json: { data: journey } });
      return route.fulfill({ json: { data: journey } });
    });
    const started = Date.now();
    await page.goto(`${preview.url}/#/journeys/${journey.id}`);
    // Open: every step rendered and measured by React Flow (it hides nodes until measured).
    await page.waitForFunction(
      (count) =>
        document.querySelectorAll('.react-flow__node').length === count &&
        [...document.querySelectorAll('.react-flow__node')].every(
          (n) => getComputedStyle(n).visibility !== 'hidden',
        ),
      definition.nodes.length,
      { timeout: 60_000, polling: 'raf' },
    );
    open.push(Date.now() - started);
    const before = await page.locator('.react-flow__node').first().getAttribute('style');
    const tidyStarted = Date.now();
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await page.waitForFunction(
      (style) => document.querySelector('.react-flow__node')?.getAttribute('style') !== style,
      before,
      { timeout: 60_000, polling: 'raf' },
    );
    tidy.push(Date.now() - tidyStarted);
    await page.close();
  }
} finally {
  await browser.close();
  preview.child.kill();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Editor: open a ${definition.nodes.length}-step journey (${definition.edges.length} connections), ${RUNS} runs`,
);
console.log(
  `  machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, headless Chromium, load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log(`  open (navigation → every step rendered and measured): ${summary(open)}`);
console.log(`  tidy up (dagre layout → positions applied): ${summary(tidy)}`);
