import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What a user does with the mouse and keyboard, shared by the journeys (editor, training) and the
 * review screenshots, so a change in how the UI is driven is made once.
 */

/** Drags a palette item onto the canvas at a point (relative to the canvas). */
export async function dropLayer(page: Page, kind: string, x: number, y: number) {
  await page.getByTestId(`palette-item-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Draws a connection from one node's output handle to another's input handle (port) with the mouse. */
export async function drawConnection(page: Page, from: string, to: string, port = 0) {
  const a = (await page.getByTestId(`handle-out-${from}`).boundingBox())!;
  const b = (await page.getByTestId(`handle-in-${to}-${port}`).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/**
 * Opens a template from the gallery on a page with no unsaved changes (so no confirmation) and
 * waits until it has loaded: an edit made before then would be replaced by the template's settings.
 */
export async function openTemplate(page: Page, id: string, name: RegExp) {
  await page.getByTestId('btn-templates').click();
  await page.getByTestId(`template-card-${id}`).getByRole('button').click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveValue(name);
}

/** Brings the Train panel forward on one of its views (setup, dashboard, activations, runs). */
export async function showTrain(page: Page, view: 'setup' | 'dashboard' | 'activations' | 'runs') {
  await page.getByTestId('tab-train').click();
  await page.getByTestId(`train-tab-${view}`).click();
}

/** Types a value into a number field and leaves it, as a user would. */
export async function setNumber(field: Locator, value: number) {
  await field.fill(String(value));
  await field.blur();
  await expect(field).toHaveValue(String(value));
}
