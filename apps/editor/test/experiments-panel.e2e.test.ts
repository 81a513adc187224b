/**
 * The experiments panel in a real browser against the real API: a marketer opens a published
 * journey with a 50/50 split that customers entered and some converted, unfolds the split and sees
 * the API's verdict and each arm's counts and rate.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/experiments-panel` after `npm run build`.
 * The screenshot goes to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { publishJourney, splitJourney } from '../../api/test/support/journeys';
import { eventually, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

describe('experiments panel in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'eva.experiments@test.local');
  });

  afterAll(() => session.stop());

  it("shows each arm's counts, rate and the verdict the API gives", () =>
    withFailureShot(page, 'experiments-panel', async () => {
      const journeyId = await publishJourney(stack, 'Split, in the browser', splitJourney(3));
      const key = await stack.apiKey('experiments-browser');
      const auth = { authorization: `Bearer ${key}` };
      const ids = Array.from({ length: 12 }, (_, i) => `browser-exp-${i}`);
      const events = ids.map((id) => ({ type: 'experiment.entered', customer: { id } }));
      expect((await stack.request('POST', '/v1/events/batch', { events }, auth)).status).toBe(202);
      await eventually(async () => {
        const [{ n }] = await stack.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM runs WHERE journey_id = $1 AND status = 'completed'`,
          [journeyId],
        );
        return n === ids.length ? n : undefined;
      }, 'every run to pass the split');
      const [converting] = await stack.query<{ external_id: string }>(
        `SELECT c.external_id FROM runs r JOIN customers c ON c.id = r.customer_id
           JOIN run_steps s ON s.run_id = r.id AND s.node_id = 'split' AND s.branch = 'b'
          WHERE r.journey_id = $1 LIMIT 1`,
        [journeyId],
      );
      const order = {
        type: 'order.placed',
        customer: { id: converting.external_id },
        properties: { totalPrice: 80 },
      };
      expect((await stack.request('POST', '/v1/events', order, auth)).status).toBe(202);
      const answer = await eventually(async () => {
        const res = await stack.request('GET', `/v1/journeys/${journeyId}/experiments`);
        const experiment = res.body.data.experiments[0];
        return experiment.arms[1].converted === 1 ? experiment : undefined;
      }, 'the order to convert');

      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.goto(`${preview.url}/#/journeys/${journeyId}`);
      const panel = page.getByRole('region', { name: 'Experiments' });
      await panel.locator('summary').click();
      await expect(panel.getByTestId('experiment-verdict').innerText()).resolves.toBe(answer.verdict);
      for (const arm of answer.arms) {
        const cells = await panel.locator(`tr[data-arm="${arm.armId}"] td`).allInnerTexts();
        expect(cells.slice(0, 2)).toEqual([String(arm.entered), String(arm.converted)]);
        // "16.7 % (3.0–56.4)": the rate, then its interval.
        expect(cells[2].startsWith(`${(arm.conversionRate.value * 100).toFixed(1)} % (`)).toBe(true);
      }
      await page.screenshot({ path: join(SCREENSHOTS, 'experiments-panel.png') });
      expect(browserErrors).toEqual([]);
    }));
});
