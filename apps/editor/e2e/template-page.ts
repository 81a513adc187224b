/**
 * The template page as a browser test drives it: the CodeMirror source found by its label and
 * typed into with the keyboard, the preview's parts found by their labels and data fields.
 */
import type { Locator, Page } from 'playwright-core';

export class TemplatePage {
  constructor(readonly page: Page) {}

  /** The code editor of one locale (CodeMirror's content element, a labelled text box). */
  source(locale: string): Locator {
    return this.page.getByRole('textbox', { name: `Template source (${locale})` });
  }

  /** Replaces the whole source of the open locale, as if pasted. */
  async replaceSource(locale: string, text: string): Promise<void> {
    await this.source(locale).click();
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  tab(locale: string): Locator {
    return this.page
      .getByRole('tablist', { name: 'Locales' })
      .getByRole('tab', { name: new RegExp(`^${locale}\\b`) });
  }

  get preview(): Locator {
    return this.page.getByRole('region', { name: 'Preview' });
  }

  /** The email's plain-text part (or an SMS bubble's text) in the preview. */
  get previewText(): Locator {
    return this.preview.locator('[data-field="text"]');
  }

  get previewSubject(): Locator {
    return this.preview.locator('[data-field="subject"]');
  }

  /** Waits until the preview's text matches, re-reading it as the debounced preview lands. */
  async waitForPreview(expected: RegExp, timeout = 20_000): Promise<string> {
    const deadline = Date.now() + timeout;
    let last = '';
    while (Date.now() < deadline) {
      last = (await this.previewText.innerText().catch(() => '')) ?? '';
      if (expected.test(last) && !(await this.preview.locator('[aria-busy="true"]').count())) return last;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`the preview never matched ${expected}; it showed:\n${last}`);
  }

  /** Previews for a customer (their id), or sample data with ''. */
  async previewFor(customer: string): Promise<void> {
    await this.preview.getByLabel('Customer').fill(customer);
    await this.preview.getByRole('button', { name: 'Preview for this customer' }).click();
  }
}
