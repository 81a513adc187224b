/**
 * Support in a real browser against the real API and worker, on the abandoned-cart journey as
 * shipped: a support person signs in, finds a shopper by email, opens her abandoned-cart run,
 * ends the two waits with "continue now" (each asks for a reason), and the run page shows why she
 * got the last call by email and not by SMS (no SMS consent), with the path drawn on the canvas.
 * Then she cancels another shopper's run: the dialog insists on a reason, and the audit log
 * (on the run and on the admin page) shows who did it and why.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/support-view` after `npm run build`.
 * Screenshots go to apps/editor/test-results/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { deliver, signedDelivery } from '../../api/test/support/shopify';
import { eventually, TEST_ADMIN, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

const SHOTS = SCREENSHOTS;
const FIXTURE = join(__dirname, '../../api/test/fixtures/shopify/checkouts-create.json');

describe('support view in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let browser: Browser;
  let page: Page;
  let support: Person;
  const browserErrors = session.pageErrors;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, browser, page } = session);
    support = await session.person('support', 'sol.support@test.local');
  });

  afterAll(() => session.stop());

  async function shot(name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  /** A shopper abandons a checkout (no SMS consent, as in the fixture); her run waits 1 h. */
  async function abandonCheckout(email: string): Promise<string> {
    const checkout = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    checkout.id = Date.now();
    checkout.token = `support${Date.now().toString(16)}`;
    checkout.email = email;
    checkout.customer = { ...checkout.customer, id: Date.now(), email };
    checkout.buyer_accepts_sms_marketing = false;
    const delivered = await deliver(
      stack.baseUrl,
      signedDelivery('checkouts/create', checkout, stack.shopifySecret),
    );
    expect(delivered.status).toBe(200);
    const run = await eventually(async () => {
      const [row] = await stack.query<{ id: string }>(
        `SELECT r.id FROM runs r JOIN customers c ON c.id = r.customer_id JOIN journeys j ON j.id = r.journey_id
          JOIN run_steps s ON s.run_id = r.id AND s.node_id = 'wait-1h' AND s.outcome = 'waiting'
         WHERE lower(c.email) = lower($1) AND j.name = 'Abandoned cart'`,
        [email],
      );
      return row?.id;
    }, `the abandoned-cart run of ${email} to wait`);
    return run;
  }

  async function continueNow(reason: string, thenWaitFor: RegExp) {
    await page.getByRole('button', { name: 'Continue now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Continue now?' });
    await dialog.getByLabel('Reason (for the audit log)').fill(reason);
    await dialog.getByRole('button', { name: 'Continue now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(thenWaitFor).first().waitFor({ timeout: 30_000 });
  }

  it('shows support why a shopper got no abandoned-cart SMS', () =>
    withFailureShot(page, 'support-no-sms', async () => {
      const email = `nora.${Date.now()}@example.com`;
      await abandonCheckout(email);

      await signInThroughPage(page, `${preview.url}/`, support.email, support.password);
      // Support starts at the customer search.
      await page.getByRole('heading', { name: 'Customers' }).waitFor();
      await page.getByLabel('Email, phone or customer id').fill(email.slice(0, 12).toUpperCase());
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('row').filter({ hasText: email }).getByRole('link').first().click();

      await page.getByRole('heading', { name: 'Consent' }).waitFor();
      const smsConsent = page.locator('tr[data-channel="sms"]');
      await expect(smsConsent.textContent()).resolves.toMatch(/opted_out|no opt-in/);
      await page
        .getByRole('link', { name: /Abandoned cart/ })
        .first()
        .click();

      await page
        .getByTestId('waiting-for')
        .filter({ hasText: 'Waiting at wait-1h (wait.delay) until' })
        .waitFor();
      await page.locator('.run-step[data-node-id="wait-1h"].run-step--current').waitFor();
      await shot('support-run-waiting');

      await continueNow('shopper asked on chat for the reminder now', /Waiting at wait-23h/);
      await continueNow('testing the last call', /reached the end of the journey/);

      const channel = page.locator('.timeline__step').filter({ hasText: 'channel' });
      await expect(channel.textContent()).resolves.toMatch(/sms.*→ took 'else'/i);
      await expect(
        page.locator('.timeline__step').filter({ hasText: 'last-call-email' }).textContent(),
      ).resolves.toContain(email);
      // On the canvas: the email last call was reached, the SMS one never was.
      await expect(
        page.locator('.run-step[data-node-id="last-call-sms"]').getAttribute('data-visits'),
      ).resolves.toBe('0');
      await expect(
        page.locator('.run-step[data-node-id="last-call-email"]').getAttribute('data-visits'),
      ).resolves.toBe('1');
      await expect(
        page.locator('.run-step[data-node-id="channel"]').getAttribute('class'),
      ).resolves.toContain('run-step--visited');
      const staff = page.getByRole('region', { name: 'Staff actions' });
      await expect(staff.textContent()).resolves.toContain('shopper asked on chat for the reminder now');
      await shot('support-run-why-no-sms');
      expect(browserErrors).toEqual([]);
    }));

  it('asks for a reason before cancelling a run and shows it in the audit log', () =>
    withFailureShot(page, 'support-cancel', async () => {
      const email = `omar.${Date.now()}@example.com`;
      const runId = await abandonCheckout(email);
      await page.goto(`${preview.url}/#/runs/${runId}`);
      await page.getByRole('button', { name: 'Cancel run' }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
      await dialog.getByRole('button', { name: 'Cancel run' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Say why' }).waitFor();
      const [{ status }] = await stack.query<{ status: string }>(`SELECT status FROM runs WHERE id = $1`, [
        runId,
      ]);
      expect(status).toBe('running');

      await dialog.getByLabel('Reason (for the audit log)').fill('customer bought by phone');
      await dialog.getByRole('button', { name: 'Cancel run' }).click();
      await page
        .getByTestId('status-reason')
        .filter({ hasText: 'customer bought by phone' })
        .waitFor({ timeout: 30_000 });
      await expect(page.locator('.audit-list').textContent()).resolves.toMatch(
        /Test support <sol\.support@test\.local> cancelled the run: “customer bought by phone”/,
      );
      await shot('support-run-cancelled');

      // Admins see it in the audit log, with who and why.
      const admin = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
      await signInThroughPage(admin, `${preview.url}/#/admin`, TEST_ADMIN.email, TEST_ADMIN.password);
      const row = admin
        .getByTestId('audit-log')
        .getByRole('row')
        .filter({ hasText: 'customer bought by phone' });
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(
        /sol\.support@test\.local.*cancelled the run.*run .*customer bought by phone/,
      );
      await admin.screenshot({ path: join(SHOTS, 'admin-audit-log.png'), fullPage: true });
      await admin.close();
      expect(browserErrors).toEqual([]);
    }));
});
