/**
 * A journey's results in a real browser against the real API and worker: a marketer opens them
 * from the journey list, sees the charts (entries per day, conversions and revenue, exits by
 * reason) and the totals and per-step figures the API answers, switches to rates, and finds the
 * same range's figures on the canvas's steps.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/journey-results-page` after `npm run build`.
 * Screenshots go to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { couponEmailGoal, publishJourney } from '../../api/test/support/journeys';
import { eventually, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

describe('journey results page in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'rita.results@test.local');
  });

  afterAll(() => session.stop());

  const money = (value: number) =>
    page.evaluate(
      (v) =>
        new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v),
      value,
    );

  it('shows the charts, totals and per-step figures the API answers, as counts, rates and on the canvas', () =>
    withFailureShot(page, 'journey-results-page', async () => {
      const name = 'Results in the browser';
      const journeyId = await publishJourney(stack, name, couponEmailGoal('results.browser'));
      const auth = { authorization: `Bearer ${await stack.apiKey('results-browser')}` };
      const ids = Array.from({ length: 5 }, (_, i) => `results-browser-${i}`);
      const entered = ids.map((id) => ({
        type: 'results.browser',
        customer: { id, email: `${id}@example.com` },
      }));
      expect((await stack.request('POST', '/v1/events/batch', { events: entered }, auth)).status).toBe(202);
      await eventually(async () => {
        const [{ n }] = await stack.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM runs WHERE journey_id = $1 AND status = 'completed'`,
          [journeyId],
        );
        return n === ids.length ? n : undefined;
      }, 'every run to send its email and finish');
      const orders = [ids[0], ids[1]].map((id, i) => ({
        type: 'order.placed',
        customer: { id },
        properties: { totalPrice: 30 + i * 20 },
        idempotencyKey: `browser-order-${id}`,
      }));
      expect((await stack.request('POST', '/v1/events/batch', { events: orders }, auth)).status).toBe(202);
      const api = await eventually(async () => {
        const res = await stack.request('GET', `/v1/journeys/${journeyId}/results`);
        return res.body.data?.conversions === 2 ? res.body.data : undefined;
      }, 'the orders to convert');
      expect(api).toMatchObject({ entered: 5, recipients: 5, revenue: 80 });

      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.goto(`${preview.url}/#/journeys`);
      await page.getByRole('link', { name: `Results of ${name}` }).click();
      await page.getByRole('heading', { name: `Results: ${name}`, level: 1 }).waitFor();
      expect(page.url()).toMatch(new RegExp(`#/journeys/${journeyId}/results$`));

      await page.locator('[data-figure="entered"]').waitFor();
      expect(await page.locator('[data-figure="entered"]').innerText()).toBe('5');
      expect(await page.locator('[data-figure="conversions"]').innerText()).toBe('2 (40.0 %)');
      expect(await page.locator('[data-figure="revenue"]').innerText()).toBe(await money(api.revenue));
      expect(await page.locator('[data-figure="revenue-per-recipient"]').innerText()).toBe(
        await money(api.revenuePerRecipient),
      );

      // The charts: entries per day as bars; conversions as bars and revenue as a line.
      const entries = page.locator('[data-chart="entries"]');
      await entries.locator('.recharts-bar').waitFor();
      // A bar for each day with entries (a day without any draws none).
      expect(await entries.locator('.recharts-bar-rectangle').count()).toBe(
        api.days.filter((d: { entered: number }) => d.entered > 0).length,
      );
      const conversions = page.locator('[data-chart="conversions"]');
      expect(await conversions.locator('.recharts-line').count()).toBe(1);
      expect(await conversions.locator('.recharts-legend-item-text').allInnerTexts()).toEqual([
        'Conversions',
        `Revenue (${api.currency})`,
      ]);
      expect(await page.locator('[data-chart="exits"] .recharts-bar').count()).toBe(1);
      expect(await page.getByRole('table', { name: 'Exits' }).getByRole('row').allInnerTexts()).toEqual(
        api.exits.map((e: { status: string; runs: number }) => `${e.status}\t${e.runs}`),
      );

      // Per step, as counts and as rates, the API's figures.
      const email = api.nodes.find((n: { nodeId: string }) => n.nodeId === 'email');
      const step = page.locator('[data-node="email"]');
      const figure = (key: string) => step.locator(`[data-step-figure="${key}"] dd`).innerText();
      expect(await figure('entered')).toBe(String(email.entered));
      expect(await figure('sent')).toBe(String(email.sent));
      expect(await figure('converted')).toBe(String(email.converted));
      await page.getByRole('radio', { name: 'Rates' }).check();
      await step.locator('[data-step-figure="converted"] dd', { hasText: '%' }).waitFor();
      expect(await figure('converted')).toBe(`${(email.conversionRate * 100).toFixed(1)} %`);
      await page.screenshot({ path: join(SCREENSHOTS, 'journey-results-page.png'), fullPage: true });

      // The canvas's steps, for the same range and as rates.
      await page.getByRole('link', { name: 'Open the canvas' }).click();
      await page.getByRole('combobox', { name: 'Step figures' }).selectOption('range');
      const card = page.locator('.react-flow__node[data-id="email"]');
      await card.locator('[data-step-figure="converted"]', { hasText: '%' }).waitFor();
      expect(await card.locator('[data-step-figure="converted"] strong').innerText()).toBe(
        `${(email.conversionRate * 100).toFixed(1)} %`,
      );
      expect(await page.locator(`[data-range="${api.from}/${api.to}"]`).count()).toBe(1);
      await page.getByRole('radio', { name: 'Counts' }).check();
      await card.locator('[data-step-figure="sent"] strong', { hasText: String(email.sent) }).waitFor();
      expect(await card.locator('[data-step-figure="entered"] strong').innerText()).toBe(
        String(email.entered),
      );
      expect(browserErrors).toEqual([]);
    }));
});
