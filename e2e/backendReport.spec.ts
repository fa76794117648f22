import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './appShell';
import { openTemplate, showTrain } from './userActions';

/**
 * Issue 12 item 4 / issue 15 item 4: the Train panel's backend line is what a trainer started here
 * really gets — asked of a probe process started like the trainers (the host never loads TF.js) —
 * and says which process training runs in and why no faster backend was used.
 * Screenshot in e2e/screenshots/backend/.
 */
const DIR = join(process.cwd(), 'e2e', 'screenshots', 'backend');
mkdirSync(DIR, { recursive: true });

test('the Train panel says which backend the trainer got, in which process, and why', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await openTemplate(page, 'lenet5.deepwire.json', /LeNet/);
  await showTrain(page, 'setup');
  const line = page.getByTestId('backend-info');
  await expect(line).toContainText(
    /Trains on \w+ · .+ · trainer: (Node [\d.]+ child process|Electron [\d.]+ utility process)/,
    {
      timeout: 90_000,
    },
  );
  const why = line.getByText('Why not a faster backend?');
  if (await why.count()) {
    await why.click();
    await expect(line.locator('li').first()).toBeVisible();
  }
  await line.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(DIR, 'train-panel-backend.png') });
  await line.screenshot({ path: join(DIR, 'backend-line.png') });
});
