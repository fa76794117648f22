import { type Page } from '@playwright/test';
import { expect, shot, test } from './appShell';

/**
 * Issue 14, defect 7: a network built and trained with the keyboard alone — no click, no drag —
 * in the served shell with a real trainer. F6 crosses the window region by region (toolbar,
 * layers, canvas, side panel, bottom panel); the palette is one Tab stop with arrows inside; the
 * inspector's Connections section wires layers. Along the way every control on screen must have
 * an accessible name, and the focused control must show that it has the focus.
 */

/** The focused element's test id (or its tag and accessible label when it has none). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    return el.dataset.testid ?? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent ?? ''}`;
  });
}

/** Presses Tab until the focus is on `target` (a test id or a matcher); returns how many presses. */
async function tabTo(page: Page, target: string | RegExp, max = 25): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    const at = await focused(page);
    if (typeof target === 'string' ? at === target : target.test(at)) {
      await expectFocusVisible(page);
      return presses;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${max} Tab presses did not reach ${target} (the focus is on ${await focused(page)})`);
}

/** The focused control draws a focus ring (an outline or a box shadow). */
async function expectFocusVisible(page: Page) {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px', shadow: s.boxShadow !== 'none' };
  });
  expect(ring.outline || ring.shadow, `focus ring on ${await focused(page)}`).toBe(true);
}

/** Replaces a text or number field's value from the keyboard. */
async function typeInto(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

/** Presses F6 until the named region has the focus (at most one round). */
async function region(page: Page, landsOn: string | RegExp, shift = false) {
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(shift ? 'Shift+F6' : 'F6');
    const at = await focused(page);
    if (typeof landsOn === 'string' ? at === landsOn : landsOn.test(at)) return;
  }
  throw new Error(`F6 never reached ${landsOn}`);
}

/** Adds a layer from the palette by name, after the selected one, without the mouse. */
async function addLayer(page: Page, name: string) {
  await region(page, 'palette-search');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(name.toLowerCase());
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe(`palette-item-${name}`);
  await page.keyboard.press('Enter');
}

/** Interactive elements that have no accessible name, from the page's accessibility tree. */
async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  const roles = 'button|textbox|searchbox|combobox|checkbox|spinbutton|slider|tab|link|radio|switch|listbox';
  return tree.split('\n').filter((line) => new RegExp(`^\\s*- (${roles})(\\s*\\[[^\\]]*\\])*:?\\s*$`).test(line));
}

test('builds and trains a network with the keyboard alone', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await expect(page.getByTestId('palette')).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);

  // Input(2) → Dense(8, tanh) → Dense(1, sigmoid), each added after the one selected.
  await addLayer(page, 'Input');
  await expect(page.getByTestId('node-input_1')).toBeVisible();
  await region(page, /^tab-inspector$|^inspector-id$|^param-/);
  const toShape = await tabTo(page, 'param-shape');
  await typeInto(page, '2');
  await expect(page.getByTestId('shape-input_1')).toHaveText('(None, 2)');

  await addLayer(page, 'Dense');
  await region(page, /^tab-inspector$|^inspector-id$|^param-/);
  await tabTo(page, 'param-units');
  await typeInto(page, '8');
  await tabTo(page, 'param-activation');
  await page.keyboard.type('tanh');
  await expect(page.getByTestId('param-activation')).toHaveValue('tanh');

  await addLayer(page, 'Dense');
  await region(page, /^tab-inspector$|^inspector-id$|^param-/);
  await tabTo(page, 'param-units');
  await typeInto(page, '1');
  await tabTo(page, 'param-activation');
  await page.keyboard.type('sigmoid');
  await expect(page.getByTestId('shape-dense_2')).toHaveText('(None, 1)');

  // Rewire from the keyboard: take dense_2's input off and connect it again with the picker.
  await tabTo(page, 'button:Disconnect dense_1', 40);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wires-in')).toContainText('Nothing flows into this layer yet.');
  await tabTo(page, 'connect-from-select');
  await page.keyboard.type('dense_1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wires-in')).toContainText('dense_1');
  await shot(page, 'keyboard-1-built');
  expect(await unnamedControls(page)).toEqual([]);

  // The Train panel: the dataset, fewer epochs, then Train from the toolbar.
  await region(page, /^tab-(summary|train)$/);
  await tabTo(page, 'tab-train');
  await page.keyboard.press('Enter');
  await tabTo(page, 'train-tab-setup');
  await page.keyboard.press('Enter');
  await tabTo(page, 'dataset-select');
  for (let i = 0; i < 30 && (await page.getByTestId('dataset-select').inputValue()) !== 'xor'; i++)
    await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('dataset-select')).toHaveValue('xor');
  await tabTo(page, 'epochs');
  await typeInto(page, '30');
  await expect(page.getByTestId('training-problem')).toHaveCount(0);
  await shot(page, 'keyboard-2-setup');
  expect(await unnamedControls(page)).toEqual([]);

  await region(page, /^project-name$|^btn-/);
  await tabTo(page, 'train-button');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText(/Finished|Did not learn|Diverged/, { timeout: 60_000 });
  await expect(page.getByTestId('run-failure')).toHaveCount(0);
  await expect(page.getByTestId('epoch-counter')).toHaveText(/^30 \/ 30$/);
  await shot(page, 'keyboard-3-trained');
  expect(await unnamedControls(page)).toEqual([]);
  console.log(`keyboard: ${toShape} Tab presses from the side panel to the Input's shape field`);
  expect(toShape).toBeLessThanOrEqual(6);
});
