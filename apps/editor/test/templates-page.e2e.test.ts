/**
 * The templates page in a real browser against the real API and worker, as a marketer of a
 * Turkish store (TRY, Europe/Istanbul, default locale tr): writes a welcome email in Turkish and
 * English with a coupon and a custom attribute (`{{default customer.attributes.tier …}}`), with
 * completion and a refused typo marked on its line; previews it for a Turkish customer (money in
 * TRY, a Turkish date) and an English one, and as each customer would get it (their locale's
 * variant); sends a test to themself and reads it, plain-text part included, in the outbox;
 * publishes a journey using it, edits the template, and shows the live journey still sends the
 * version it was published with.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/templates-page` after `npm run build`.
 * Screenshots go to apps/editor/test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { eventually, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';
import { TemplatePage } from '../e2e/template-page';

jest.setTimeout(240_000);

const NAME = 'welcome-tr-en';

const TURKISH = [
  '---',
  'layout: default',
  'subject: Hoş geldin {{customer.firstName}}!',
  'preheader: Kodun {{coupon.code}} seni bekliyor.',
  '---',
  '<h1>Merhaba {{customer.firstName}}, {{default customer.attributes.tier "dostumuz"}}!</h1>',
  '<p>İlk siparişine özel kodun: <strong>{{coupon.code}}</strong></p>',
  '<p>Sepetin {{money event.properties.totalPrice}} tutarında. Kod {{date coupon.expiresAt}} tarihine kadar geçerli.</p>',
  '<p><a href="{{store.url}}">Alışverişe başla</a></p>',
  '',
].join('\n');

const ENGLISH = [
  '---',
  'layout: default',
  'subject: Welcome, {{customer.firstName}}!',
  'preheader: Your code {{coupon.code}} is waiting.',
  '---',
  '<h1>Hello {{customer.firstName}}, {{default customer.attributes.tier "friend"}}!</h1>',
  '<p>Your first-order code: <strong>{{coupon.code}}</strong></p>',
  '<p>Your cart comes to {{money event.properties.totalPrice}}. The code is valid until {{date coupon.expiresAt}}.</p>',
  '<p><a href="{{store.url}}">Start shopping</a></p>',
  '',
].join('\n');

describe('templates page in the browser', () => {
  const session = new BrowserSession(
    {
      env: {
        STORE_CURRENCY: 'TRY',
        STORE_LOCALE: 'tr',
        STORE_COUNTRY: 'TR',
        STORE_TIMEZONE: 'Europe/Istanbul',
      },
    },
    { width: 1600, height: 1100 },
  );
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  let apiKey = '';
  const browserErrors = session.pageErrors;
  const marketer = { email: 'mira.marketer@test.local', password: '', token: '' };

  async function customer(id: string, email: string, firstName: string, locale: string, tier?: string) {
    const res = await stack.request(
      'POST',
      '/v1/events',
      {
        type: 'profile.updated',
        customer: { id, email, firstName, locale, ...(tier ? { attributes: { tier } } : {}) },
        idempotencyKey: `templates-browser-${id}`,
      },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(res.status).toBeLessThan(300);
  }

  const asMarketer = () => ({ authorization: `Bearer ${marketer.token}` });

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    Object.assign(marketer, await stack.personWithRole('marketer', marketer.email));
    apiKey = await stack.apiKey('templates-browser');
    await customer('tr-1', 'ayse@shop.example', 'Ayşe', 'tr', 'altın üye');
    await customer('en-1', 'john@shop.example', 'John', 'en');
    await customer('de-1', 'jonas@shop.example', 'Jonas', 'de');
  });

  afterAll(() => session.stop());

  it('writes a Turkish and an English welcome email, previews, test-sends, and keeps a live journey on its version', () =>
    withFailureShot(page, 'templates-page', async () => {
      const template = new TemplatePage(page);
      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.getByRole('navigation').getByRole('link', { name: 'Templates' }).click();
      await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
      // The shipped templates are listed by channel, with their locales.
      const emails = page.getByRole('table', { name: 'Email templates' });
      await emails.getByRole('rowheader', { name: 'welcome', exact: true }).waitFor();

      // A new email template; it has no text until a locale is added.
      await page.getByRole('button', { name: 'New template' }).click();
      const dialog = page.getByRole('dialog', { name: 'New template' });
      await dialog.getByLabel('Channel').selectOption('email');
      await dialog.getByLabel('Name').fill(NAME);
      await dialog.getByRole('button', { name: 'Create template' }).click();
      await page.waitForURL(new RegExp(`#/templates/email/${NAME}$`));
      await page.getByText('No text yet: add a locale to start.').waitFor();

      // Turkish first, written in the code editor; subject and preheader show above it.
      await page.getByRole('button', { name: 'Add locale' }).click();
      const addTr = page.getByRole('dialog', { name: 'Add a locale' });
      await addTr.getByLabel('Locale').fill('tr');
      await addTr.getByRole('button', { name: 'Add locale' }).click();
      await template.tab('tr').waitFor();
      await template.replaceSource('tr', TURKISH);
      await expect(page.getByLabel('Subject').inputValue()).resolves.toBe(
        'Hoş geldin {{customer.firstName}}!',
      );
      await expect(page.getByLabel('Preheader').inputValue()).resolves.toBe(
        'Kodun {{coupon.code}} seni bekliyor.',
      );

      // Completion offers the variables inside {{ … }}.
      await page.keyboard.press('Control+End');
      await page.keyboard.type('<p>{{coup');
      const option = page.locator('.cm-tooltip-autocomplete').getByRole('option', { name: /coupon\.code/ });
      await option.waitFor();
      // CodeMirror ignores Enter for 75 ms after the list opens (its interactionDelay), so a key
      // meant for a new line is not taken as a choice.
      await page.waitForTimeout(250);
      await page.keyboard.press('Enter');
      await page.keyboard.type('}}</p>');

      // A typo in a known variable is refused with its line and column, and marked in the text.
      // (Escape first: "</p" may have opened the HTML completions, which would take the Enter.)
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.keyboard.type('<p>{{custmer.firstName}}</p>');
      // (The half-typed "{{coup" may have been refused on its way: wait for the typo's answer.)
      const problem = page.locator('.template-problem');
      await problem.filter({ hasText: 'custmer' }).waitFor({ timeout: 20_000 });
      await expect(problem.innerText()).resolves.toMatch(/Line 11, column \d+/);
      await page.locator('.cm-lintRange-error').first().waitFor();
      await template.replaceSource('tr', TURKISH);
      await problem.waitFor({ state: 'detached', timeout: 20_000 });

      // The preview with sample data, then for the Turkish customer: TRY and a Turkish date.
      await template.waitForPreview(/İlk siparişine özel kodun/);
      await template.previewFor('tr-1');
      const turkish = await template.waitForPreview(/Merhaba Ayşe/);
      expect(turkish).toContain('Merhaba Ayşe, altın üye!');
      expect(turkish).toContain('₺39,80');
      expect(turkish).toContain('1 Ocak 2030');
      await expect(template.previewSubject.innerText()).resolves.toBe('Hoş geldin Ayşe!');
      // The email itself, in the sandboxed frame, at phone width too.
      const frame = page.frameLocator('iframe[title="Email preview"]');
      await frame.getByText('Merhaba Ayşe, altın üye!').waitFor();
      await template.preview.getByLabel(/Phone/).check();
      await expect(page.locator('iframe[title="Email preview"]').getAttribute('sandbox')).resolves.toBe('');
      await expect(
        page.locator('iframe[title="Email preview"]').evaluate((el) => el.getBoundingClientRect().width),
      ).resolves.toBe(375);
      await page.screenshot({ path: join(SCREENSHOTS, 'templates-1-turkish-preview.png'), fullPage: true });

      await page.getByRole('button', { name: 'Save tr' }).click();
      await page.getByText('Saved tr as a new version.').waitFor();

      // English: a copy of the Turkish text, rewritten.
      await page.getByRole('button', { name: 'Add locale' }).click();
      const addEn = page.getByRole('dialog', { name: 'Add a locale' });
      await addEn.getByLabel('Locale').fill('en');
      await addEn.getByLabel('Start from').selectOption('tr');
      await addEn.getByRole('button', { name: 'Add locale' }).click();
      await template.tab('en').waitFor();
      await expect(page.getByLabel('Subject').inputValue()).resolves.toBe(
        'Hoş geldin {{customer.firstName}}!',
      );
      await template.replaceSource('en', ENGLISH);
      await template.previewFor('en-1');
      const english = await template.waitForPreview(/Hello John/);
      expect(english).toContain('Hello John, friend!');
      expect(english).toMatch(/TRY\s39\.80/);
      expect(english).toContain('January 1, 2030');
      await page.getByRole('button', { name: 'Save en' }).click();
      await page.getByText('Saved en as a new version.').waitFor();

      // As each customer gets it: their locale picks the variant; a German customer gets the store's tr.
      await template.preview.getByLabel('Locale').selectOption('customer');
      for (const [id, variant, text] of [
        ['tr-1', 'tr', 'Merhaba Ayşe'],
        ['en-1', 'en', 'Hello John'],
        ['de-1', 'tr', 'Merhaba Jonas'],
      ] as const) {
        await template.previewFor(id);
        await template.waitForPreview(new RegExp(text));
        await template.preview.getByText(`For customer ${id}, variant ${variant}.`).waitFor();
      }
      await page.screenshot({ path: join(SCREENSHOTS, 'templates-2-english.png'), fullPage: true });

      // A test to myself, in the outbox with its plain-text part.
      await template.tab('tr').click();
      await template.preview.getByLabel('Locale').selectOption('editing');
      await template.previewFor('tr-1');
      await page.getByRole('button', { name: 'Send test to me' }).click();
      const sent = page.locator('.template-test__sent');
      await sent.waitFor();
      await expect(sent.innerText()).resolves.toContain(`Sent to ${marketer.email}`);
      await expect(sent.innerText()).resolves.toContain('sandbox: in the outbox');
      await sent.getByRole('link', { name: 'open it' }).click();
      await page.waitForURL(/#\/outbox\/[0-9a-f-]{36}$/);
      const textBody = page.getByRole('region', { name: 'Text body' });
      await textBody.getByText(/Merhaba Ayşe, altın üye!/).waitFor();
      await expect(textBody.innerText()).resolves.toContain('₺39,80');
      await page.screenshot({ path: join(SCREENSHOTS, 'templates-3-test-in-outbox.png'), fullPage: true });

      // A journey published with the template pins its version (v2: tr and en).
      const definition = {
        nodes: [
          { id: 'trigger', type: 'trigger.event', data: { event: 'signup.completed' } },
          {
            id: 'coupon',
            type: 'action.coupon',
            data: { kind: 'percent', value: 10, expiresIn: '14d', prefix: 'HOSGELDIN' },
          },
          { id: 'welcome', type: 'send.email', data: { template: NAME } },
          { id: 'done', type: 'exit', data: {} },
        ],
        edges: [
          { source: 'trigger', sourceHandle: 'next', target: 'coupon' },
          { source: 'coupon', sourceHandle: 'next', target: 'welcome' },
          { source: 'welcome', sourceHandle: 'next', target: 'done' },
        ],
        settings: { exitOn: [], reentry: { mode: 'after_exit' } },
      };
      const created = await stack.request(
        'POST',
        '/v1/journeys',
        { name: 'Hoş geldin', definition },
        asMarketer(),
      );
      expect(created.status).toBe(201);
      const journeyId = created.body.data.id as string;
      const published = await stack.request(
        'POST',
        `/v1/journeys/${journeyId}/publish`,
        undefined,
        asMarketer(),
      );
      expect(published.status).toBe(200);

      // The page shows which journey version uses which template version.
      // The journey was published through the API, as from another tab: load the page afresh.
      await page.goto(`${preview.url}/#/templates/email/${NAME}`);
      await page.reload();
      const versions = page.getByRole('table', { name: 'Versions' });
      const v2 = versions.locator('tr[data-version="2"]');
      await v2.locator('[data-label="used-by"]').getByRole('link', { name: 'Hoş geldin' }).waitFor();
      await expect(v2.locator('[data-label="used-by"]').innerText()).resolves.toContain('v1 (live)');

      // Edit the Turkish subject (through its input) and save: version 3.
      await template.tab('tr').click();
      await page.getByLabel('Subject').fill('YENİ KONU {{customer.firstName}}');
      await page.getByRole('button', { name: 'Save tr' }).click();
      await page.getByText('Saved tr as a new version.').waitFor();
      await versions.locator('tr[data-version="3"]').waitFor();
      await versions.getByRole('button', { name: 'View v2' }).click();
      await page
        .getByRole('region', { name: 'Version 2' })
        .getByText('subject: Hoş geldin {{customer.firstName}}!')
        .waitFor();

      // The live journey still sends version 2.
      const signup = await stack.request(
        'POST',
        '/v1/events',
        {
          type: 'signup.completed',
          customer: { id: 'tr-2', email: 'zeynep@shop.example', firstName: 'Zeynep', locale: 'tr' },
          idempotencyKey: 'templates-browser-signup-tr-2',
        },
        { authorization: `Bearer ${apiKey}` },
      );
      expect(signup.status).toBeLessThan(300);
      const item = await eventually(
        async () => {
          const list = await stack.request('GET', '/v1/outbox?limit=50', undefined, asMarketer());
          return (
            list.body.data as Array<{ id: string; to: string; template: string; subject: string }>
          ).find((m) => m.to === 'zeynep@shop.example');
        },
        "the journey's welcome email to Zeynep",
        60_000,
      );
      expect(item.subject).toBe('Hoş geldin Zeynep!');
      const message = await stack.request('GET', `/v1/outbox/${item.id}`, undefined, asMarketer());
      expect(message.body.data.bodyText).toContain('Merhaba Zeynep, dostumuz!');
      expect(message.body.data.bodyText).not.toContain('YENİ KONU');

      // ... while a preview of the template now renders version 3.
      await page.goto(`${preview.url}/#/outbox/${item.id}`);
      await page
        .getByRole('region', { name: 'Text body' })
        .getByText(/Merhaba Zeynep, dostumuz!/)
        .waitFor();
      const latest = await stack.request(
        'POST',
        '/v1/templates/preview',
        { channel: 'email', name: NAME, locale: 'tr' },
        asMarketer(),
      );
      expect(latest.body.data.subject).toBe('YENİ KONU Ada');
      expect(browserErrors).toEqual([]);
    }));
});
