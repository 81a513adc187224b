/**
 * The store page in a real browser against the real API and the local Shopify Admin API
 * (ShopifyAdminStub): an admin types a wrong token and reads the store's refusal in words, then
 * connects with the right one and sees the shop's name, currency, time zone and locale and one
 * registered webhook per topic the engine maps; the token field is a password field and the token
 * is never shown again; a marketer reads the page without the connect form.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/store-settings` after `npm run build`.
 * Screenshots go to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
// The test (not the editor) stands up the API and a local Shopify: server code is fine here.
/* eslint-disable @nx/enforce-module-boundaries */
import { WAYPOINT_WEBHOOK_TOPICS } from '@waypoint/shopify';
import { ShopifyAdminStub } from '@waypoint/testing';
import { TEST_ADMIN, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

const TOKEN = 'shpat_browser_test_token';

describe('the store page in the browser', () => {
  const stub = new ShopifyAdminStub({
    accessToken: TOKEN,
    shop: { name: 'Maison Lumière', currencyCode: 'EUR', ianaTimezone: 'Europe/Paris' },
  });
  // The API is told the stub's address, which is known once the stub listens.
  let session: BrowserSession | undefined;
  let stack: TestStack;
  let preview: EditorPreview;
  let browser: Browser;
  let page: Page;
  let browserErrors: string[];

  beforeAll(async () => {
    await stub.start();
    session = new BrowserSession(
      { env: { SHOPIFY_API_URL: stub.url, SHOPIFY_SHOP: '', SHOPIFY_ADMIN_TOKEN: '' } },
      { width: 1400, height: 1000 },
    );
    await session.start();
    ({ stack, preview, browser, page, pageErrors: browserErrors } = session);
  });

  afterAll(async () => {
    await session?.stop();
    await stub.stop();
  });

  it('lets an admin connect the store and shows the shop and its webhooks', () =>
    withFailureShot(page, 'store-connect', async () => {
      await signInThroughPage(page, `${preview.url}/`, TEST_ADMIN.email, TEST_ADMIN.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store' }).click();
      await page.getByRole('heading', { name: 'Store', level: 1 }).waitFor();
      await page.getByTestId('store-not-connected').waitFor();

      const form = page.getByRole('form', { name: 'Connect the store' });
      const token = form.getByLabel('Admin API access token');
      await expect(token.getAttribute('type')).resolves.toBe('password');
      await form.getByLabel('Shop domain').fill('waypoint-test');
      await token.fill('shpat_not_the_right_one');
      await form.getByRole('button', { name: 'Connect' }).click();
      const refusal = form.getByRole('alert');
      await refusal.waitFor();
      await expect(refusal.textContent()).resolves.toMatch(
        /Could not connect: Shopify store waypoint-test\.myshopify\.com refused the Admin API token: .*Invalid API key or access token/,
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'store-wrong-token.png'), fullPage: true });
      expect(stub.store.webhookSubscriptions).toEqual([]);

      await token.fill(TOKEN);
      await form.getByLabel('Webhook secret').fill('browser-webhook-secret');
      await form.getByRole('button', { name: 'Connect' }).click();

      await page.getByTestId('shop-name').filter({ hasText: 'Maison Lumière' }).waitFor();
      const defaults = page.getByTestId('shop-defaults');
      await expect(defaults.textContent()).resolves.toMatch(/EUR.*Europe\/Paris.*fr/);
      const webhooks = page.getByTestId('store-webhooks');
      await webhooks.waitFor();
      for (const topic of WAYPOINT_WEBHOOK_TOPICS)
        await expect(webhooks.locator(`tr[data-topic="${topic}"]`).textContent()).resolves.toContain(
          'registered',
        );
      await expect(page.getByText(`${stack.baseUrl}/webhooks/shopify`).count()).resolves.toBe(1);
      expect(stub.store.webhookSubscriptions).toHaveLength(WAYPOINT_WEBHOOK_TOPICS.length);
      // The token went in once and is not on the page any more, not even in the form.
      await expect(page.getByLabel('Admin API access token').inputValue()).resolves.toBe('');
      await expect(page.content()).resolves.not.toContain(TOKEN);

      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByRole('status').filter({ hasText: 'The store answered: Maison Lumière' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'store-connected.png'), fullPage: true });
      expect(browserErrors).toEqual([]);
    }));

  it('shows a marketer the connection without the means to change it', () =>
    withFailureShot(page, 'store-marketer', async () => {
      const marketer = await stack.personWithRole('marketer');
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const marketerPage = await context.newPage();
      await signInThroughPage(marketerPage, `${preview.url}/#/store`, marketer.email, marketer.password);
      await marketerPage.getByTestId('shop-name').filter({ hasText: 'Maison Lumière' }).waitFor();
      await marketerPage.getByText('Only admins connect, test or disconnect the store.').waitFor();
      await expect(marketerPage.getByRole('form', { name: 'Connect the store' }).count()).resolves.toBe(0);
      await expect(marketerPage.getByRole('button', { name: 'Test connection' }).count()).resolves.toBe(0);
      await context.close();
    }));

  it('disconnects after asking', () =>
    withFailureShot(page, 'store-disconnect', async () => {
      await page.getByRole('button', { name: 'Disconnect' }).click();
      const dialog = page.getByRole('dialog', { name: /Disconnect waypoint-test\.myshopify\.com\?/ });
      await dialog.getByRole('button', { name: 'Disconnect' }).click();
      await page.getByTestId('store-not-connected').waitFor();
      const [{ n }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM store_connection`);
      expect(n).toBe(0);
    }));
});
