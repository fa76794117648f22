import { type Locator, type Page } from '@playwright/test';
import { expect, shot, test } from './appShell';
import { drawConnection, dropLayer, openTemplate, setNumber, showTrain } from './userActions';

/**
 * Training journeys of a real user (issue 5, item 7 a–d), run in Debian's Chromium through
 * `deepwire serve` (project `served`) and in the desktop app where Electron is installed (project
 * `electron`). Real templates from templates/, real trainer processes on the engine's backend;
 * datasets, epochs and models are kept small so all four journeys take well under three minutes.
 */

const XOR_TEMPLATE = 'xor-mlp.deepwire.json';

const XOR_NAME = /XOR/;

/** "k / n" of the epoch counter. */
async function epochCounter(page: Page): Promise<{ now: number; total: number }> {
  const text = (await page.getByTestId('epoch-counter').textContent()) ?? '';
  // Before the run has started it reads "0 / –".
  const m = /(\d+)\s*\/\s*(\d+|–)/.exec(text);
  if (!m) throw new Error(`epoch counter reads "${text}"`);
  return { now: Number(m[1]), total: Number(m[2]) };
}

/** Accuracy in the final-numbers table, per column (Train, Validation, Test), as fractions. */
async function finalAccuracy(page: Page): Promise<Record<string, number>> {
  const table = page.getByTestId('final-metrics');
  const heads = await table.locator('thead th').allTextContents();
  const row = table.locator('tbody tr', { has: page.locator('th', { hasText: /^Accuracy$/ }) });
  const cells = await row.locator('td').allTextContents();
  return Object.fromEntries(cells.map((c, i) => [heads[i + 1].trim(), Number.parseFloat(c) / 100]));
}

/** The loss chart's first line (every batch): how many points, the first and the last value. */
async function lossCurve(page: Page) {
  const chart = page.getByTestId('chart-loss');
  const read = async (name: string) => Number(await chart.getAttribute(`data-${name}`));
  return { points: await read('points'), first: await read('first'), last: await read('last') };
}

/** Fails unless the element is wholly inside the canvas's visible area (not under the panel or the minimap). */
async function expectOnCanvas(page: Page, testId: string) {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await expect
    .poll(async () => {
      const b = await page.getByTestId(testId).boundingBox();
      return (
        !!b &&
        b.x >= canvas.x &&
        b.y >= canvas.y &&
        b.x + b.width <= canvas.x + canvas.width &&
        b.y + b.height <= canvas.y + canvas.height
      );
    }, `${testId} inside the canvas`)
    .toBe(true);
}

test('a new user opens the XOR template, trains it and watches the loss fall', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, XOR_TEMPLATE, XOR_NAME);
  await shot(page, 'a-0-opened');

  // The template brings its own training settings: the Exclusive-or dataset, ready to train.
  await showTrain(page, 'setup');
  await expect(page.getByTestId('dataset-select')).toHaveValue('xor');
  await expect(page.getByTestId('training-problem')).toHaveCount(0);
  await shot(page, 'a-1-setup');

  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect.poll(async () => (await lossCurve(page)).points, { timeout: 20_000 }).toBeGreaterThan(0);
  // Regression (review item 1): the taller Train panel hid the output layer and its thumbnail.
  await expectOnCanvas(page, 'node-output');
  await expectOnCanvas(page, 'node-thumb-output');
  await shot(page, 'a-2-training');

  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 90_000 });
  await expect(page.getByTestId('final-metrics')).toBeVisible();
  const loss = await lossCurve(page);
  expect(loss.points).toBeGreaterThan(20);
  expect(loss.last).toBeLessThan(loss.first / 2);
  const accuracy = await finalAccuracy(page);
  expect(accuracy.Validation).toBeGreaterThan(0.9);
  await expect(page.getByTestId('epoch-counter')).toHaveText(/^40 \/ 40$/);
  // The final numbers are in view without scrolling the panel.
  const panel = (await page.getByTestId('bottom-panel').boundingBox())!;
  const table = (await page.getByTestId('final-metrics').boundingBox())!;
  expect(table.y + table.height).toBeLessThanOrEqual(panel.y + panel.height);
  await shot(page, 'a-3-finished');

  // Dragging the panel's top edge up makes it taller; the graph is fitted into what is left.
  const grip = (await page.getByTestId('bottom-panel-resize').boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2, grip.y - 120, { steps: 6 });
  await page.mouse.up();
  await expect
    .poll(async () => (await page.getByTestId('bottom-panel').boundingBox())!.height)
    .toBeGreaterThan(panel.height + 100);
  await expectOnCanvas(page, 'node-output');
  await expectOnCanvas(page, 'node-thumb-output');
  console.log(
    `XOR: batch loss ${loss.first.toFixed(3)} → ${loss.last.toFixed(3)}; accuracy ${JSON.stringify(accuracy)}`,
  );
});

