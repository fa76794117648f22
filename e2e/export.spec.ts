import { existsSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, shot, test } from './appShell';

/*
 * Export journey (issue 10) through `deepwire serve`: train the XOR template, open Export…, write an
 * ONNX export of the finished run into the served folder's exports/, and see the check pass. The
 * served folder is the checkout (serve runs there), so the folder is removed afterwards.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

test('trains a tiny run, exports it to ONNX from the dialog and sees the check pass', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  const name = `e2e-export-${Date.now()}`;
  const dir = join(root, 'exports', name);
  try {
    await page.getByTestId('btn-templates').click();
    await page.getByTestId('template-card-xor-mlp.deepwire.json').getByRole('button').click();
    await expect(page.getByTestId('template-gallery')).toHaveCount(0);
    await expect(page.getByTestId('project-name')).toHaveValue(/XOR/);

    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 90_000 });

    await page.getByTestId('btn-export').click();
    const dialog = page.getByTestId('export-dialog');
    await expect(dialog).toBeVisible();
    // The run just trained is what it offers to export.
    await expect(dialog.getByTestId('export-source')).toHaveValue(/.+/);
    await expect(dialog.getByTestId('export-format-onnx')).toBeChecked();
    await dialog.getByTestId('export-destination').fill(name);
    await shot(page, 'export-1-dialog');

    await dialog.getByTestId('export-submit').click();
    await expect(dialog.getByTestId('export-check-status')).toHaveText('Check passed', { timeout: 90_000 });
    await expect(dialog.getByTestId('export-dir')).toHaveText(dir);
    await expect(dialog.getByTestId('export-result')).toContainText('model.onnx');
    await shot(page, 'export-2-passed');

    expect(existsSync(join(dir, 'model.onnx'))).toBe(true);
    const meta = JSON.parse(readFileSync(join(dir, 'deepwire-export.json'), 'utf8'));
    expect(meta.check.status).toBe('passed');

    // The same name again: it asks before replacing.
    await dialog.getByTestId('export-close').click();
    await page.getByTestId('btn-export').click();
    await page.getByTestId('export-destination').fill(name);
    await page.getByTestId('export-submit').click();
    await expect(page.getByTestId('export-exists')).toContainText('already exists', { timeout: 30_000 });
    await shot(page, 'export-3-exists');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // exports/ itself too, when this journey made it (rmdir refuses a folder with anything else in it).
    try {
      rmdirSync(join(root, 'exports'));
    } catch {
      // someone else's exports are there
    }
  }
});
