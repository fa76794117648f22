import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { type Page } from '@playwright/test';
import { expect, shot, test } from './appShell';

/**
 * "Your data" (issue 9): a user picks their own CSV table and their own folder of pictures in the
 * Train panel, sees what Deepwire read, fits the network to it with one click, trains, and reads
 * the confusion matrix under their own class names. Served shell only (the desktop app's native
 * chooser cannot be driven from here). The files are written by the test, inside the folder
 * `deepwire serve` serves (the repository), and removed after.
 */

test.skip(({ shell }) => shell !== 'served', 'The browser shell chooses data under its served folder.');

const DIR = join(process.cwd(), 'e2e', 'data-fixtures');

/** Three clouds of points (a colour that says nothing beside them): circle, square, triangle. */
function shapesCsv(): string {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const rows = ['x1,x2,colour,shape'];
  const names = ['circle', 'square', 'triangle'];
  for (let i = 0; i < 240; i++) {
    const k = i % 3;
    rows.push(`${(k === 1 ? 4 : 0) + rand()},${(k === 2 ? 4 : 0) + rand()},${rand() > 0 ? 'red' : 'blue'},${names[k]}`);
  }
  return `${rows.join('\n')}\n`;
}

/** 28×28 grey pictures: a bright disc (`disc/`) or a bright bar across (`bar/`), placed at random. */
async function writePictures(dir: string) {
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const kind of ['bar', 'disc']) {
    await mkdir(join(dir, kind), { recursive: true });
    for (let i = 0; i < 30; i++) {
      const px = Buffer.alloc(28 * 28);
      const cx = 9 + rand() * 10;
      const cy = 9 + rand() * 10;
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++) {
          const on = kind === 'disc' ? Math.hypot(x - cx, y - cy) < 5 : Math.abs(y - cy) < 2 && Math.abs(x - cx) < 10;
          px[y * 28 + x] = on ? 230 : Math.round(rand() * 40);
        }
      // PNG and JPEG mixed, as a real folder is.
      const image = sharp(px, { raw: { width: 28, height: 28, channels: 1 } });
      await (i % 2 ? image.png() : image.jpeg({ quality: 95 })).toFile(
        join(dir, kind, `${i}.${i % 2 ? 'png' : 'jpg'}`),
      );
    }
  }
}

test.beforeAll(async () => {
  await rm(DIR, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  await writeFile(join(DIR, 'shapes.csv'), shapesCsv());
  await writePictures(join(DIR, 'pictures'));
});
test.afterAll(() => rm(DIR, { recursive: true, force: true }));

async function openTemplate(page: Page, id: string, name: RegExp) {
  await page.getByTestId('btn-templates').click();
  await page.getByTestId(`template-card-${id}`).getByRole('button').click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveValue(name);
}

async function showSetup(page: Page) {
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-tab-setup').click();
}

/** Opens "Your data…" and walks the served folder to e2e/data-fixtures. */
async function openFixtures(page: Page) {
  await page.getByTestId('dataset-select').selectOption({ label: 'Your data…' });
  await page.getByTestId('data-entry-e2e').click();
  await page.getByTestId('data-entry-data-fixtures').click();
}

async function setNumber(page: Page, testId: string, value: number) {
  const field = page.getByTestId(testId);
  await field.fill(String(value));
  await field.blur();
}

test('trains on a CSV table picked in the served folder, after fitting the network to it', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await openTemplate(page, 'xor-mlp.deepwire.json', /XOR/);
  await showSetup(page);
  await openFixtures(page);
  await shot(page, 'd-0-chooser');
  await page.getByTestId('data-entry-shapes.csv').click();

  // What Deepwire read: the rows under typed columns, the target, the classes with their counts.
  await expect(page.getByTestId('data-rows')).toContainText('triangle');
  await expect(page.getByTestId('data-rows').locator('th.is-target')).toContainText('shape');
  await expect(page.getByTestId('class-balance')).toContainText('circle');
  await expect(page.getByTestId('data-examples')).toHaveText('240');
  // The XOR network takes 2 numbers; the table gives 4 (two numbers and a one-hot colour).
  await expect(page.getByTestId('training-problem').first()).toContainText('[4]');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await shot(page, 'd-1-csv-preview');

  await page.getByTestId('fit-network').click();
  await expect(page.getByTestId('network-fits')).toBeVisible();
  await expect(page.getByTestId('training-problem')).toHaveCount(0);
  await expect(page.getByTestId('loss-select')).toHaveValue('categoricalCrossentropy');
  await expect(page.getByTestId('shape-output')).toHaveText('(None, 3)');
  await setNumber(page, 'epochs', 30);
  await page.getByTestId('network-fits').scrollIntoViewIfNeeded();
  await shot(page, 'd-2-csv-fitted');

  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 90_000 });
  const matrix = page.getByTestId('confusion-matrix');
  for (const name of ['circle', 'square', 'triangle']) await expect(matrix.locator('thead')).toContainText(name);
  await expect(page.getByTestId('prediction-grid')).toBeVisible();
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'd-3-csv-trained');
});

test('trains on a folder of pictures picked in the served folder, after fitting the network to it', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  await openTemplate(page, 'mnist-mlp.deepwire.json', /MNIST MLP/);
  await showSetup(page);
  await openFixtures(page);
  await page.getByTestId('data-entry-pictures').click();
  await page.getByTestId('use-folder').click();

  // Pictures per class, drawn, with the counts; sized to the network's 28×28×1 Input.
  await expect(page.getByTestId('data-thumbnails').getByRole('img')).not.toHaveCount(0);
  await expect(page.getByTestId('class-balance')).toContainText('disc');
  await expect(page.getByTestId('data-examples')).toHaveText('60');
  // Ten digit classes out, two classes of pictures in.
  await expect(page.getByTestId('training-problem').first()).toContainText('2 classes');
  await shot(page, 'd-4-images-preview');

  await page.getByTestId('fit-network').click();
  await expect(page.getByTestId('training-problem')).toHaveCount(0);
  await expect(page.getByTestId('loss-select')).toHaveValue('binaryCrossentropy');
  await setNumber(page, 'epochs', 15);
  await page.getByTestId('network-fits').scrollIntoViewIfNeeded();
  await shot(page, 'd-5-images-fitted');

  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 120_000 });
  const matrix = page.getByTestId('confusion-matrix');
  for (const name of ['bar', 'disc']) await expect(matrix.locator('thead')).toContainText(name);
  // The test pictures are drawn beside what the network said.
  await expect(page.getByTestId('prediction-grid').getByRole('img').first()).toBeVisible();
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'd-6-images-trained');
});
