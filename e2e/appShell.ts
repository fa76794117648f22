import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { SERVE_ORIGIN, SERVE_PORT, SERVE_TOKEN } from './served';

/**
 * One fixture, `app`, for journeys that must run in both shells (DESIGN.md, Testing): the built
 * renderer in Debian's Chromium through `deepwire serve` (project `served`), or the desktop app
 * through Playwright's `_electron.launch` (project `electron`, skipped where Electron's binary is
 * not installed). Journeys select by data-testid and never ask which shell they are in, except to
 * find the trainer process of a run (`trainerPids`).
 */

export type Shell = 'served' | 'electron';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Electron's executable, or why there is none (the electron package throws when its download was skipped). */
export function electronBinary(): { path: string } | { missing: string } {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `the electron package points to ${String(path)}, which does not exist` };
  } catch (error) {
    return { missing: error instanceof Error ? error.message : String(error) };
  }
}

function parentPid(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Pids of the processes whose command line matches `pattern` (pgrep -f), none if there are none. */
function pgrep(pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * Trainer processes started by THIS test run's `deepwire serve` (other engineers' trainers on the
 * same machine are left alone): trainer processes (the source, or the bundle when it is up to date)
 * whose parent is the serve on our port.
 */
function servedTrainerPids(): number[] {
  return pgrep('trainerMain|dist/main/trainer\\.cjs').filter((pid) => {
    const parent = parentPid(pid);
    return parent !== undefined && commandLine(parent).includes(`serve --port ${SERVE_PORT}`);
  });
}

/** Electron's trainers are Node utility processes (utilityProcess.fork) under the app's main process. */
function electronTrainerPids(app: ElectronApplication): number[] {
  const main = app.process().pid;
  return pgrep('utility-sub-type=node.mojom.NodeService').filter((pid) => parentPid(pid) === main);
}

export interface AppHandle {
  page: Page;
  shell: Shell;
  /** Pids of the trainer processes now running for this app. */
  trainerPids(): number[];
}

/**
 * A screenshot of a key moment in e2e/screenshots/<project>/ (gitignored), outside test-results/,
 * which every Playwright run empties — including another engineer's run in the same checkout.
 */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(root, 'e2e', 'screenshots', test.info().project.name, `${name}.png`) });
}

export const test = base.extend<{ shell: Shell; app: AppHandle }, { lazyChromium: () => Promise<Browser> }>({
  shell: ['served', { option: true }],

  // Launched on first use, so the electron project starts no Chromium.
  lazyChromium: [
    async ({ playwright, launchOptions }, use) => {
      let browser: Promise<Browser> | undefined;
      await use(() => (browser ??= playwright.chromium.launch(launchOptions)));
      if (browser) await (await browser).close();
    },
    { scope: 'worker' },
  ],

  app: async ({ shell, playwright, lazyChromium, viewport }, use, testInfo) => {
    if (shell === 'electron') {
      const bin = electronBinary();
      if ('missing' in bin) {
        testInfo.skip(true, `Electron's binary is not installed here (${bin.missing}).`);
        return;
      }
      // ELECTRON_RUN_AS_NODE (set by some editors' terminals) would make Electron a plain Node.
      const { ELECTRON_RUN_AS_NODE: _asNode, ...inherited } = process.env;
      // Its own user-data folder: unsaved work kept by one journey is not offered to the next.
      const env = {
        ...inherited,
        DEEPWIRE_RUNS_DIR: testInfo.outputPath('runs'),
        DEEPWIRE_USER_DATA: testInfo.outputPath('user-data'),
      } as Record<string, string>;
      const electronApp = await playwright._electron.launch({ executablePath: bin.path, args: [root], env });
      const page = await electronApp.firstWindow();
      if (viewport) await page.setViewportSize(viewport);
      await use({ page, shell, trainerPids: () => electronTrainerPids(electronApp) });
      await electronApp.close();
      return;
    }
    const context = await (await lazyChromium()).newContext({ viewport });
    const page = await context.newPage();
    const response = await page.goto(`${SERVE_ORIGIN}/?token=${SERVE_TOKEN}`);
    if (response?.status() !== 200) throw new Error(`deepwire serve answered ${response?.status()} for the app page`);
    await use({ page, shell, trainerPids: servedTrainerPids });
    await context.close();
  },
});

export { expect } from '@playwright/test';
