/**
 * Preview for a customer in a real browser against the real API (docs/product.md, "Preview"): a
 * marketer opens the shipped abandoned-cart journey, clicks Preview, finds a customer with SMS
 * consent and sees the path drawn (the SMS last call on it with the branch's reason, the email
 * last call dimmed), then one without SMS consent and sees the other path; Clear preview returns
 * the canvas to editing. Nothing is written.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/journey-preview` after `npm run build`.
 * The screenshots go to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { customerWithCheckout } from '../../api/test/support/checkout-customers';
import type { TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

const ADA = { phone: '+14155550199', timezone: 'Europe/Istanbul' };

describe('journey preview in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'pat.preview@test.local');
  });

  afterAll(() => session.stop());

  const card = (nodeId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"] .journey-node`);
  const cardClass = async (nodeId: string) => (await card(nodeId).getAttribute('class')) ?? '';

  async function previewFor(email: string): Promise<void> {
    const panel = page.getByRole('complementary', { name: 'Preview for a customer' });
    await panel.getByLabel('Find a customer').fill(email);
    await panel.getByRole('button', { name: new RegExp(`^${email.replace(/[.+]/g, '\\$&')}`) }).click();
    await panel
      .getByRole('heading', { name: new RegExp(`^Path for ${email.replace(/[.+]/g, '\\$&')}`) })
      .waitFor();
  }

  it('shows the SMS path for a customer with SMS consent and the email path for one without, with reasons', () =>
    withFailureShot(page, 'journey-preview', async () => {
      await customerWithCheckout(stack, {
        ...ADA,
        email: 'sms.yes@example.com',
        consent: { email: 'opted_in', sms: 'opted_in' },
      });
      await customerWithCheckout(stack, {
        ...ADA,
        email: 'sms.no@example.com',
        consent: { email: 'opted_in' },
      });
      const journeys = (await stack.request('GET', '/v1/journeys')).body.data;
      const cart = journeys.find((j: { name: string }) => /abandoned cart/i.test(j.name));
      const [{ n: runsBefore }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM runs`);

      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.goto(`${preview.url}/#/journeys/${cart.id}`);
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      const panel = page.getByRole('complementary', { name: 'Preview for a customer' });
      await panel.waitFor();

      await previewFor('sms.yes@example.com');
      const path = panel.getByRole('region', { name: 'Previewed path' });
      await expect(path.locator('[data-node="channel"]').innerText()).resolves.toContain(
        'consent.sms is "opted_in" → took \'SMS consent\'',
      );
      await expect(path.locator('[data-node="last-call-sms"]').innerText()).resolves.toMatch(
        /would send SMS to \+14155550199/,
      );
      await expect(path.locator('[data-node="wait-1h"]').innerText()).resolves.toMatch(
        /Until \d{4}-\d\d-\d\d \d\d:\d\d Europe\/Istanbul/,
      );
      expect(await cardClass('last-call-sms')).toContain('journey-node--on-path');
      expect(await cardClass('last-call-email')).toContain('journey-node--off-path');
      await expect(card('channel').innerText()).resolves.toContain("took 'SMS consent'");
      await page.screenshot({ path: join(SCREENSHOTS, 'journey-preview-sms.png') });

      await previewFor('sms.no@example.com');
      await expect(path.locator('[data-node="channel"]').innerText()).resolves.toMatch(
        /consent\.sms is not set → took 'else'/,
      );
      await expect(path.locator('[data-node="last-call-email"]').innerText()).resolves.toMatch(
        /would send email to sms\.no@example\.com/,
      );
      await expect(path.locator('[data-node="last-call-sms"]').count()).resolves.toBe(0);
      expect(await cardClass('last-call-email')).toContain('journey-node--on-path');
      expect(await cardClass('last-call-sms')).toContain('journey-node--off-path');
      await page.screenshot({ path: join(SCREENSHOTS, 'journey-preview-email.png') });

      await panel.getByRole('button', { name: 'Clear preview' }).click();
      await panel.waitFor({ state: 'detached' });
      expect(await cardClass('last-call-sms')).not.toMatch(/on-path|off-path/);
      const [{ n: runsAfter }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM runs`);
      expect(runsAfter).toBe(runsBefore);
      expect(browserErrors).toEqual([]);
    }));
});
