import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { maxRelativeError } from '../main/engine/export/compare';
import { runOnnx } from '../main/engine/export/onnx/onnxExporter';
import { loadRun } from '../main/engine/runs/loadRun';
import { expect, shot, test } from './appShell';

/**
 * Transfer learning with a model someone else trained (issue 11): import an ONNX CNN written by
 * PyTorch, see it on the canvas with shapes and parameter counts, give it a new last layer for two
 * classes, freeze everything above it, fine-tune on a folder of pictures in the served folder, and
 * export the fine-tuned run to ONNX again: the export's own check passes, and the written model.onnx
 * in onnxruntime-node equals the run's saved model on a fresh batch.
 * Served shell only (the desktop app's native choosers cannot be driven from here). The model and
 * pictures are written by the test inside the served folder and removed after, with the imported
 * project (imported/ under the served folder) and the export (exports/ under it).
 */

test.skip(({ shell }) => shell !== 'served', 'Import and data are picked in the browser shell here.');

const DIR = join(process.cwd(), 'e2e', 'import-fixtures');
const IMPORTED = join(process.cwd(), 'imported', 'digits_cnn');
const PYTHON = process.env.DEEPWIRE_PYTHON ?? '/usr/bin/python3';
const EXPORT_NAME = 'e2e-import-fine-tuned';
const EXPORTED = join(process.cwd(), 'exports', EXPORT_NAME);

/** A small CNN for 28×28 grey pictures and 5 classes, written by torch.onnx.export in eval mode. */
const TORCH = `
import sys, torch, torch.nn as nn
torch.manual_seed(3)
m = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Flatten(), nn.Linear(8 * 7 * 7, 5)).eval()
torch.onnx.export(m, torch.rand(1, 1, 28, 28), sys.argv[1], input_names=['x'], output_names=['y'],
                  opset_version=13, dynamic_axes={'x': {0: 'batch'}, 'y': {0: 'batch'}})
`;

/** 28×28 grey pictures: a bright disc or a bright bar, placed at random (as in the data journey). */
async function writePictures(dir: string) {
  let seed = 5;
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
      await sharp(px, { raw: { width: 28, height: 28, channels: 1 } })
        .png()
        .toFile(join(dir, kind, `${i}.png`));
    }
  }
}

