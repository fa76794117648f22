import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page } from '@playwright/test';
import { expect, test } from './appShell';
import { openTemplate, setNumber, showTrain } from './userActions';

/**
 * Issue 14, section 2, items 1 and 6 as an educator meets them: an ImageNet-size template trains on
 * the built-in shapes pictures after one click on "Train at a smaller input size"; a template's
 * notes stay on screen and point at its layers.
 */

/** Screenshots of these journeys go with the issue's other before/after pictures. */
const issueShot = (page: Page, name: string) =>
  page.screenshot({
    path: join(fileURLToPath(new URL('.', import.meta.url)), 'screenshots', 'issue14', `${name}.png`),
  });

test('2.1: AlexNet trains at a smaller input size on the shapes pictures', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await openTemplate(page, 'alexnet.deepwire.json', /AlexNet/);
  await showTrain(page, 'setup');
  await expect(page.getByTestId('training-problem')).toHaveCount(0);
  await expect(page.getByTestId('dataset-select')).toHaveValue('shapes');
  const offer = page.getByTestId('train-smaller');
  await expect(offer).toHaveText('Train at a smaller input size (67×67)');
  await issueShot(page, 'item2-1-alexnet-offer');
  await offer.click();
  const done = page.getByTestId('smaller-input-done');
  await expect(done).toContainText('Input 227×227×3 → 67×67×3');
  await expect(done).toContainText('67×67 is the smallest this architecture accepts');
  // Keep the run tiny: 40 pictures (32 to train on), one epoch.
  await setNumber(page.getByTestId('dataset-size'), 40);
  await setNumber(page.getByTestId('epochs'), 1);
  await setNumber(page.getByTestId('batch-size'), 16);
  await issueShot(page, 'item2-1-alexnet-smaller');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await page.getByTestId('train-button').click();
  // Generating the pictures and compiling take a while before the first batch: wait for the epoch.
  await expect(page.getByTestId('epoch-counter')).toHaveText(/^1 \/ 1$/, { timeout: 200_000 });
  await expect(page.getByTestId('run-status')).not.toHaveText(/Training|Starting|Stopping/, { timeout: 60_000 });
  await expect(page.getByTestId('run-failure')).toHaveCount(0);
  await showTrain(page, 'dashboard');
  expect(Number(await page.getByTestId('chart-loss').getAttribute('data-points'))).toBeGreaterThan(0);
  // The note of what changed can be put away, leaving the room to the curves.
  await page.getByTestId('smaller-input-dismiss').click();
  await expect(page.getByTestId('smaller-input')).toHaveCount(0);
  await page.getByTestId('chart-loss').scrollIntoViewIfNeeded();
  await issueShot(page, 'item2-1-alexnet-trained');
  // Undo puts the Input back in one step (the dataset with it).
  await page.getByTestId('btn-undo').click();
  await showTrain(page, 'setup');
  await expect(page.getByTestId('train-smaller')).toBeVisible();
});

test('2.6: a template’s notes stay reachable and a layer reference selects that layer', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, 'lenet5.deepwire.json', /LeNet/);
  await page.getByTestId('btn-notes').click();
  const notes = page.getByTestId('notes-panel');
  await expect(notes).toContainText('What to look at');
  await expect(page.getByTestId('notes-citation')).toContainText('LeCun');
  await issueShot(page, 'item2-6-notes');
  await page.getByTestId('note-ref-C3').click();
  // The layer is selected on the canvas (and the Layer tab, one click away, shows it).
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(page.locator('.react-flow__node.selected')).toContainText('C3');
  await issueShot(page, 'item2-6-note-selects-layer');
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('inspector-id')).toHaveValue('C3');
});
