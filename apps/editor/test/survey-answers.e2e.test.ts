/**
 * A survey answered in a real browser, end to end: the win-back email (sandbox: the outbox) asks
 * "why did you leave"; the customer follows the "Too expensive" link from it to the hosted page and
 * adds a comment; their run, waiting for this run's answer, takes the branch for that answer; the
 * dashboard's survey answers count it and the customer's page shows it with its comment.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/survey-answers` after `npm run build`.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { JourneyDefinitionInput } from '@waypoint/journey';
/* eslint-disable @nx/enforce-module-boundaries */
import { publishJourney } from '../../api/test/support/journeys';
import { eventually, type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

const winBack: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'survey.browser' } },
    { id: 'coupon', type: 'action.coupon', data: { kind: 'percent', value: 10 } },
    { id: 'ask', type: 'send.email', data: { template: 'winback-survey' } },
    {
      id: 'answered',
      type: 'wait.event',
      data: {
        event: 'survey.answered',
        thisRun: true,
        filter: { property: 'nodeId', op: 'eq', value: 'ask' },
        timeout: '3d',
      },
    },
    {
      id: 'why',
      type: 'branch.condition',
      data: {
        conditions: [
          {
            id: 'price',
            name: 'too expensive',
            when: {
              did: 'survey.answered',
              where: { survey: 'why-left', answer: 'too-expensive' },
              thisRun: true,
            },
          },
        ],
      },
    },
    { id: 'price-offer', type: 'exit', data: {} },
    { id: 'other-reason', type: 'exit', data: {} },
    { id: 'no-answer', type: 'exit', data: {} },
  ],
  edges: [
    { source: 'trigger', target: 'coupon' },
    { source: 'coupon', target: 'ask' },
    { source: 'ask', target: 'answered' },
    { source: 'answered', sourceHandle: 'event', target: 'why' },
    { source: 'answered', sourceHandle: 'timeout', target: 'no-answer' },
    { source: 'why', sourceHandle: 'price', target: 'price-offer' },
    { source: 'why', sourceHandle: 'else', target: 'other-reason' },
  ],
  settings: { exitOn: [], reentry: { mode: 'after_exit' } },
};

describe('a survey answered from the outbox, in the browser', () => {
  const session = new BrowserSession({ env: { SENDGRID_API_KEY: undefined } });
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  let admin: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    // Sees the outbox and the dashboard (marketers) and the customer's page (support).
    admin = await session.person('admin', 'ada.answers@test.local');
  });

  afterAll(() => session.stop());

  it('records the answer, takes its branch, and shows it in the results and on the customer’s page', () =>
    withFailureShot(page, 'survey-answers', async () => {
      await publishJourney(stack, 'Why did you leave, in the browser', winBack);
      const key = await stack.apiKey('survey-browser');
      const customerId = `survey-browser-${Date.now()}`;
      const event = {
        type: 'survey.browser',
        customer: { id: customerId, email: `${customerId}@example.com`, locale: 'en-GB' },
        properties: {},
      };
      expect(
        (await stack.request('POST', '/v1/events', event, { authorization: `Bearer ${key}` })).status,
      ).toBe(202);
      const run = await eventually(async () => {
        const runs = (await stack.request('GET', `/v1/customers/${customerId}/runs`)).body.data ?? [];
        return runs[0]?.waitingFor?.nodeId === 'answered' ? runs[0] : undefined;
      }, 'the run to wait for the answer');

      // The email in the outbox, with one answer link per reason.
      await signInThroughPage(page, preview.url, admin.email, admin.password);
      await page.goto(`${preview.url}/#/outbox`);
      await page.getByRole('link', { name: 'Can we ask you one question?' }).first().click();
      const email = page.frameLocator('iframe.preview__frame');
      const link = await email.getByRole('link', { name: 'Too expensive' }).getAttribute('href');
      expect(link).toMatch(new RegExp(`^${stack.baseUrl}/s/`));

      // The customer follows it in their own browser (no session), then adds a comment.
      const customer = await session.browser.newContext();
      try {
        const survey = await customer.newPage();
        await survey.goto(link!);
        await survey.getByRole('heading', { name: 'Thank you' }).waitFor();
        await survey.getByLabel('Anything you would like to add?').fill('Shipping costs more than the cream');
        await survey.getByRole('button', { name: 'Send' }).click();
        await survey.getByText('Thank you for your comment.').waitFor();
        await survey.screenshot({ path: join(SCREENSHOTS, 'survey-answers-1-hosted-page.png') });
      } finally {
        await customer.close();
      }

      // The run takes the branch for that answer.
      const done = await eventually(async () => {
        const runs = (await stack.request('GET', `/v1/customers/${customerId}/runs`)).body.data ?? [];
        return runs[0]?.id === run.id && runs[0].status === 'completed' ? runs[0] : undefined;
      }, 'the run to finish after the answer');
      const steps = done.steps as Array<{ nodeId: string; branch: string | null }>;
      expect(steps.find((s) => s.nodeId === 'why')?.branch).toBe('price');
      expect(steps.map((s) => s.nodeId)).toContain('price-offer');

      // The dashboard's survey answers count it, as the API does.
      const results = (await stack.request('GET', '/v1/surveys/why-left/results')).body.data;
      await page.goto(`${preview.url}/#/dashboard`);
      const panel = page.getByRole('region', { name: 'Survey answers' });
      await expect(panel.getByLabel('Survey').inputValue()).resolves.toBe('why-left');
      const row = panel.locator('tr[data-answer="too-expensive"]');
      // The page was the start page at sign-in, before the answer: shown again, it is read again.
      await row.locator('td').first().filter({ hasText: /^1$/ }).waitFor();
      await expect(row.innerText()).resolves.toContain('100 %');
      expect(results.answers).toContainEqual({ answer: 'too-expensive', label: 'Too expensive', count: 1 });
      await expect(panel.innerText()).resolves.toContain(`${results.total} answer`);
      await page.screenshot({ path: join(SCREENSHOTS, 'survey-answers-2-dashboard.png'), fullPage: true });

      // The customer's page shows the answer, its comment and the journey that asked.
      await page.goto(`${preview.url}/#/customers/${customerId}`);
      const answers = page.getByRole('region', { name: 'Survey answers' });
      const answer = answers.locator('tr[data-survey="why-left"]');
      await answer.waitFor();
      await expect(answer.innerText()).resolves.toContain('Too expensive');
      await expect(answer.innerText()).resolves.toContain('Shipping costs more than the cream');
      await expect(
        answer.getByRole('link', { name: 'Why did you leave, in the browser' }).getAttribute('href'),
      ).resolves.toBe(`#/runs/${run.id}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'survey-answers-3-customer.png'), fullPage: true });
      expect(session.pageErrors).toEqual([]);
    }));
});
