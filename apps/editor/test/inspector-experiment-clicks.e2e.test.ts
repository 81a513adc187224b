/**
 * The inspector in a real browser against the real API: a marketer sets a split's experiment
 * settings (horizon, confidence, holdout; the journey's goal shown as what counts) and turns an
 * event wait into "clicks a link in this journey's message", and after a reload sees both saved
 * in the draft, in the shape the engine and the statistics read.
 *
 * Run with `node tools/devstack/dist/test.js apps/editor/test/inspector-experiment-clicks` after `npm run build`.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { JourneyDefinitionInput } from '@waypoint/journey';
/* eslint-disable @nx/enforce-module-boundaries */
import { type TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { CanvasPage } from '../e2e/canvas-page';
import { SCREENSHOTS, withFailureShot } from '../e2e/browser';
import { BrowserSession, type Person } from '../e2e/browser-session';
import { type EditorPreview } from '../e2e/editor-preview';
import { signInThroughPage } from '../e2e/sign-in';

jest.setTimeout(180_000);

const draft: JourneyDefinitionInput = {
  nodes: [
    { id: 'trigger', type: 'trigger.event', data: { event: 'customer.created' }, position: { x: 0, y: 0 } },
    { id: 'email', type: 'send.email', data: { template: 'welcome' }, position: { x: 0, y: 150 } },
    {
      id: 'wait',
      type: 'wait.event',
      data: { event: 'order.placed', timeout: '3d' },
      position: { x: 0, y: 300 },
    },
    {
      id: 'split',
      type: 'branch.split',
      data: {
        arms: [
          { id: 'a', name: 'Reminder', percent: 50 },
          { id: 'b', name: 'Nothing', percent: 50 },
        ],
      },
      position: { x: 0, y: 450 },
    },
  ],
  edges: [
    { source: 'trigger', target: 'email' },
    { source: 'email', target: 'wait' },
    { source: 'wait', sourceHandle: 'event', target: 'split' },
  ],
  settings: {
    exitOn: [],
    goal: { event: 'order.placed', window: '7d', revenueProperty: 'totalPrice' },
    reentry: { mode: 'after_exit' },
  },
};

describe('experiment settings and "clicked a link" in the inspector', () => {
  const session = new BrowserSession();
  let stack: TestStack;
  let preview: EditorPreview;
  let page: Page;
  let marketer: Person;

  beforeAll(async () => {
    await session.start();
    ({ stack, preview, page } = session);
    marketer = await session.person('marketer', 'ines.inspector@test.local');
  });

  afterAll(() => session.stop());

  it('saves a split’s experiment settings and a wait for a click in the draft; a reload shows them', () =>
    withFailureShot(page, 'inspector-experiment-clicks', async () => {
      const created = await stack.request('POST', '/v1/journeys', {
        name: 'Experiment, set by hand',
        definition: draft,
      });
      expect(created.status).toBe(201);
      const journeyId = created.body.data.id as string;
      const canvas = new CanvasPage(page);
      const field = (label: string) => canvas.inspector.getByLabel(label, { exact: true });

      await signInThroughPage(page, preview.url, marketer.email, marketer.password);
      await page.goto(`${preview.url}/#/journeys/${journeyId}`);

      // The split: what counts as converting, a horizon (refused as typed when it cannot be), a level, a holdout.
      await canvas.select('split');
      await canvas.inspector
        .getByText('An arm converts when its customer does order.placed within 7 days')
        .waitFor();
      await field('Entries per arm before naming a winner').fill('0');
      await canvas.inspector.getByText('At least 1 entry per arm.').waitFor();
      await field('Entries per arm before naming a winner').fill('2500');
      await canvas.inspector.getByText('At least 1 entry per arm.').waitFor({ state: 'detached' });
      await field('Confidence level').selectOption({ label: '99 %' });
      // The first arm is the control: only the others may be the holdout.
      await expect(field('Holdout arm').locator('option').allInnerTexts()).resolves.toEqual([
        'No holdout',
        'Nothing',
      ]);
      await field('Holdout arm').selectOption({ label: 'Nothing' });
      await page.screenshot({ path: join(SCREENSHOTS, 'inspector-experiment.png') });

      // The wait: until the customer clicks a sale link in the welcome email.
      await canvas.select('wait');
      await field('Wait until the customer').selectOption('clicked');
      await field('Message').selectOption({ label: 'Email: welcome (email)' });
      await field('Link URL contains').fill('/sale');
      await expect(canvas.node('wait').innerText()).resolves.toContain('message.clicked');
      await page.getByText('All changes saved').waitFor();

      // Saved in the draft as the engine and the statistics read it.
      const saved = await stack.request('GET', `/v1/journeys/${journeyId}`);
      const nodes = saved.body.data.draft.nodes as Array<{ id: string; data: Record<string, unknown> }>;
      expect(nodes.find((n) => n.id === 'split')?.data.experiment).toEqual({
        minEntriesPerArm: 2500,
        confidence: 0.99,
        holdoutArmId: 'b',
      });
      expect(nodes.find((n) => n.id === 'wait')?.data).toEqual({
        event: 'message.clicked',
        timeout: '3d',
        thisRun: true,
        filter: {
          all: [
            { property: 'nodeId', op: 'eq', value: 'email' },
            { property: 'url', op: 'contains', value: '/sale' },
          ],
        },
      });

      // A reload reads them back into the same fields.
      await page.reload();
      await canvas.select('split');
      await expect(field('Entries per arm before naming a winner').inputValue()).resolves.toBe('2500');
      await expect(field('Confidence level').inputValue()).resolves.toBe('0.99');
      await expect(field('Holdout arm').inputValue()).resolves.toBe('b');
      await canvas.select('wait');
      await expect(field('Wait until the customer').inputValue()).resolves.toBe('clicked');
      await expect(field('Message').inputValue()).resolves.toBe('email');
      await expect(field('Link URL contains').inputValue()).resolves.toBe('/sale');
      await page.screenshot({ path: join(SCREENSHOTS, 'inspector-clicked-link.png') });
      expect(session.pageErrors).toEqual([]);
    }));
});
