import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './appShell';
import { openTemplate, setNumber, showTrain } from './userActions';

/**
 * Issue 14, defect 6: no silent waits. Before Train the panel says about how long an epoch takes on
 * this computer (from the network's multiply-adds and the measured speed), warning before a
 * days-long VGG16 run; after Train the dashboard says what the trainer is doing before the first
 * batch. Served shell, real host and trainers. Screenshots in e2e/screenshots/issue14/.
 */

const DIR = join(process.cwd(), 'e2e', 'screenshots', 'issue14');
mkdirSync(DIR, { recursive: true });
const snap = (page: Page, name: string) => page.screenshot({ path: join(DIR, `${name}.png`) });

test('before Train: an estimate of time per epoch, and a warning for VGG16 at 224×224', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await openTemplate(page, 'exoplanet.deepwire.json', /Exoplanet/);
  await showTrain(page, 'setup');
  const estimate = page.getByTestId('epoch-estimate');
  // The first ask measures the speed in a trainer process (a few seconds), then it is kept.
  await expect(estimate).toHaveText(/^(About .+|A few seconds) per epoch on this computer \(\w+ · .+\)\.$/, {
    timeout: 90_000,
  });
  await expect(estimate).toHaveAttribute('title', /multiply-adds per example × 1,600 training examples/);
  await expect(estimate).not.toHaveClass(/dw-estimate--long/);
  await snap(page, 'estimate-exoplanet');

  await openTemplate(page, 'vgg16.deepwire.json', /VGG-16/);
  await showTrain(page, 'setup');
  await expect(estimate).toHaveClass(/dw-estimate--long/);
  await expect(estimate).toHaveText(
    /per epoch on this computer .*: \d+ epochs would take about .+ Try a smaller input size/,
  );
  await snap(page, 'estimate-vgg16');
});

test('after Train: the dashboard says what the trainer does before the first batch', async ({ app }) => {
  test.setTimeout(150_000);
  const { page } = app;
  await openTemplate(page, 'exoplanet.deepwire.json', /Exoplanet/);
  await showTrain(page, 'setup');
  await setNumber(page.getByTestId('epochs'), 1);
  // A size of its own each time, so the light curves are generated here, not read from the cache.
  const size = 2000 + (Date.now() % 1000);
  await setNumber(page.getByTestId('dataset-size'), size);
  // Every phase the dashboard shows, in order: on a quiet machine a phase may last less than a poll.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __phases: string[] }).__phases = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="run-phase"]')?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('train-button').click();
  const phase = page.getByTestId('run-phase');
  const phases = () => page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
  // Judged from the record, not the live element: on a quiet machine a phase is gone within a poll.
  const known =
    /^(Starting the compute backend…|Preparing [\d,]+ examples of .+…|Generating [\d,]+ examples of .+… \d+%|Initialising [\d,]+ weights…|Running the first batch on \w+…)$/;
  await expect.poll(async () => (await phases()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  await snap(page, 'phase-before-first-batch');
  const n = size.toLocaleString('en-US');
  const generating = new RegExp(`^Generating ${n} examples of Exoplanet transits .+… \\d+%$`);
  await expect.poll(async () => (await phases()).some((p) => generating.test(p)), { timeout: 60_000 }).toBe(true);
  // A picture of it if it is still on screen (without waiting for an element that may be gone).
  const now = await page.evaluate(() => document.querySelector('[data-testid="run-phase"]')?.textContent ?? '');
  if (generating.test(now)) await snap(page, 'phase-generating');
  // Once batches come the phase gives way to the epoch counter and the curves.
  await expect(phase).toHaveCount(0, { timeout: 120_000 });
  // Every phase shown said something a user can read, and they came in the trainer's
  // order: data before weights before the first batch.
  for (const p of await phases()) expect(p).toMatch(known);
  const order = (await phases()).map((p) =>
    /^Starting/.test(p) ? 0 : /^(Preparing|Generating)/.test(p) ? 1 : /^Initialising/.test(p) ? 2 : 3,
  );
  expect(order).toEqual([...order].sort((a, b) => a - b));
  // One epoch may already be over on a quiet machine; otherwise stop it. The run can end between
  // the check and the click (the button is then disabled and a plain click waits for it until the
  // test times out: a clean-clone run did), so the click gives up after a moment.
  const stop = page.getByTestId('stop-button');
  if (await stop.isEnabled()) await stop.click({ timeout: 3_000 }).catch(() => undefined);
  await expect(page.getByTestId('run-status')).toHaveText(/Stopped|Finished|Did not learn/, { timeout: 60_000 });
});
