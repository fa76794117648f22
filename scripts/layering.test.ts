import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Probes for the layering rules in eslint.config.js (STYLE.md 1): each lints a one-line file that
 * does not exist, placed in a folder, and checks the rule fires — or stays quiet where the import is
 * allowed. A rule that silently stopped matching (a renamed folder, a pattern typo) fails here.
 */
const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

async function problems(filePath: string, specifier: string): Promise<string[]> {
  const text = `import * as probe from '${specifier}';\nexport const used = probe;\n`;
  const [result] = await eslint.lintText(text, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const REFUSED: [file: string, specifier: string, reason: RegExp][] = [
  ['shared/graph/probe.ts', 'node:fs', /pure core/],
  ['shared/graph/probe.ts', '../../main/host/host', /imports nothing but itself/],
  ['renderer/src/app/probe.ts', '@tensorflow/tfjs', /EngineClient/],
  ['renderer/src/app/probe.ts', '../../../main/host/host', /nothing from main/],
  ['main/engine/probe.ts', 'react', /without Electron or a UI/],
  ['main/host/probe.ts', '../server/server', /know no shell/],
  ['main/server/probe.ts', '../../renderer/src/engine/wsClient', /never imports it/],
  ['main/server/probe.ts', '../electron/main', /another shell/],
  ['main/server/probe.ts', '../engine/train', /TF.js to trainer processes/],
  ['main/server/probe.ts', '@tensorflow/tfjs', /TF.js to trainer processes/],
  ['main/electron/probe.ts', '../../renderer/src/app/App', /as a page, never as code/],
  ['main/electron/probe.ts', 'react', /as a page, never as code/],
  ['main/electron/probe.ts', '@tensorflow/tfjs', /TF.js to trainer processes/],
  ['main/electron/probe.ts', '../server/server', /another shell/],
  ['main/electron/probe.ts', '../cli/index', /another shell/],
  ['main/cli/probe.ts', '../../renderer/src/store', /no UI/],
  ['main/cli/probe.ts', '../electron/main', /without Electron/],
  // Production code never imports test code, in any folder.
  ['main/cli/probe.ts', '../host/test/hostFixtures', /test helpers/],
  ['main/engine/probe.ts', './kernels/kernelTestHarness', /test helpers/],
  ['main/engine/probe.ts', './train/test/projects', /test helpers/],
  ['main/engine/probe.ts', './export/testFixtures', /test helpers/],
  ['shared/graph/probe.ts', './testGraphs', /test helpers/],
  ['shared/graph/probe.ts', '../catalog/testKit', /test helpers/],
  ['renderer/src/app/probe.ts', '../testing/fakeEngine', /test helpers/],
  ['renderer/src/app/probe.ts', '../testing/fixtures', /test helpers/],
  ['renderer/src/app/probe.ts', './App.test', /test helpers/],
];

const ALLOWED: [file: string, specifier: string][] = [
  ['main/electron/probe.ts', '../host/host'],
  ['main/electron/probe.ts', '../server/staticFiles'], // the path guard both shells serve files through
  ['main/server/probe.ts', '../host/host'],
  ['main/cli/probe.ts', '../server/serveCommand'],
  ['main/cli/probe.ts', '../engine/backend'],
  ['main/engine/probe.ts', '@tensorflow/tfjs'],
  // Tests may reach across layers (the server's tests drive it with the renderer's real client).
  ['main/server/probe.test.ts', '../../renderer/src/engine/wsClient'],
  ['renderer/src/app/probe.test.tsx', '../testing/fakeEngine'],
];

describe('layering lint rules', () => {
  it.each(REFUSED)('%s may not import %s', async (file, specifier, reason) => {
    const messages = await problems(file, specifier);
    expect(messages.length, `no rule fired: ${file} → ${specifier}`).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(reason);
  });

  it.each(ALLOWED)('%s may import %s', async (file, specifier) => {
    expect(await problems(file, specifier)).toEqual([]);
  });
});
