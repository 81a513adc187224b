/**
 * The publish impact in a real browser against the real API: a marketer changes a step of a live
 * journey on which a run is waiting, clicks Publish changes, sees the changed step and the run
 * that stays on version 1 in the dialog, confirms, and version 2 is published.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/publish-impact` after `npm run build`.
 * The screenshot goes to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { couponWaitEmail, publishJourney } from '../../api/test/support/journeys';
import { deliver, shopifyCustomer, signedDelivery } from '../../api/test/support/shopify';
import { eventually, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { CanvasPage } from '../e2e/canvas-page';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

describe('publish impact dialog in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'pia.publish@test.local');
  });

  afterAll(() => session.stop());

  it('shows the changed step and the waiting run before publishing, then publishes', () =>
    withFailureShot(page, 'publish-impact', async () => {
      const journeyId = await publishJourney(
        stack,
        'Impact, in the browser',
        couponWaitEmail('customer.updated', '1h'),
      );
      const customer = shopifyCustomer();
      const entered = await deliver(
        stack.baseUrl,
        signedDelivery('customers/update', customer, stack.shopifySecret),
      );
      expect(entered.status).toBe(200);
      await eventually(async () => {
        const [row] = await stack.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM runs WHERE journey_id = $1 AND status = 'running'`,
          [journeyId],
        );
        return row.n === 1 ? row.n : undefined;
      }, 'a run to wait on version 1');

      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.goto(`${preview.url}/#/journeys/${journeyId}`);
      const canvas = new CanvasPage(page);
      await canvas.select('pause');
      await canvas.inspector.getByLabel('Wait for', { exact: true }).fill('2');
      await page.getByText('All changes saved').waitFor();

      await page.getByRole('button', { name: 'Publish changes' }).click();
      const dialog = page.getByRole('dialog', { name: 'Publish changes' });
      const changed = dialog.getByRole('region', { name: 'Changed' });
      await changed.waitFor();
      await expect(changed.innerText()).resolves.toMatch(/“pause”: data\.duration/);
      await expect(dialog.getByText('1 run in progress on v1 stays on its version.').count()).resolves.toBe(
        1,
      );
      await expect(dialog.getByRole('region', { name: 'Problems' }).count()).resolves.toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'publish-impact.png') });

      await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Version 2 published').waitFor();
      const versions = (await stack.request('GET', `/v1/journeys/${journeyId}/versions`)).body.data;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(versions[0].definition.nodes.find((n: { id: string }) => n.id === 'pause').data).toEqual({
        duration: '2h',
      });
      expect(browserErrors).toEqual([]);
    }));
});
