/**
 * The journey canvas as a browser test drives it: with the mouse, like a marketer. Steps are
 * dragged from the palette, outputs connected by dragging handle to handle, fields found by their
 * labels (so a test also proves every field has one).
 */
import type { Locator, Page } from 'playwright-core';

export class CanvasPage {
  constructor(readonly page: Page) {}

  get pane(): Locator {
    return this.page.locator('.react-flow__pane');
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  get inspector(): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' });
  }

  /** Drags a step type from the palette and drops it at a point of the canvas (pixels from its top-left). */
  async dropStep(paletteLabel: string, at: { x: number; y: number }): Promise<void> {
    const item = this.page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: paletteLabel, exact: true });
    await item.dragTo(this.pane, { targetPosition: at });
  }

  /** Waits until the viewport stops moving (after an animated pan to a step). */
  async settled(): Promise<void> {
    const viewport = this.page.locator('.react-flow__viewport');
    let before = await viewport.getAttribute('style');
    for (let i = 0; i < 20; i++) {
      await this.page.waitForTimeout(100);
      const now = await viewport.getAttribute('style');
      if (now === before) return;
      before = now;
    }
  }

  /** Drags from a node's output handle to another node's input handle. */
  async connect(source: string, output: string, target: string): Promise<void> {
    await this.settled();
    const from = await this.centreOf(
      this.node(source).locator(`.react-flow__handle.source[data-handleid="${output}"]`),
    );
    const to = await this.centreOf(this.node(target).locator('.react-flow__handle.target'));
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await mouse.move(to.x, to.y, { steps: 8 });
    await mouse.up();
  }

  /** Clicks a node's header (not a handle), selecting it for the inspector. */
  async select(id: string): Promise<void> {
    await this.node(id).locator('.journey-node__head').click();
  }

  edge(source: string, output: string): Locator {
    return this.page.locator(`.react-flow__edge[data-testid="rf__edge-${source}:${output}"]`);
  }

  async edgeExists(source: string, output: string): Promise<boolean> {
    return (await this.edge(source, output).count()) === 1;
  }

  counter(nodeId: string, key: string): Locator {
    return this.node(nodeId).locator(`[data-counter="${key}"] strong`);
  }

  private async centreOf(locator: Locator): Promise<{ x: number; y: number }> {
    const box = await locator.boundingBox();
    if (!box) throw new Error(`not on screen: ${locator.toString()}`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
}
