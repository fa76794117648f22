/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { drawConnection, dropLayer } from './userActions';

/**
 * The editor journey of a first-time user: build a small CNN from the palette, wire it, watch the
 * shapes, change a kernel size, be told why an impossible connection is refused, undo, save, reopen.
 */

const shape = (page: Page, id: string) => page.getByTestId(`shape-${id}`);
const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

test.beforeEach(async ({ page }) => {
  // Save by download: the File System Access picker is a native dialog Playwright cannot drive.
  await page.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
});

test('build, wire, reshape, refuse, undo, save and reopen a small CNN', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('palette')).toBeVisible();

  await dropLayer(page, 'Input', 420, 60);
  await dropLayer(page, 'Conv2D', 420, 190);
  await dropLayer(page, 'Flatten', 420, 320);
  await dropLayer(page, 'Dense', 420, 450);
  for (const id of ['input_1', 'conv2d_1', 'flatten_1', 'dense_1'])
    await expect(page.getByTestId(`node-${id}`)).toBeVisible();

  // An image input: 28 × 28 pixels, one channel.
  await page.getByTestId('node-input_1').click();
  await page.getByTestId('param-shape').fill('28, 28, 1');
  await expect(shape(page, 'input_1')).toHaveText('(None, 28, 28, 1)');

  await drawConnection(page, 'input_1', 'conv2d_1');
  await drawConnection(page, 'conv2d_1', 'flatten_1');
  await drawConnection(page, 'flatten_1', 'dense_1');
  expect(await edgeCount(page)).toBe(3);
  await expect(shape(page, 'conv2d_1')).toHaveText('(None, 26, 26, 32)');
  await expect(shape(page, 'flatten_1')).toHaveText('(None, 21632)');
  await expect(shape(page, 'dense_1')).toHaveText('(None, 32)');
  await expect(page.getByTestId('edge-shape-conv2d_1->flatten_1#0')).toHaveText('(None, 26, 26, 32)');
  await expect(page.getByTestId('summary-total')).toHaveText('692,576'); // 320 + 21632·32 + 32

  // A bigger kernel: every shape downstream follows at once.
  await page.getByTestId('node-conv2d_1').click();
  await page.getByTestId('param-kernelSize').fill('5, 5');
  await expect(shape(page, 'conv2d_1')).toHaveText('(None, 24, 24, 32)');
  await expect(shape(page, 'flatten_1')).toHaveText('(None, 18432)');
  // An impossible value is shown, not written.
  await page.getByTestId('param-filters').fill('0');
  await expect(page.getByTestId('param-filters-error')).toContainText('at least 1');
  await expect(shape(page, 'conv2d_1')).toHaveText('(None, 24, 24, 32)');

  // A convolution cannot read the Dense layer's flat vector: refused, with the reason.
  await dropLayer(page, 'Conv2D', 720, 450);
  await expect(page.getByTestId('node-conv2d_2')).toBeVisible();
  await drawConnection(page, 'dense_1', 'conv2d_2');
  await expect(page.getByTestId('connection-refusal')).toBeVisible();
  await expect(page.getByTestId('connection-refusal')).toContainText('Conv2D');
  expect(await edgeCount(page)).toBe(3);

  // Undo the new node, then the kernel size; redo the kernel size.
  await page.getByTestId('canvas').click({ position: { x: 60, y: 500 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-conv2d_2')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(shape(page, 'conv2d_1')).toHaveText('(None, 26, 26, 32)');
  await page.keyboard.press('Control+Shift+z');
  await expect(shape(page, 'conv2d_1')).toHaveText('(None, 24, 24, 32)');

  // Save (a download in a plain browser) and check what was written.
  await page.getByTestId('project-name').fill('Journey CNN');
  await expect(page.getByTestId('dirty-indicator')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('btn-save').click()]);
  expect(download.suggestedFilename()).toBe('journey-cnn.deepwire.json');
  const saved = testInfo.outputPath('journey-cnn.deepwire.json');
  await download.saveAs(saved);
  const file = JSON.parse(readFileSync(saved, 'utf8'));
  expect(file).toMatchObject({ format: 'deepwire-project', version: 2, name: 'Journey CNN' });
  expect(file.graph.nodes.find((n: { id: string }) => n.id === 'conv2d_1').params).toEqual({ kernelSize: [5, 5] });
  await expect(page.getByTestId('dirty-indicator')).toHaveCount(0);

  // A new project, then reopen the saved one.
  await page.getByTestId('btn-new').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('btn-open').click()]);
  await chooser.setFiles(saved);
  await expect(page.getByTestId('project-name')).toHaveValue('Journey CNN');
  await expect(shape(page, 'conv2d_1')).toHaveText('(None, 24, 24, 32)');
  await expect(shape(page, 'dense_1')).toHaveText('(None, 32)');
  expect(await edgeCount(page)).toBe(3);

  // Drag a node: one undo step puts it back.
  const dense = page.locator('[data-id="dense_1"]');
  const transform = async () => (await dense.getAttribute('style'))?.match(/translate\([^)]*\)/)?.[0];
  const before = await transform();
  const box = (await page.getByTestId('node-dense_1').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 160, box.y + 40, { steps: 12 });
  await page.mouse.up();
  expect(await transform()).not.toBe(before);
  await page.keyboard.press('Control+z');
  await expect.poll(transform).toBe(before);

  // Copy and paste: a fresh id, the same settings; Delete removes it.
  await page.getByTestId('node-conv2d_1').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('node-conv2d_2')).toContainText('32 × 5×5');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-conv2d_2')).toHaveCount(0);

  // A file that is not a project: a readable message, and the canvas keeps what it had.
  // The edits above are unsaved, so Open first asks before discarding them.
  await page.getByTestId('btn-open').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('unsaved');
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('confirm-ok').click()]);
  await chooser2.setFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(page.getByTestId('open-error')).toContainText('not a Deepwire project');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);

  await page.getByTestId('canvas').click({ position: { x: 60, y: 500 } });
  await page.screenshot({ path: 'e2e/screenshots/editor/editor-small.png' });
});

