/**
 * The dashboard in a real browser against the real API: a marketer finds it first in the menu,
 * and sees the revenue chart and the numbers the API answers for the same data (totals, stages,
 * top journeys, deliverability), then a shorter period.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/dashboard-page` after `npm run build`.
 * Screenshots go to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { seedDashboard } from '../../api/test/support/dashboard-data';
import { type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

describe('dashboard page in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'dora.dashboard@test.local');
    await seedDashboard(stack);
  });

  afterAll(() => session.stop());

  /** Money and counts as the page formats them (the browser's locale). */
  const formatted = (values: number[], decimals: number) =>
    page.evaluate(
      ([list, digits]) =>
        list.map((v) =>
          new Intl.NumberFormat(undefined, {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }).format(v),
        ),
      [values, decimals] as const,
    );

  it('is the start page, first in the menu, and shows the chart and the figures the API answers', () =>
    withFailureShot(page, 'dashboard-page', async () => {
      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      // The dashboard is a marketer's start page.
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link').first().innerText()).toBe('Dashboard');
      await nav.getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      expect(page.url()).toMatch(/#\/dashboard$/);

      const api = (await stack.request('GET', '/v1/dashboard?days=30')).body.data;
      const totals = page.getByRole('definition');
      await page.locator('[data-figure="revenue"]').waitFor();
      const [revenue, attributed] = await formatted([api.revenue, api.attributedRevenue], 2);
      expect(await page.locator('[data-figure="revenue"]').innerText()).toBe(revenue);
      expect(await page.locator('[data-figure="attributed"]').innerText()).toBe(attributed);
      expect(await page.locator('[data-figure="share"]').innerText()).toBe(
        `${(Math.round(api.attributedShare * 1000) / 10).toFixed(1)} %`,
      );
      expect(await totals.count()).toBe(3);

      // The chart: one line for all revenue, one for what journeys earned, over the period's days.
      await page.locator('.recharts-line').first().waitFor();
      expect(await page.locator('.recharts-line').count()).toBe(2);
      // Each line is drawn through every day of the period (30 points: one M and 29 segments).
      for (const path of await page.locator('.recharts-line path.recharts-curve').all()) {
        expect(((await path.getAttribute('d')) ?? '').match(/[ML]/g)).toHaveLength(30);
      }
      expect(await page.locator('.recharts-legend-item-text').allInnerTexts()).toEqual([
        'All revenue',
        'From journeys',
      ]);

      const stages = page.getByRole('table', { name: 'Customers by stage' });
      const vip = api.stages.find((s: { stage: string }) => s.stage === 'vip');
      const [vipTotal] = await formatted([vip.totalSpent], 2);
      const vipRow = stages.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'VIP' }) });
      expect(await vipRow.getByRole('cell').allInnerTexts()).toEqual([
        String(vip.customers),
        vipTotal,
        vipTotal,
      ]);
      expect(await stages.getByRole('row').count()).toBe(1 + api.stages.length);

      const journeys = page.getByRole('table', { name: 'Top journeys' });
      const top = api.topJourneys[0];
      const [topRevenue, topPerRecipient] = await formatted([top.revenue, top.revenuePerRecipient], 2);
      const topRow = journeys.getByRole('row').nth(1);
      expect(await topRow.getByRole('rowheader').innerText()).toBe(top.name);
      expect(await topRow.getByRole('cell').allInnerTexts()).toEqual([
        String(top.conversions),
        topRevenue,
        String(top.recipients),
        topPerRecipient,
      ]);
      expect(await journeys.getByRole('row').count()).toBe(1 + api.topJourneys.length);

      const email = api.deliverability.find((c: { channel: string }) => c.channel === 'email');
      const emailRow = page
        .getByRole('table', { name: 'Deliverability' })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Email' }) });
      expect(await emailRow.getByRole('cell').allInnerTexts()).toEqual([
        String(email.sent),
        String(email.delivered),
        String(email.bounced),
        `${(Math.round(email.bounceRate * 1000) / 10).toFixed(1)} %`,
        String(email.unsubscribes),
        `${(Math.round(email.unsubscribeRate * 1000) / 10).toFixed(1)} %`,
      ]);
      expect([email.sent, email.bounced]).toEqual([3, 1]);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-page.png'), fullPage: true });

      // A shorter period reads its own figures.
      const week = (await stack.request('GET', '/v1/dashboard?days=7')).body.data;
      await page.getByLabel('Period').selectOption('7');
      const [weekRevenue] = await formatted([week.revenue], 2);
      await page.locator('[data-figure="revenue"]', { hasText: weekRevenue }).waitFor();
      expect(weekRevenue).not.toBe(revenue);
      expect(browserErrors).toEqual([]);
    }));
});
