import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './appShell';
import { openTemplate, setNumber, showTrain } from './userActions';

/**
 * Issue 14, section 2.3 "Try your own input" (Teachable Machine's core loop), as a user meets it in
 * the served shell with a real trainer: train the MNIST MLP briefly, draw a digit with the mouse,
 * see the ten classes' probabilities and every layer's activations, pick a test example, drop a
 * picture, and be told plainly when a file is not a picture.
 */

const SHOTS = join(fileURLToPath(new URL('.', import.meta.url)), 'screenshots', 'issue14');
const shot = (target: Page | Locator, name: string) => target.screenshot({ path: join(SHOTS, `${name}.png`) });

/** Draws strokes on the pad with the mouse; points are fractions of the pad's size. */
async function draw(page: Page, strokes: [number, number][][]) {
  const box = (await page.getByTestId('try-draw-pad').boundingBox())!;
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    await page.mouse.move(box.x + first[0] * box.width, box.y + first[1] * box.height);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 6 });
    await page.mouse.up();
  }
}

test('Try it: draw a digit, pick a test example, drop a picture on a freshly trained MNIST MLP', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await openTemplate(page, 'mnist-mlp.deepwire.json', /MNIST/);
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), 1);
  await setNumber(page.getByTestId('dataset-size'), 1000);

  // Before any run, the view says what to do.
  await page.getByTestId('train-tab-tryit').click();
  await expect(page.getByTestId('try-it')).toContainText('Train a network');
  await shot(page, 'after-2.3-tryit-empty');

  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 150_000 });
  await page.getByTestId('train-tab-tryit').click();
  await expect(page.getByTestId('try-draw-pad')).toBeVisible();

  // A "7": a bar across the top, then a stroke down to the bottom left.
  await draw(page, [
    [
      [0.25, 0.22],
      [0.75, 0.22],
      [0.45, 0.85],
    ],
  ]);
  const classes = page.getByTestId('try-class');
  await expect(classes).toHaveCount(10, { timeout: 60_000 });
  await expect(classes.first()).toContainText('0');
  await expect(classes.last()).toContainText('9');
  const said = (await page.getByTestId('try-said').textContent())!.trim();
  expect(said).toMatch(/^[0-9]$/);
  const percents = await classes.locator('.dw-mono').allTextContents();
  const total = percents.map((p) => Number(p.replace(/[%\s]/g, ''))).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(97);
  expect(total).toBeLessThan(103);
  const layers = page.getByTestId('try-activations');
  await expect(layers.locator('[data-testid^="activation-layer-"]')).toHaveCount(
    await page.locator('.react-flow__node').count(),
  );
  console.log(`Try it: the drawn 7 was read as ${said}; probabilities ${percents.join(' ')}`);
  await shot(page, 'after-2.3-tryit-drawn-digit');
  await layers.scrollIntoViewIfNeeded();
  await shot(page, 'after-2.3-tryit-drawn-activations');
  // The output layer's values carry the class names.
  const output = layers.locator('[data-testid^="activation-layer-"]').last();
  await output.scrollIntoViewIfNeeded();
  await expect(output.locator('.dw-strip-values__label')).toHaveText([
    '0',
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
    '7',
    '8',
    '9',
  ]);
  await shot(output, 'after-2.3-tryit-output-layer-closeup');
  // The pad's own pixels as a PNG file (280 × 280, white on black), to drop as a picture below.
  const padPicture = Buffer.from(
    (await page
      .getByTestId('try-draw-pad')
      .evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png').split(',')[1])) as string,
    'base64',
  );

  // Clear empties the answer.
  await page.getByTestId('try-clear').click();
  await expect(classes).toHaveCount(0);

  // A test example the network never trained on.
  await page.getByTestId('try-mode-example').click();
  const examples = page.getByTestId('try-example');
  expect(await examples.count()).toBeGreaterThan(3);
  await examples.nth(1).click();
  await expect(examples.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(classes).toHaveCount(10, { timeout: 30_000 });
  await expect(page.getByText(/test example \d+, as the network gets it/)).toBeVisible();
  await shot(page, 'after-2.3-tryit-test-example');

  // A picture file: the pad's drawing saved as a PNG, read as a digit (boxed, scaled, centred): the same answer.
  await page.getByTestId('try-mode-image').click();
  await page.getByTestId('try-file').setInputFiles({ name: 'my-seven.png', mimeType: 'image/png', buffer: padPicture });
  await expect(page.getByText(/my-seven.png, as the network gets it \(28 × 28 × 1\)/)).toBeVisible({ timeout: 30_000 });
  await expect(classes).toHaveCount(10);
  await expect(page.getByTestId('try-said')).toHaveText(said);
  await shot(page, 'after-2.3-tryit-picture');

  // Not a picture: refused in plain words.
  await page
    .getByTestId('try-file')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('try-error')).toContainText('"notes.txt" is not a picture');
  await shot(page, 'after-2.3-tryit-not-a-picture');

  // The app reopened and the run opened from the runs list: it can be tried too.
  await page.reload();
  await page.getByTestId('recovery-restore').click();
  await showTrain(page, 'runs');
  const row = page.locator('[data-testid^="run-row-"]', { hasText: 'completed' }).first();
  await row.getByRole('button', { name: 'Open' }).click();
  await page.getByTestId('train-tab-tryit').click();
  await page.getByTestId('try-mode-example').click();
  await page.getByTestId('try-example').first().click();
  await expect(classes).toHaveCount(10, { timeout: 60_000 });
  await shot(page, 'after-2.3-tryit-reopened-run');
});

test('Try it: typed values on a freshly trained XOR network, a non-number refused', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await openTemplate(page, 'xor-mlp.deepwire.json', /XOR/);
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), 3);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 90_000 });
  await page.getByTestId('train-tab-tryit').click();
  await expect(page.getByTestId('try-mode-row')).toHaveAttribute('aria-checked', 'true');
  const fields = page.getByTestId('try-row').getByRole('textbox');
  await expect(fields).toHaveCount(2);
  await fields.nth(0).fill('2.5');
  await fields.nth(1).fill('two');
  await page.getByTestId('try-row-submit').click();
  await expect(page.getByTestId('try-error')).toHaveText('"two" (x2) is not a number. Type digits, like 1.5 or -0.2.');
  await shot(page, 'after-2.3-tryit-row-not-a-number');
  await fields.nth(1).fill('-2.5');
  await page.getByTestId('try-row-submit').click();
  await expect(page.getByTestId('try-prediction')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('try-error')).toHaveCount(0);
  await expect(page.getByTestId('try-prediction')).toContainText(/negative|positive/);
  await expect(page.getByTestId('try-activations')).toBeVisible();
  await shot(page, 'after-2.3-tryit-row-xor');
});