test('opens ResNet-50 from the template gallery after confirming to discard changes', async ({ page }) => {
  await page.goto('/');
  await dropLayer(page, 'Input', 300, 100); // an unsaved change
  await page.getByTestId('btn-templates').click();
  await expect(page.getByTestId('template-gallery')).toBeVisible();
  const card = page.getByTestId('template-card-resnet50.deepwire.json');
  await expect(card).toContainText('ResNet');
  await expect(card).toContainText('params');
  await card.getByRole('button').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('project-name')).toHaveValue(/ResNet/);
  // Keras's ResNet50 (25,636,712) with the 10-way head of the shapes pictures (issue 14, 2.1).
  await expect(page.getByTestId('summary-total')).toHaveText('23,608,202');
  // It opens as an overview: stem, four stages and head collapsed (issue 14, 2.4; groups.spec.ts).
  await expect(page.getByTestId('group-conv4_stage')).toContainText('6 blocks');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'e2e/screenshots/editor/editor-large.png' });

  // Select a layer deep inside: the inspector explains it.
  await page.getByTestId('summary-row-conv2_block1_1_conv').click();
  await expect(page.getByTestId('inspector-kind')).toHaveText('Conv2D');
  await page.screenshot({ path: 'e2e/screenshots/editor/editor-large-focused.png' });
});

// Regression (review item 5): the first layer dropped on an empty canvas jumped to the middle of the
// view (React Flow's fitView waited for the first node, then fitted it).
test('the first layer dropped on an empty canvas stays where it was dropped', async ({ page }) => {
  await page.goto('/');
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const at = { x: 180, y: 90 };
  await dropLayer(page, 'Input', at.x, at.y);
  const node = page.getByTestId('node-input_1');
  await expect(node).toBeVisible();
  await page.waitForTimeout(400); // a fit would animate within this
  const box = (await node.boundingBox())!;
  // The node is placed centred on the pointer horizontally, its header just above it.
  expect(Math.abs(box.x + box.width / 2 - (canvas.x + at.x))).toBeLessThan(3);
  expect(Math.abs(box.y + 20 - (canvas.y + at.y))).toBeLessThan(3);
  // A second one lands where it is dropped too, and the first has not moved.
  await dropLayer(page, 'Dense', 520, 300);
  const second = (await page.getByTestId('node-dense_1').boundingBox())!;
  expect(Math.abs(second.x + second.width / 2 - (canvas.x + 520))).toBeLessThan(3);
  const after = (await node.boundingBox())!;
  expect([after.x, after.y]).toEqual([box.x, box.y]);
});
