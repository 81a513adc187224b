/**
 * What a browser test of one page needs: the real API and worker (TestStack), the built editor
 * served against it, Chromium, a person of the role under test and one page whose script errors
 * are collected. Start it in `beforeAll`, stop it in `afterAll`.
 */
import type { Browser, Page } from 'playwright-core';
/* eslint-disable @nx/enforce-module-boundaries */
import { TestStack } from '../../api/test/support/test-stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { launchChromium } from './browser';
import { EditorPreview } from './editor-preview';

export interface Person {
  email: string;
  password: string;
}

export interface Viewport {
  width: number;
  height: number;
}

export class BrowserSession {
  stack!: TestStack;
  preview!: EditorPreview;
  browser!: Browser;
  page!: Page;
  /** Uncaught script errors of `page`: a test ends by expecting none. */
  readonly pageErrors: string[] = [];

  constructor(
    private readonly stackOptions?: ConstructorParameters<typeof TestStack>[0],
    private readonly viewport: Viewport = { width: 1500, height: 1000 },
  ) {}

  async start(): Promise<this> {
    this.stack = await new TestStack(this.stackOptions).start();
    this.preview = await new EditorPreview().start(this.stack.baseUrl);
    this.browser = await launchChromium();
    this.page = await this.browser.newPage({ viewport: this.viewport });
    this.page.on('pageerror', (error) => this.pageErrors.push(error.message));
    return this;
  }

  /** A signed-up person with `role` (their password is made up by the stack). */
  async person(role: 'admin' | 'marketer' | 'support', email: string): Promise<Person> {
    return { email, password: (await this.stack.personWithRole(role, email)).password };
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.preview?.stop();
    await this.stack?.stop();
  }
}
