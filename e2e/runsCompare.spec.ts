import { readFile } from 'node:fs/promises';
import { type Page } from '@playwright/test';
import { expect, shot, test } from './appShell';
import { openTemplate, setNumber, showTrain } from './userActions';

/**
 * Issue 14, 2.5: runs compared like TensorBoard, inside the app. Three short XOR runs that differ
 * in learning rate and batch size; the runs table sorts and filters them; ticking all three shows
 * their settings side by side with what changed, their curves with smoothing, and the chart and
 * numbers download as SVG, PNG and CSV.
 */

async function run(page: Page, settings: { learningRate: number; batchSize: number }) {
  await showTrain(page, 'setup');
  await page.getByTestId('optimizer-select').selectOption('sgd');
  await setNumber(page.getByTestId('optimizer-learningRate'), settings.learningRate);
  await setNumber(page.getByTestId('batch-size'), settings.batchSize);
  await setNumber(page.getByTestId('epochs'), 4);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText(/^4 \/ 4$/, { timeout: 60_000 });
}

test('compares three runs: settings side by side, what changed, smoothing, and exports', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await openTemplate(page, 'xor-mlp.deepwire.json', /XOR/);
  await run(page, { learningRate: 0.1, batchSize: 16 });
  await run(page, { learningRate: 0.5, batchSize: 16 });
  await run(page, { learningRate: 0.5, batchSize: 32 });

  await showTrain(page, 'runs');
  const rows = page.locator('[data-testid^="run-row-"]');
  await expect(rows).toHaveCount(3);
  // Sorted by learning rate, smallest first; then filtered to the runs with 0.5.
  await page.getByTestId('sort-learningRate').click();
  await expect(rows.first()).toContainText('0.1');
  await page.getByTestId('runs-filter-text').fill('0.5');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('runs-filter-text').fill('');
  await expect(rows).toHaveCount(3);

  for (const box of await page.getByRole('checkbox', { name: /Compare run/ }).all()) await box.check();
  const compare = page.getByTestId('compare-chart');
  await expect(compare).toContainText('Comparing 3 runs');
  await expect(page.getByTestId('compare-row-learningRate')).toContainText('changed');
  await expect(page.getByTestId('compare-row-batchSize')).toContainText('changed');
  await expect(page.getByTestId('compare-row-optimizer')).not.toContainText('changed');
  await expect(page.getByTestId('compare-changes')).toContainText('learning rate 0.1 → 0.5');
  await expect(page.getByTestId('compare-changes')).toContainText('batch size 16 → 32');
  await expect(page.getByTestId('compare-loss')).toHaveAttribute('data-points', '4');

  // Smoothing changes the drawn curve, not the data.
  const lastRaw = Number(await page.getByTestId('compare-loss').getAttribute('data-last'));
  await page.getByTestId('compare-smoothing').fill('0.9');
  await expect
    .poll(async () => Number(await page.getByTestId('compare-loss').getAttribute('data-last')))
    .not.toBeCloseTo(lastRaw, 6);
  await page.getByTestId('compare-chart').scrollIntoViewIfNeeded();
  await shot(page, 'runs-compare');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-csv').click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toMatch(/^run,epoch,loss/);
  expect(lines).toHaveLength(1 + 3 * 4);

  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-loss-svg').click()]);
  const svgText = await readFile((await svg.path())!, 'utf8');
  expect(svg.suggestedFilename()).toBe('loss.svg');
  expect(svgText.match(/<polyline/g)?.length).toBe(6);

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-loss-png').click()]);
  const bytes = await readFile((await png.path())!);
  expect(png.suggestedFilename()).toBe('loss.png');
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
});
