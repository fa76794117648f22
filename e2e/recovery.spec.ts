import type { Page } from '@playwright/test';
import { expect, shot, test } from './appShell';
import { openTemplate, setNumber, showTrain } from './userActions';

/**
 * Work is never lost to a reload (issue 13, item 5), through `deepwire serve` in Chromium: unsaved
 * edits come back after the page is reloaded, on the user's say-so, and a run that was training
 * when the page went away is there with its result when the project is back.
 */

const XOR_TEMPLATE = 'xor-mlp.deepwire.json';

/** Reloads as a user would, leaving through the "unsaved changes" prompt. */
async function reloadWithoutSaving(page: Page) {
  const onDialog = (dialog: { type(): string; accept(): Promise<void> }) =>
    void (dialog.type() === 'beforeunload' ? dialog.accept() : undefined);
  page.on('dialog', onDialog);
  await page.reload();
  page.off('dialog', onDialog);
}

test('edits, reloads without saving, is offered the work back and restores it', async ({ app }) => {
  const { page } = app;
  await openTemplate(page, XOR_TEMPLATE, /XOR/);
  await page.getByTestId('project-name').fill('XOR, my version');
  await page.getByTestId('node-hidden').click();
  await page.getByTestId('param-units').fill('6');
  await expect(page.getByTestId('shape-hidden')).toHaveText('(None, 6)');

  await reloadWithoutSaving(page);
  const offer = page.getByTestId('recovery-offer');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(/Restore your unsaved work on “XOR, my version” from \d/);
  await expect(offer).toContainText('before this project was ever saved');
  // Behind the offer, nothing has been replaced yet.
  await expect(page.getByTestId('node-hidden')).toHaveCount(0);
  await shot(page, 'recovery-1-offer');

  await page.getByTestId('recovery-restore').click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveValue('XOR, my version');
  await expect(page.getByTestId('shape-hidden')).toHaveText('(None, 6)');
  await shot(page, 'recovery-2-restored');

  // Still unsaved, so offered again after another reload; Discard ends it for good.
  await reloadWithoutSaving(page);
  await expect(offer).toBeVisible();
  await page.getByTestId('recovery-discard').click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId('node-hidden')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('project-name')).toHaveValue('Untitled');
  await expect(offer).toHaveCount(0);
});

test('a run training when the page is reloaded shows up finished, with its result', async ({ app }) => {
  // Thirty XOR epochs take seconds on a quiet machine, a minute on a busy one.
  test.setTimeout(180_000);
  const { page } = app;
  await openTemplate(page, XOR_TEMPLATE, /XOR/);
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), 30);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveText('Training', { timeout: 20_000 });

  await reloadWithoutSaving(page);
  await page.getByTestId('recovery-restore').click();
  await showTrain(page, 'runs');
  const row = page.locator('[data-testid^="run-row-"]');
  await expect(row).toHaveCount(1);
  // Listed while it trains (on a busy machine) or already done; either way it ends up completed.
  console.log(`after the reload the run was listed ${await row.locator('td').nth(3).textContent()}`);
  await expect(row.getByText('completed')).toBeVisible({ timeout: 150_000 });
  await expect(row.getByTestId('run-epochs')).toHaveText('30');
  await expect(row).toContainText(/\d+(\.\d+)?\s*% test accuracy/);
  await shot(page, 'recovery-3-run-after-reload');
});
