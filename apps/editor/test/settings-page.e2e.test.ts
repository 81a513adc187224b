/**
 * The Settings page in a real browser against the real API: an admin's unknown currency is refused
 * next to the currency field; the admin changes the time zone and it is saved; changing lifecycle
 * thresholds updates the live preview of customers per stage before anything is saved, then saves
 * them; a marketer reads the page with every input disabled and is told why.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/settings-page` after `npm run build`.
 * Screenshots go to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { eventually, TEST_ADMIN, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

const DAY = 86_400_000;

describe('settings page in the browser', () => {
  const session = new BrowserSession(undefined, { width: 1400, height: 1100 });
  let stack: TestStack;
  let preview: EditorPreview;
  let browser: Browser;
  let page: Page;
  const browserErrors = session.pageErrors;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, browser, page } = session);
    const key = await stack.apiKey('settings-browser');
    // Three first-time buyers whose only order was 20 days ago: first_time under the defaults.
    for (const id of ['s-1', 's-2', 's-3']) {
      const res = await stack.request(
        'POST',
        '/v1/events',
        {
          type: 'order.placed',
          customer: { id, email: `${id}@shop.example` },
          properties: { orderId: `${id}-o1`, totalPrice: 40, usedDiscount: false },
          timestamp: new Date(Date.now() - 20 * DAY).toISOString(),
          idempotencyKey: `settings-browser-${id}`,
        },
        { authorization: `Bearer ${key}` },
      );
      expect(res.status).toBeLessThan(300);
    }
  });

  afterAll(() => session.stop());

  it('lets an admin change the time zone, naming a refused value next to its field', () =>
    withFailureShot(page, 'settings-store', async () => {
      await signInThroughPage(page, `${preview.url}/`, TEST_ADMIN.email, TEST_ADMIN.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      const form = page.getByRole('form', { name: 'Store profile' });

      await form.getByLabel('Currency', { exact: true }).fill('XYZ');
      await form.getByRole('button', { name: 'Save store settings' }).click();
      await form
        .getByRole('alert')
        .filter({ hasText: '"XYZ" is not an ISO 4217 currency' })
        .first()
        .waitFor();
      await expect(form.getByLabel('Currency', { exact: true }).getAttribute('aria-invalid')).resolves.toBe(
        'true',
      );
      expect((await stack.request('GET', '/v1/settings/store')).body.data.currency).toBe('USD');

      await form.getByLabel('Currency', { exact: true }).fill('TRY');
      await form.getByLabel('Time zone', { exact: true }).selectOption('Europe/Istanbul');
      await form.getByRole('button', { name: 'Save store settings' }).click();
      await eventually(async () => {
        const saved = (await stack.request('GET', '/v1/settings/store')).body.data;
        return saved.timeZone === 'Europe/Istanbul' && saved.currency === 'TRY' ? saved : undefined;
      }, 'the new time zone and currency to be saved');
      await expect(form.getByLabel('Time zone', { exact: true }).inputValue()).resolves.toBe(
        'Europe/Istanbul',
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'settings-store.png'), fullPage: true });
    }));

  it('previews customers per stage as an admin changes thresholds, then saves them', () =>
    withFailureShot(page, 'settings-lifecycle', async () => {
      const form = page.getByRole('form', { name: 'Lifecycle thresholds' });
      const cell = (stage: string) => page.getByTestId(`preview-${stage}`);
      const shows = (stage: string, text: string) =>
        eventually(
          async () => ((await cell(stage).textContent()) === text ? true : undefined),
          `${stage}: ${text}`,
        );
      await shows('first_time', '3');
      await expect(cell('inactive').textContent()).resolves.toBe('0');

      await form.getByLabel('At risk after').fill('10');
      await form.getByLabel('Inactive after').fill('15');
      await shows('inactive', '3');
      await expect(cell('first_time').textContent()).resolves.toBe('0');
      // Only a preview: nothing saved, nobody moved.
      expect((await stack.request('GET', '/v1/settings/lifecycle')).body.data.atRiskDays).toBe(60);
      const [{ n }] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM customers WHERE lifecycle_stage = 'inactive'`,
      );
      expect(n).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'settings-preview.png'), fullPage: true });

      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await eventually(async () => {
        const saved = (await stack.request('GET', '/v1/settings/lifecycle')).body.data;
        return saved.atRiskDays === 10 && saved.inactiveDays === 15 ? saved : undefined;
      }, 'the thresholds to be saved');
      expect(browserErrors).toEqual([]);
    }));

  it('shows a marketer the settings read-only, saying why', () =>
    withFailureShot(page, 'settings-marketer', async () => {
      const marketer = await stack.personWithRole('marketer');
      const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
      const marketerPage = await context.newPage();
      await signInThroughPage(marketerPage, `${preview.url}/#/settings`, marketer.email, marketer.password);
      await marketerPage
        .getByTestId('read-only')
        .filter({ hasText: 'only admins change the store settings' })
        .waitFor();
      const zone = marketerPage.getByLabel('Time zone', { exact: true });
      await expect(zone.inputValue()).resolves.toBe('Europe/Istanbul');
      await expect(zone.isDisabled()).resolves.toBe(true);
      await expect(marketerPage.getByLabel('Inactive after').isDisabled()).resolves.toBe(true);
      await expect(marketerPage.getByLabel('Inactive after').inputValue()).resolves.toBe('15');
      await expect(marketerPage.getByRole('button', { name: /^Save/ }).count()).resolves.toBe(0);
      await marketerPage.screenshot({ path: join(SCREENSHOTS, 'settings-marketer.png'), fullPage: true });
      await context.close();
    }));
});
