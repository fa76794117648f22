import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './appShell';
import { openTemplate as openTemplateAndWait, setNumber, showTrain } from './userActions';

/**
 * Screenshots of every screen at 1440×900 for a design review, through `deepwire serve` with real
 * trainers: e2e/screenshots/review/<nn>-<screen>.png. Not a journey (it asserts only what it needs
 * to reach each screen) and slow-ish, so it is not part of `npm test`: its Playwright project
 * exists only when asked for:
 *
 *   DEEPWIRE_REVIEW_SHOTS=1 npx playwright test --project=review
 */
test.setTimeout(180_000);

const dir = fileURLToPath(new URL('./screenshots/review/', import.meta.url));
const snap = (page: Page, name: string) => page.screenshot({ path: join(dir, `${name}.png`) });

/** Opens a template and lets the canvas's fit settle before a screenshot. */
async function openTemplate(page: Page, id: string, name: RegExp) {
  await openTemplateAndWait(page, id, name);
  await page.waitForTimeout(400);
}

const finished = (page: Page, timeout = 120_000) =>
  expect(page.getByTestId('run-status')).toHaveText(/Finished|Stopped|Failed/, { timeout });

/** Scrolls the Train panel's body so `testId` is at its top. */
async function scrollPanelTo(page: Page, testId: string) {
  await page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(150);
}

test('editor: empty, template, gallery, inspector, summary with a problem', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('palette')).toBeVisible();
  await snap(page, '01-editor-empty');

  await page.getByTestId('btn-templates').click();
  await expect(page.getByTestId('template-gallery')).toBeVisible();
  await expect(page.locator('[data-testid^="template-card-"]').first()).toBeVisible();
  await page.waitForTimeout(300);
  await snap(page, '02-template-gallery');
  await page.keyboard.press('Escape');

  await openTemplate(page, 'lenet5.deepwire.json', /LeNet/);
  await snap(page, '03-editor-template-lenet5');
  await page.getByTestId('node-C1').click();
  await snap(page, '04-inspector-conv');

  // A problem: C3's 20×20 window does not fit the 14×14 maps it gets.
  await page.getByTestId('node-C3').click();
  await page.getByTestId('param-kernelSize').fill('20');
  await page.getByTestId('tab-summary').click();
  await page.waitForTimeout(300);
  await snap(page, '05-summary-with-problem');
});

test('training setup: dataset previews for 2-D, image and series datasets', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, 'xor-mlp.deepwire.json', /XOR/);
  await showTrain(page, 'setup');
  await expect(page.getByTestId('dataset-select')).toHaveValue('xor');
  await page.waitForTimeout(600);
  await snap(page, '06-setup-points2d');
  await page.getByTestId('dataset-select').selectOption('mnist');
  await page.waitForTimeout(800);
  await snap(page, '07-setup-image');
  await page.getByTestId('dataset-select').selectOption('exoplanet-transits');
  await page.waitForTimeout(800);
  await snap(page, '08-setup-series');
});

test('dashboard mid-run, stopped, continued; runs list with a comparison', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, 'xor-mlp.deepwire.json', /XOR/);
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), 300);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await page.waitForTimeout(2500);
  await snap(page, '09-dashboard-mid-run');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped');
  await page.waitForTimeout(300);
  await snap(page, '10-dashboard-stopped');
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), 20);
  await snap(page, '11-setup-continue-explained');
  await page.getByTestId('continue-button').click();
  await finished(page);
  await page.waitForTimeout(300);
  await snap(page, '12-dashboard-continued');
  await showTrain(page, 'runs');
  const boxes = page.getByRole('checkbox', { name: /Compare run/ });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(page.getByTestId('compare-chart')).toBeVisible();
  await page.waitForTimeout(500);
  await snap(page, '13-runs-compare');
  await scrollPanelTo(page, 'compare-chart');
  await snap(page, '14-runs-compare-charts');
});

test('finished classifier: confusion matrix, predictions, activations of a CNN', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, 'lenet5.deepwire.json', /LeNet/);
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('dataset-size'), 2000);
  await setNumber(page.getByTestId('epochs'), 2);
  await page.getByTestId('train-button').click();
  await finished(page);
  await page.waitForTimeout(400);
  await snap(page, '15-dashboard-finished');
  await scrollPanelTo(page, 'evaluation');
  await snap(page, '16-dashboard-confusion-matrix');
  await scrollPanelTo(page, 'prediction-grid');
  await snap(page, '17-dashboard-predictions');
  await showTrain(page, 'activations');
  await page.waitForTimeout(400);
  await snap(page, '18-activations-cnn');
});

test('failure state and the reconnecting banner', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, 'xor-mlp.deepwire.json', /XOR/);
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), 400);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await expect.poll(() => app.trainerPids()).toHaveLength(1);
  process.kill(app.trainerPids()[0], 'SIGKILL');
  await expect(page.getByTestId('run-failure')).toBeVisible();
  await page.waitForTimeout(300);
  await snap(page, '19-failure');

  // Reconnecting: the page's WebSocket goes through a route that drops it and refuses new ones.
  let refuse = true;
  await page.routeWebSocket(/\/ws/, (ws) => {
    if (refuse) ws.close();
    else ws.connectToServer();
  });
  await page.reload();
  await page.waitForTimeout(1500);
  await showTrain(page, 'dashboard').catch(() => {});
  await page.waitForTimeout(500);
  await snap(page, '20-reconnecting');
  refuse = false;
});
