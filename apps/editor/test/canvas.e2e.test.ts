/**
 * The canvas in a real browser against the real API and worker: a marketer draws the abandoned
 * cart journey with the mouse from an empty canvas, publishes, sees the validation problem pinned
 * on the step it concerns, fixes it, publishes again, and watches the first step's counter move
 * when a signed Shopify checkout arrives.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/canvas` after building (the API,
 * the worker and the editor: `npm run build`). Screenshots go to apps/editor/test-results/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* The real API and worker, started the way the API's own end-to-end tests start them; their test
   support is not a lib (yet), so it is imported by path. */
/* eslint-disable @nx/enforce-module-boundaries */
import { deliver, signedDelivery } from '../../api/test/support/shopify';
import { type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { CanvasPage } from '../e2e/canvas-page';
import { signInThroughPage } from '../e2e/sign-in';
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';

jest.setTimeout(180_000);

const SHOTS = SCREENSHOTS;
const FIXTURE = join(__dirname, '../../api/test/fixtures/shopify/checkouts-create.json');

describe('journey canvas in the browser', () => {
  const session = new BrowserSession(undefined, { width: 1600, height: 1000 });
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    // Marketers draw journeys: the canvas works with that role's rights, not an admin's.
    const marketer = await session.person('marketer', 'mia.marketer@test.local');
    await signInThroughPage(page, `${preview.url}/#/journeys`, marketer.email, marketer.password);
    page.on('console', (message) => {
      // HTTP errors the page handles (the 422 of a refused publish) are not script errors.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        browserErrors.push(message.text());
      }
    });
  });

  afterAll(() => session.stop());

  async function shot(name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  it('draws the abandoned cart journey, publishes past a pinned problem, and counts a real checkout', () =>
    withFailureShot(page, 'abandoned-cart', async () => {
      const canvas = new CanvasPage(page);

      // An empty canvas, from "New journey".
      await page.goto(`${preview.url}/#/journeys`);
      await page.getByRole('button', { name: 'New journey' }).click();
      await page.getByRole('radio', { name: /Empty canvas/ }).check();
      await page.getByLabel('Name').fill('Abandoned cart, drawn');
      await page.getByRole('button', { name: 'Create journey' }).click();
      await page.waitForURL(/#\/journeys\/[0-9a-f-]{36}$/);
      const journeyId = page.url().split('/').pop() as string;
      await page.getByText('An empty journey').waitFor();

      // The steps, dragged from the palette; each dropped step is selected, so the inspector edits it.
      await canvas.dropStep('Event trigger', { x: 420, y: 90 });
      await canvas.inspector.getByLabel('Event', { exact: true }).fill('checkout.started');
      await canvas.inspector.getByLabel('Entry key (optional)').fill('checkoutToken');

      await canvas.dropStep('Delay', { x: 420, y: 270 });
      await canvas.inspector.getByLabel('Wait for', { exact: true }).fill('1');
      await canvas.inspector.getByLabel('Wait for (unit)').selectOption('h');

      await canvas.dropStep('Email', { x: 420, y: 450 });
      await canvas.inspector.getByLabel('Template').selectOption('cart-reminder');

      await canvas.dropStep('Exit', { x: 420, y: 630 });

      await canvas.connect('trigger-1', 'next', 'wait-1');
      await canvas.connect('wait-1', 'next', 'email-1');
      expect(await canvas.edgeExists('trigger-1', 'next')).toBe(true);
      expect(await canvas.edgeExists('wait-1', 'next')).toBe(true);

      // A second connection from an output that already leads somewhere is refused as it is drawn,
      // and the canvas says why. (The trigger has no input handle at all: nothing can lead into it.)
      await canvas.connect('trigger-1', 'next', 'email-1');
      await page.getByText(/Cannot connect: That output already leads somewhere/).waitFor();
      await expect(page.locator('.react-flow__edge').count()).resolves.toBe(2);
      await expect(canvas.node('trigger-1').locator('.react-flow__handle.target').count()).resolves.toBe(0);

      // Journey settings: end the run when the order is placed.
      await canvas.pane.click({ position: { x: 760, y: 760 } });
      await canvas.inspector.getByRole('button', { name: 'Add exit rule' }).click();
      await expect(canvas.inspector.getByLabel('Exit rule 1: event').inputValue()).resolves.toBe(
        'order.placed',
      );
      // ... and count an order within a week as this journey's conversion, with its revenue.
      await canvas.inspector.getByLabel('Track a conversion goal').check();
      await canvas.inspector.getByLabel('Within', { exact: true }).fill('7');

      await expect(canvas.node('trigger-1').innerText()).resolves.toContain('When checkout.started');
      await expect(canvas.node('wait-1').innerText()).resolves.toContain('Wait 1 hour');
      await expect(canvas.node('email-1').innerText()).resolves.toContain('Email: cart-reminder');
      await page.getByText('All changes saved').waitFor();
      await shot('1-drawn');

      // Publish: the email's output leads nowhere, so the server refuses, and says so on that step.
      await page.getByRole('button', { name: 'Publish' }).click();
      const problems = page.getByRole('region', { name: /stops? this journey from publishing/ });
      await problems.waitFor();
      await canvas.node('email-1').locator('.journey-node__problems').waitFor();
      await expect(canvas.node('email-1').innerText()).resolves.toMatch(/leads nowhere/);
      await expect(canvas.node('exit-1').innerText()).resolves.toMatch(/cannot be reached/);
      await shot('2-problems-pinned');

      // The list jumps to the step.
      await problems.getByRole('button', { name: /Email “email-1”/ }).click();
      await expect(canvas.inspector.getByRole('heading', { level: 2 }).innerText()).resolves.toContain(
        'Email',
      );

      // Fix it with the mouse; the pinned problems clear as soon as the graph is right.
      await canvas.connect('email-1', 'next', 'exit-1');
      expect(await canvas.edgeExists('email-1', 'next')).toBe(true);
      await problems.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Version 1 published').waitFor();
      await expect(page.locator('.editor__toolbar .pill').innerText()).resolves.toBe('Live');
      const stored = await stack.request('GET', `/v1/journeys/${journeyId}/versions`);
      expect(stored.body.data[0].definition.edges).toEqual([
        { source: 'trigger-1', sourceHandle: 'next', target: 'wait-1' },
        { source: 'wait-1', sourceHandle: 'next', target: 'email-1' },
        { source: 'email-1', sourceHandle: 'next', target: 'exit-1' },
      ]);
      expect(stored.body.data[0].definition.settings.exitOn).toEqual([{ event: 'order.placed' }]);
      expect(stored.body.data[0].definition.settings.goal).toEqual({
        event: 'order.placed',
        window: '7d',
        revenueProperty: 'totalPrice',
      });

      // Watching: a checkout from Shopify enters the journey and the trigger's counter moves.
      await expect(canvas.counter('trigger-1', 'entered').innerText()).resolves.toBe('0');
      const checkout = JSON.parse(readFileSync(FIXTURE, 'utf8'));
      checkout.id = Date.now();
      checkout.token = `e2e${Date.now().toString(16)}`;
      const delivered = await deliver(
        stack.baseUrl,
        signedDelivery('checkouts/create', checkout, stack.shopifySecret),
      );
      expect(delivered.status).toBe(200);

      await page.waitForFunction(
        () =>
          document.querySelector('[data-id="trigger-1"] [data-counter="entered"] strong')?.textContent ===
          '1',
        undefined,
        { timeout: 60_000, polling: 500 },
      );
      await page.waitForFunction(
        () =>
          document.querySelector('[data-id="wait-1"] [data-counter="waiting"] strong')?.textContent === '1',
        undefined,
        { timeout: 30_000, polling: 500 },
      );
      await expect(page.locator('[data-stat="entered"]').innerText()).resolves.toBe('1');
      await shot('3-live-counts');

      expect(browserErrors).toEqual([]);
    }));

  it('opens a shipped journey, edits it with mouse and keyboard, publishes and runs its lifecycle', () =>
    withFailureShot(page, 'template', async () => {
      const canvas = new CanvasPage(page);
      await page.goto(`${preview.url}/#/journeys`);
      await page.getByRole('button', { name: 'New journey' }).click();
      await page.getByRole('radio', { name: /Abandoned cart/ }).check();
      await page.getByLabel('Name').fill('Cart, from the template');
      await page.getByRole('button', { name: 'Create journey' }).click();
      await canvas.node('channel').waitFor();
      await expect(page.locator('.react-flow__node').count()).resolves.toBe(10);
      // A branch shows its outputs by the conditions' names, then "else".
      const outputs = await canvas.node('channel').locator('.journey-node__output-label').allInnerTexts();
      expect(outputs).toEqual(['WhatsApp (consented, chatting today)', 'SMS consent', 'else']);

      // Delete with the keyboard, and undo.
      await canvas.select('wait-23h');
      await page.keyboard.press('Delete');
      await canvas.node('wait-23h').waitFor({ state: 'detached' });
      expect(await canvas.edgeExists('reminder', 'next')).toBe(false);
      await page.keyboard.press('Control+z');
      await canvas.node('wait-23h').waitFor();
      // React Flow draws edges after it has measured their nodes: on a busy machine a frame later.
      await canvas
        .edge('reminder', 'next')
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
      expect(await canvas.edgeExists('reminder', 'next')).toBe(true);

      // Copy and paste a step; the copy gets a new id.
      await canvas.select('reminder');
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await canvas.node('email-1').waitFor();
      await expect(canvas.node('email-1').innerText()).resolves.toContain('Email: cart-reminder');
      await page.keyboard.press('Delete');
      await canvas.node('email-1').waitFor({ state: 'detached' });

      // Insert an A/B split on an edge with its "+", and check the shares add up to 100.
      await page.getByRole('button', { name: 'Insert a step between free-shipping and channel' }).click();
      await page.getByRole('menuitem', { name: 'A/B split' }).click();
      await canvas.node('split-1').waitFor();
      expect(await canvas.edgeExists('split-1', 'a')).toBe(true);
      await canvas.inspector.getByLabel('Arm 1: share').fill('60');
      await canvas.inspector
        .getByText('The percentages add up to 110 %; they must add up to 100 %.')
        .waitFor();
      await canvas.inspector.getByLabel('Arm 1: share').fill('50');
      await canvas.inspector.getByText('Total: 100 %').waitFor();

      // Keyboard: a palette step added with Enter lands after the selected step, on its free output.
      await page
        .getByRole('navigation', { name: 'Steps' })
        .getByRole('button', { name: 'Exit', exact: true })
        .focus();
      await page.keyboard.press('Enter');
      await canvas.node('exit-1').waitFor();
      expect(await canvas.edgeExists('split-1', 'b')).toBe(true);
      // ... and an output can be re-pointed from the inspector without dragging.
      await canvas.select('split-1');
      await canvas.inspector.getByLabel('Output “Variant B 50 %”').selectOption('done');
      await canvas.select('exit-1');
      await page.keyboard.press('Delete');
      await canvas.node('exit-1').waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Tidy up' }).click();
      await canvas.settled();
      const boxes = await page
        .locator('.react-flow__node')
        .evaluateAll((nodes) =>
          nodes
            .map((node) => node.getBoundingClientRect())
            .map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })),
        );
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap).toBe(false);
        }
      }
      await page.getByText('All changes saved').waitFor();
      await shot('4-template-edited');

      // Publish, look at the version read-only, then pause, resume and archive (each confirmed).
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Version 1 published').waitFor();
      await page.getByRole('button', { name: 'Versions' }).click();
      await page.getByRole('button', { name: 'View version 1' }).click();
      await page.getByText('read-only').waitFor();
      await expect(page.locator('.react-flow__node').count()).resolves.toBe(11);
      await shot('5-version-read-only');
      await page.getByRole('button', { name: 'Back to the draft' }).click();

      const pill = page.locator('.editor__toolbar .pill');
      for (const [action, confirm, status] of [
        ['Pause', 'Pause journey', 'Paused'],
        ['Resume', 'Resume journey', 'Live'],
        ['Archive', 'Archive journey', 'Archived'],
      ]) {
        await page.getByRole('button', { name: action, exact: true }).click();
        await page.getByRole('dialog').getByRole('button', { name: confirm }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        await expect(pill.innerText()).resolves.toBe(status);
      }
      await expect(page.getByRole('button', { name: /^Publish/ }).count()).resolves.toBe(0);
      await expect(
        page
          .getByRole('navigation', { name: 'Steps' })
          .getByRole('button', { name: 'Delay' })
          .getAttribute('aria-disabled'),
      ).resolves.toBe('true');

      // The list shows both journeys with their figures.
      await page.goto(`${preview.url}/#/journeys`);
      const row = page.getByRole('row', { name: /Abandoned cart, drawn/ });
      await row.waitFor();
      await expect(row.getByRole('cell').nth(2).innerText()).resolves.toBe('1');
      await shot('6-journey-list');
      expect(browserErrors).toEqual([]);
    }));
});
