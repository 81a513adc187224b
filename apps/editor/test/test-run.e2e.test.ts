/**
 * A test run in a real browser against the real API and engine (docs/product.md, "Test runs"): a
 * marketer opens the shipped abandoned-cart journey, makes their test profile in the Test run
 * dialog, starts a test run of the draft with every wait cut to two seconds, and watches the canvas
 * follow it: the one-hour wait passed and the reminder email sent to their own address within
 * seconds, marked Test, then the whole day-long journey finished, while the journey's figures stay
 * at zero.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/test-run` after `npm run build`.
 * The screenshot goes to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import type { TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

describe('test run in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'tess.testrun@test.local');
  });

  afterAll(() => session.stop());

  it('starts a test run of the abandoned-cart draft and follows it to the email within seconds', () =>
    withFailureShot(page, 'test-run', async () => {
      const journeys = (await stack.request('GET', '/v1/journeys')).body.data as Array<{
        id: string;
        name: string;
      }>;
      const journeyId = journeys.find((j) => j.name === 'Abandoned cart')?.id as string;

      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.goto(`${preview.url}/#/journeys/${journeyId}`);
      await page.getByRole('button', { name: 'Test run…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Test run' });
      await dialog.getByRole('button', { name: 'Make my test profile' }).click();
      await dialog.getByText(`Sends to ${marketer.email}`).waitFor();
      await dialog.getByLabel('Waits').selectOption({ label: 'Every wait 2 seconds' });
      const started = Date.now();
      await dialog.getByRole('button', { name: 'Start test run' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The canvas follows the run: the hour's wait done and the email sent, on the path, in seconds.
      const follow = page.getByRole('region', { name: /Test run/ });
      await follow.getByText('Test', { exact: true }).waitFor();
      const reminder = follow.locator('.run-step[data-node-id="reminder"].run-step--completed');
      await reminder.waitFor({ timeout: 20_000 });
      expect(Date.now() - started).toBeLessThan(20_000);
      await expect(
        follow.locator('.run-step[data-node-id="wait-1h"].run-step--completed').count(),
      ).resolves.toBe(1);
      await expect(
        follow.getByRole('list', { name: 'Steps so far' }).locator('li[data-node-id="reminder"]').innerText(),
      ).resolves.toContain(`→ ${marketer.email}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'test-run.png') });
      // The day-long journey ends seconds later: the last call sent, the run finished.
      await follow.getByText('Finished: completed').waitFor({ timeout: 20_000 });
      await expect(
        follow.locator('.run-step[data-node-id="last-call-email"].run-step--completed').count(),
      ).resolves.toBe(1);

      const stats = (await stack.request('GET', `/v1/journeys/${journeyId}/stats`)).body.data;
      expect(stats.entered).toBe(0);
      expect(browserErrors).toEqual([]);
    }));
});