test.beforeAll(async () => {
  test.skip(!existsSync(PYTHON), `${PYTHON} is missing: it writes the PyTorch model this journey imports.`);
  await rm(DIR, { recursive: true, force: true });
  await rm(IMPORTED, { recursive: true, force: true });
  await rm(EXPORTED, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  execFileSync(PYTHON, ['-c', TORCH, join(DIR, 'digits_cnn.onnx')], { stdio: 'pipe', timeout: 240_000 });
});
test.afterAll(async () => {
  await rm(DIR, { recursive: true, force: true });
  await rm(IMPORTED, { recursive: true, force: true });
  await rm(EXPORTED, { recursive: true, force: true });
  // exports/ itself too, when this journey made it (rmdir refuses a folder with anything else in it).
  await rmdir(join(process.cwd(), 'exports')).catch(() => undefined);
});

test('imports a PyTorch CNN, replaces its head, freezes the rest and fine-tunes it on pictures', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;

  // File → Import…: the ONNX file, checked against onnxruntime, opens on the canvas.
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('btn-import').click();
  await (await chooser).setFiles(join(DIR, 'digits_cnn.onnx'));
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('import-status')).toContainText('Equal to the original within');
  await expect(page.getByTestId('import-status')).toContainText('channels-last');
  for (const id of ['input', 'conv2d_0', 'conv2d_4', 'dense_8'])
    await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('shape-input')).toHaveText('(None, 28, 28, 1)');
  await expect(page.getByTestId('shape-dense_8')).toHaveText('(None, 5)');
  // PyTorch folded the batch norm into the first convolution: 40 + 296 + 1,965 weights.
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary-total')).toHaveText('2,301');
  await shot(page, 'i-1-imported');

  // A new head for two classes: the last Linear (node "dense_8") gets 2 units and a softmax.
  await page.getByTestId('node-dense_8').click();
  await page.getByTestId('param-units').fill('2');
  await page.getByTestId('param-units').blur();
  await page.getByTestId('param-activation').selectOption('softmax');
  await expect(page.getByTestId('shape-dense_8')).toHaveText('(None, 2)');
  // Keep what the network learned: freeze every layer above the head.
  await page.getByTestId('freeze-above').click();
  await expect(page.getByTestId('freeze-above-said')).toHaveText('Froze 2 layers above this one.');
  await expect(page.getByTestId('summary-trainable')).toHaveText('786');
  await expect(page.getByTestId('summary-nontrainable')).toHaveText('336');
  await shot(page, 'i-2-head-replaced-frozen');

  // Fine-tune on a folder of pictures beside the imported project (data paths are read relative to
  // the project file), picked with the data journey's "Your data…" chooser in the served folder.
  await writePictures(join(IMPORTED, 'pictures'));
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-tab-setup').click();
  await page.getByTestId('dataset-select').selectOption({ label: 'Your data…' });
  await page.getByTestId('data-entry-imported').click();
  await page.getByTestId('data-entry-digits_cnn').click();
  await page.getByTestId('data-entry-pictures').click();
  await page.getByTestId('use-folder').click();
  await expect(page.getByTestId('data-examples')).toHaveText('60');
  await expect(page.getByTestId('training-problem')).toHaveCount(0);
  const epochs = page.getByTestId('epochs');
  await epochs.fill('8');
  await epochs.blur();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 150_000 });
  const matrix = page.getByTestId('confusion-matrix');
  for (const name of ['bar', 'disc']) await expect(matrix.locator('thead')).toContainText(name);
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'i-3-fine-tuned');

  // Export the fine-tuned run to ONNX again: the dialog offers the run just trained, and its own
  // check (the export run in onnxruntime against the run's model) passes.
  await page.getByTestId('btn-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-source')).toHaveValue(/.+/);
  await expect(dialog.getByTestId('export-format-onnx')).toBeChecked();
  await dialog.getByTestId('export-destination').fill(EXPORT_NAME);
  await dialog.getByTestId('export-submit').click();
  await expect(dialog.getByTestId('export-check-status')).toHaveText('Check passed', { timeout: 90_000 });
  await expect(dialog.getByTestId('export-check-detail')).toContainText('Same outputs as Deepwire');
  await expect(dialog.getByTestId('export-dir')).toHaveText(EXPORTED);
  await expect(dialog.getByTestId('export-result')).toContainText('model.onnx');
  await shot(page, 'i-4-exported-onnx');
  await page.screenshot({ path: join(process.cwd(), 'e2e', 'screenshots', 'import', 'i-4-exported-onnx.png') });

  // Checked here too, outside the app: the written file against the run's saved model.
  const meta = JSON.parse(readFileSync(join(EXPORTED, 'deepwire-export.json'), 'utf8')) as {
    source: { runDir: string };
    check: { status: string; maxRelativeError: number };
  };
  expect(meta.check.status).toBe('passed');
  await tf.setBackend('cpu');
  const run = await loadRun(meta.source.runDir);
  const values = Float32Array.from({ length: 4 * 28 * 28 }, (_, i) => ((i * 7919) % 1000) / 1000);
  const x = tf.tensor(values, [4, 28, 28, 1]);
  const want = (run.model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  const got = await runOnnx(join(EXPORTED, 'model.onnx'), { shape: [4, 28, 28, 1], values });
  expect(got.length).toBe(4 * 2);
  expect(maxRelativeError(got, want)).toBeLessThanOrEqual(1e-4);
  run.model.dispose();
  x.dispose();
});
