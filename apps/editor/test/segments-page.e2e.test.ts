/**
 * The Segments page in a real browser against the real API: a marketer sees the presets with
 * their values, creates a segment from conditions with the canvas's condition builder, sees its
 * count and CLTV, searches its members, edits it, and the "Export CSV" link answers the members
 * as CSV.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/segments-page` after `npm run build`.
 * Screenshots go to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

describe('segments page in the browser', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  const browserErrors = session.pageErrors;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'mira.marketer@test.local');
    const key = await stack.apiKey('segments-browser');
    for (const [id, total, name] of [
      ['b-1', 250, 'Ada'],
      ['b-2', 150, 'Grace'],
      ['b-3', 20, 'Linus'],
    ] as const) {
      const res = await stack.request(
        'POST',
        '/v1/events',
        {
          type: 'order.placed',
          customer: {
            id,
            email: `${name.toLowerCase()}@shop.example`,
            firstName: name,
            lastName: 'Buyer, Jr',
          },
          properties: { orderId: `${id}-o1`, totalPrice: total, usedDiscount: false },
          idempotencyKey: `segments-browser-${id}`,
        },
        { authorization: `Bearer ${key}` },
      );
      expect(res.status).toBeLessThan(300);
    }
  });

  afterAll(() => session.stop());

  it('creates a segment from conditions, shows its count and CLTV, searches members and exports CSV', () =>
    withFailureShot(page, 'segments-page', async () => {
      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
      await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
      const presets = page.getByRole('table', { name: 'Segments' });
      await presets.getByRole('rowheader', { name: /First-time buyers/ }).waitFor();

      await page.getByRole('button', { name: 'New segment' }).click();
      const dialog = page.getByRole('dialog', { name: 'New segment' });
      await dialog.getByLabel('Name').fill('Spent 100 or more');
      await dialog.getByRole('button', { name: 'Add rule' }).click();
      await dialog.getByLabel('Rule 1: attribute').fill('totalSpent');
      await dialog.getByLabel('Rule 1: comparison').selectOption('gte');
      await dialog.getByLabel('Rule 1: value').fill('100');
      await dialog.getByRole('button', { name: 'Create segment' }).click();
      await dialog.waitFor({ state: 'detached' });

      const row = presets.getByRole('row').filter({ hasText: 'Spent 100 or more' });
      await row.waitFor();
      expect(await row.locator('[data-label="count"]').innerText()).toBe('2');
      expect(await row.locator('[data-label="cltv-total"]').innerText()).toMatch(/^400[.,]00$/);
      expect(await row.locator('[data-label="cltv-average"]').innerText()).toMatch(/^200[.,]00$/);

      const members = page.getByRole('table', { name: 'Members' });
      await members.getByRole('cell', { name: 'ada@shop.example' }).waitFor();
      await members.getByRole('cell', { name: 'grace@shop.example' }).waitFor();
      await page.getByLabel('Email or name begins with').fill('gra');
      await page.getByRole('button', { name: 'Search' }).click();
      await members.getByRole('cell', { name: 'ada@shop.example' }).waitFor({ state: 'detached' });
      expect(await members.getByRole('row').count()).toBe(2);
      await page.screenshot({ path: join(SCREENSHOTS, 'segments-page.png'), fullPage: true });

      await row.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit Spent 100 or more' });
      await edit.getByLabel('Rule 1: value').fill('200');
      await edit.getByRole('button', { name: 'Save segment' }).click();
      await edit.waitFor({ state: 'detached' });
      await row.locator('[data-label="count"]', { hasText: /^1$/ }).waitFor();

      const href = await row.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
      const csv = await page.evaluate(async (url) => {
        const res = await fetch(url!);
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          disposition: res.headers.get('content-disposition'),
          text: await res.text(),
        };
      }, href);
      expect(csv.status).toBe(200);
      expect(csv.type).toMatch(/^text\/csv/);
      expect(csv.disposition).toMatch(/^attachment; filename=".+\.csv"$/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^id,externalId,email,/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(',b-1,ada@shop.example,,Ada,"Buyer, Jr",');
      expect(browserErrors).toEqual([]);
    }));
});
