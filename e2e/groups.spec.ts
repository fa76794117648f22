import { type Page } from '@playwright/test';
import { expect, test } from './appShell';
import { openTemplate } from './userActions';

/**
 * Issue 14, 2.4: large networks readable. ResNet-50 opens with its stages collapsed; Fit gives an
 * overview a room can read at 1440×900; a stage opens in place (its blocks inside a labelled frame)
 * and folds again; in another template a user selects three layers and groups them (Ctrl+G).
 */

const SHOTS = 'e2e/screenshots/issue14';

/** The canvas zoom (React Flow's viewport transform). */
async function zoom(page: Page): Promise<number> {
  const t = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  return Number(/matrix\(([^,]+)/.exec(t)![1]);
}

test('ResNet-50: Fit shows a readable overview; a stage opens in place and folds; three layers grouped in LeNet-5', async ({
  app,
}) => {
  const { page } = app;
  await openTemplate(page, 'resnet50.deepwire.json', /ResNet-50/);
  const stage = page.getByTestId('group-conv3_stage');
  await expect(stage).toContainText('Stage conv3: 4 blocks');
  await expect(stage).toContainText('42 layers');
  await expect(stage).toContainText('56×56×256 → 28×28×512');
  await expect(page.getByTestId('zoom-hint')).toContainText('Ctrl + scroll or pinch zooms');

  await page.getByTestId('btn-fit').click();
  await page.waitForTimeout(400);
  // Every stage on screen, drawn at a size that reads (not a one-pixel thread).
  for (const id of ['stem', 'conv2_stage', 'conv3_stage', 'conv4_stage', 'conv5_stage', 'head'])
    await expect(page.getByTestId(`group-${id}`)).toBeInViewport({ ratio: 0.99 });
  await page.screenshot({ path: `${SHOTS}/groups-1-resnet50-fit.png` });
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.6);

  // Open stage conv3 in place: a labelled frame with its four blocks (still collapsed) inside.
  await page.getByTestId('expand-conv3_stage').click();
  await expect(page.getByTestId('frame-conv3_stage')).toContainText('Stage conv3: 4 blocks');
  await expect(page.getByTestId('group-conv3_block1_group')).toBeVisible();
  await expect(page.getByTestId('group-conv3_stage')).toHaveCount(0);
  await page.getByTestId('btn-fit').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/groups-2-resnet50-stage-open.png` });

  // And one block inside it: its layers, with the shortcut beside the main path.
  await page.getByTestId('expand-conv3_block1_group').click();
  await expect(page.getByTestId('node-conv3_block1_0_conv')).toBeVisible();
  await page.getByTestId('frame-conv3_block1_group').scrollIntoViewIfNeeded();
  await page.getByTestId('node-conv3_block1_add').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/groups-3-resnet50-block-open.png` });

  // Collapse the stage again: one node, its layers hidden; Undo opens it back.
  await page.getByTestId('collapse-conv3_stage').click();
  await expect(page.getByTestId('group-conv3_stage')).toBeVisible();
  await expect(page.getByTestId('node-conv3_block1_0_conv')).toHaveCount(0);
  await page.getByTestId('btn-undo').click();
  await expect(page.getByTestId('frame-conv3_stage')).toBeVisible();

  // Another template: select three layers and group them with Ctrl+G; the group folds and opens.
  await page.getByTestId('btn-new').click();
  await page.getByTestId('confirm-ok').click(); // discard the unsaved layout changes
  await openTemplate(page, 'lenet5.deepwire.json', /LeNet/);
  const nodes = page.locator('.react-flow__node-layer');
  const ids = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
  const three = ids.slice(1, 4);
  await page.getByTestId(`node-${three[0]}`).click();
  for (const id of three.slice(1)) await page.getByTestId(`node-${id}`).click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+g');
  const frame = page.getByTestId('frame-group_1');
  await expect(frame).toContainText('Group 1');
  await expect(frame).toContainText('3 layers');
  // Named by double-clicking its name.
  await frame.getByText('Group 1').dblclick();
  await page.getByTestId('rename-group_1').fill('Feature extractor');
  await page.getByTestId('rename-group_1').press('Enter');
  await expect(frame).toContainText('Feature extractor');
  await page.screenshot({ path: `${SHOTS}/groups-4-lenet-grouped.png` });
  await page.getByTestId('collapse-group_1').click();
  await expect(page.getByTestId('group-group_1')).toContainText('Feature extractor');
  await expect(page.getByTestId('group-group_1')).toContainText('3 layers');
  for (const id of three) await expect(page.getByTestId(`node-${id}`)).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/groups-5-lenet-collapsed.png` });
  // Ungroup (Ctrl+Shift+G) with the group selected: the layers come back, the group is gone.
  await page.getByTestId('group-group_1').click();
  await page.keyboard.press('Control+Shift+G');
  await expect(page.getByTestId('group-group_1')).toHaveCount(0);
  for (const id of three) await expect(page.getByTestId(`node-${id}`)).toBeVisible();

  // The same commands on a right-click; the layer right-clicked is one of the three still
  // selected, so the menu groups the selection.
  await page.getByTestId(`node-${three[0]}`).click({ button: 'right' });
  await expect(page.getByTestId('group-menu')).toContainText('Group selection');
  await page.screenshot({ path: `${SHOTS}/groups-6-context-menu.png` });
  await page.getByRole('menuitem', { name: /Group selection/ }).click();
  await expect(page.getByTestId('group-menu')).toHaveCount(0);
  await expect(page.getByTestId('frame-group_1')).toContainText('3 layers');
});