/** A node's box once it has stopped moving (React Flow fits and measures over a few frames). */
async function settledBox(node: Locator) {
  let last = await node.boundingBox();
  for (let i = 0; i < 20; i++) {
    await node.page().waitForTimeout(100);
    const box = await node.boundingBox();
    if (box && last && Math.abs(box.x - last.x) < 0.5 && Math.abs(box.y - last.y) < 0.5) return box;
    last = box;
  }
  throw new Error('the node kept moving');
}

test('builds a small CNN from the palette, trains one epoch of MNIST and sees its activation maps', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  const layers = [
    ['Input', 'input_1'],
    ['Conv2D', 'conv2d_1'],
    ['MaxPooling2D', 'max_pooling2d_1'],
    ['Flatten', 'flatten_1'],
    ['Dense', 'dense_1'],
  ] as const;
  // Room to build: fold the bottom panel away (Train brings it back).
  await page.getByTestId('bottom-panel').getByRole('button', { name: 'Hide panel' }).click();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  // Drop the first layer, pan it up to the top as a user would, then stack the rest below it. (It
  // stays where it is dropped: e2e/editor.spec.ts pins that.)
  await dropLayer(page, 'Input', canvas.width / 2, 60);
  let input = await settledBox(page.getByTestId('node-input_1'));
  const grab = { x: canvas.x + 120, y: canvas.y + canvas.height - 160 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x, grab.y - (input.y - canvas.y - 30), { steps: 10 });
  await page.mouse.up();
  input = await settledBox(page.getByTestId('node-input_1'));
  for (const [i, [kind]] of layers.slice(1).entries())
    await dropLayer(page, kind, input.x + input.width / 2 - canvas.x, input.y - canvas.y + 20 + (i + 1) * 125);
  for (const [, id] of layers) await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await shot(page, 'b-0-dropped');

  await page.getByTestId('node-input_1').click();
  await page.getByTestId('param-shape').fill('28, 28, 1');
  // Eight filters keep one MNIST epoch short on two shared cores.
  await page.getByTestId('node-conv2d_1').click();
  await page.getByTestId('param-filters').fill('8');
  await page.getByTestId('node-dense_1').click();
  await page.getByTestId('param-units').fill('10');
  await page.getByTestId('param-activation').selectOption('softmax');
  for (let i = 1; i < layers.length; i++) await drawConnection(page, layers[i - 1][1], layers[i][1]);
  await expect(page.getByTestId('shape-conv2d_1')).toHaveText('(None, 26, 26, 8)');
  await expect(page.getByTestId('shape-max_pooling2d_1')).toHaveText('(None, 13, 13, 8)');
  await expect(page.getByTestId('shape-dense_1')).toHaveText('(None, 10)');

  // No dataset yet: the panel says so, and Train waits.
  await showTrain(page, 'setup');
  await expect(page.getByTestId('training-problem').first()).toContainText('dataset');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await page.getByTestId('dataset-select').selectOption('mnist');
  await expect(page.getByTestId('training-problem')).toHaveCount(0);
  await expect(page.getByTestId('loss-select')).toHaveValue('categoricalCrossentropy');
  await setNumber(page.getByTestId('epochs'), 1);
  // A teacher's slow laptop: 2,000 of MNIST's 10,000 digits (review item 7).
  await setNumber(page.getByTestId('dataset-size'), 2000);
  await shot(page, 'b-1-cnn-setup');

  const started = Date.now();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 120_000 });
  console.log(`CNN: one MNIST epoch trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId('final-metrics')).toBeVisible();
  // The test digits are drawn beside what the network said about them (review item 8).
  await expect(page.getByTestId('prediction-grid').getByRole('img')).toHaveCount(12);
  await shot(page, 'b-2-cnn-finished');

  await showTrain(page, 'activations');
  await expect(page.getByTestId('activation-layer-conv2d_1')).toBeVisible();
  await expect(page.getByTestId('activation-layer-max_pooling2d_1')).toBeVisible();
  await expect(page.getByTestId('activation-filters')).toBeVisible();
  await expect(page.getByTestId('activation-maps')).toContainText('After epoch 1');
  await shot(page, 'b-3-activations');
});

/** Sets the current project's epochs in the Train panel's setup. */
async function setEpochs(page: Page, epochs: number) {
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), epochs);
}

test('stops a run midway and continues it from where it stopped', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, XOR_TEMPLATE, XOR_NAME);
  await setEpochs(page, 400);

  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await expect.poll(async () => (await epochCounter(page)).now, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped');
  // Regression (review item 2): completed epochs only, not the one cut short ("Epoch 10 / 400" after 9).
  await expect(page.getByTestId('epoch-counter')).toHaveText(/^\d+ \/ 400 epochs$/);
  await expect(page.getByTestId('dashboard')).toContainText('Stopped after');
  const stopped = await epochCounter(page);
  expect(stopped.now).toBeLessThan(400);
  await expect(page.getByTestId('final-metrics')).toContainText('stopped early');
  const before = await lossCurve(page);
  await shot(page, 'c-1-stopped');

  // Three more epochs from the stopped run's weights: the counter goes on from there.
  await setEpochs(page, 3);
  // Regression (review item 3): for Continue, Epochs means how many more; the button says so.
  await expect(page.getByTestId('continue-button')).toHaveText('Continue for 3 more epochs');
  await expect(page.getByTestId('continue-doc')).toContainText(
    `for 3 more: epochs ${stopped.now + 1}–${stopped.now + 3}`,
  );
  await page.getByTestId('continue-button').click();
  await expect(page.getByTestId('run-status')).toHaveText(/Training|Finished/);
  const resumed = await epochCounter(page);
  expect(resumed.now).toBeGreaterThanOrEqual(stopped.now - 1);
  expect(resumed.total).toBeGreaterThanOrEqual(stopped.now + 2);
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 30_000 });
  const finished = await epochCounter(page);
  expect(finished.now).toBe(finished.total);
  expect(finished.now).toBeGreaterThan(stopped.now);
  // From the stopped run's weights, not fresh ones: the first loss is nowhere near a fresh start's.
  const after = await lossCurve(page);
  expect(after.first).toBeLessThan((before.first + before.last) / 2);
  // The stopped run's curve is drawn first, so epochs 0…k are not an empty stretch of axis.
  expect(Number(await page.getByTestId('chart-loss').getAttribute('data-context-points'))).toBeGreaterThan(0);
  await shot(page, 'c-2-continued');

  // Both runs are kept: the stopped one and its continuation.
  await showTrain(page, 'runs');
  await expect(page.locator('[data-testid^="run-row-"]', { hasText: 'stopped' }).first()).toBeVisible();
  await expect(page.locator('[data-testid^="run-row-"]', { hasText: 'completed' }).first()).toBeVisible();
  // Regression (review item 4): the continuation names the run it continues.
  const stoppedRow = page.locator('[data-testid^="run-row-"]', { hasText: 'stopped' }).first();
  const stoppedId = ((await stoppedRow.getAttribute('data-testid')) ?? '').replace('run-row-', '');
  await expect(
    page.locator('[data-testid^="run-row-"]', { hasText: 'completed' }).first().getByTestId('run-continues'),
  ).toHaveText(`continues ${stoppedId.slice(-6)}`);
  await shot(page, 'c-3-runs');
  console.log(
    `stopped at epoch ${stopped.now}/${stopped.total} (batch loss ${before.first.toFixed(3)} → ${before.last.toFixed(3)}), ` +
      `continued to ${finished.now}/${finished.total} (${after.first.toFixed(3)} → ${after.last.toFixed(3)})`,
  );
});

test('a run whose trainer process is killed says so, and the app keeps working', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, XOR_TEMPLATE, XOR_NAME);
  await setEpochs(page, 400);
  await page.getByTestId('train-button').click();
  await expect.poll(async () => (await epochCounter(page)).now, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

  // The earlier runs' trainers exit shortly after their runs end; this run's is the one left.
  await expect.poll(() => app.trainerPids(), { message: 'one trainer process for the one run' }).toHaveLength(1);
  const pids = app.trainerPids();
  process.kill(pids[0], 'SIGKILL');

  const failure = page.getByTestId('run-failure');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText(/training process ended unexpectedly/i);
  await expect(failure).toContainText(/project is untouched/i);
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  await shot(page, 'd-1-killed');

  // The editor still edits, and a new run trains to the end.
  await page.getByTestId('node-hidden').click();
  await page.getByTestId('param-units').fill('6');
  await expect(page.getByTestId('shape-hidden')).toHaveText('(None, 6)');
  await setEpochs(page, 5);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('run-failure')).toHaveCount(0);
  await expect(page.getByTestId('epoch-counter')).toHaveText(/^5 \/ 5$/);
  await expect.poll(() => app.trainerPids(), { message: 'the finished run leaves no trainer behind' }).toHaveLength(0);
  await shot(page, 'd-2-trained-again');
});
