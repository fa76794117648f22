import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tinyOnnx } from '../engine/import/onnx/test/tinyOnnx';
import { Host } from './host';
import { fileRunStore } from './runStore';
import { fakeCatalog } from './test/hostFixtures';
import { forkTrainerLauncher } from './trainerLauncher';
import { TRAINER_ENTRY } from './trainerProcess';

const root = mkdtempSync(join(tmpdir(), 'dw-import-upload-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const host = () =>
  new Host({
    catalog: fakeCatalog,
    runs: fileRunStore(join(root, 'runs')),
    launchTrainer: forkTrainerLauncher(TRAINER_ENTRY),
    projectRoot: root,
    confineToProjectRoot: true,
  });

describe('Host importModel (File → Import…)', () => {
  it('imports an uploaded ONNX file in a trainer process into imported/<name>/ and returns the project to open', async () => {
    const h = host();
    // A project of that name is there already: the import goes beside it, never over it.
    mkdirSync(join(root, 'imported', 'tiny'), { recursive: true });
    const r = await h.call('importModel', [{ files: [{ name: 'tiny.onnx', bytes: tinyOnnx() }] }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const outcome = r.value as { path: string; text: string; format: string; maxRelativeError: number };
    expect(outcome.path).toBe('imported/tiny-2/tiny.deepwire.json');
    expect(outcome.format).toBe('onnx');
    expect(outcome.maxRelativeError).toBeLessThanOrEqual(1e-4);
    expect(JSON.parse(outcome.text).weights).toBe('tiny.weights/model.json');
    expect(existsSync(join(root, 'imported', 'tiny-2', 'tiny.weights', 'weights.bin'))).toBe(true);
    expect(readFileSync(join(root, 'imported', 'tiny-2', 'tiny.deepwire.json'), 'utf8')).toBe(outcome.text);
    await h.shutdown();
  }, 120_000);

  it('refuses what cannot be imported with the importer’s message, and bad uploads before any work', async () => {
    const h = host();
    const erf = await h.call('importModel', [{ files: [{ name: 'erf.onnx', bytes: tinyOnnx('Erf') }] }]);
    expect(erf).toMatchObject({ ok: false, error: { code: 'import-refused' } });
    expect(!erf.ok && erf.error.message).toMatch(/Erf node "\/Erf" \(node 2 of the graph/);
    expect(!erf.ok && erf.error.hint).toMatch(/--partial/);
    const notes = await h.call('importModel', [{ files: [{ name: 'notes.txt', bytes: new Uint8Array(3) }] }]);
    expect(notes).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const sneaky = await h.call('importModel', [{ files: [{ name: '../x.onnx', bytes: new Uint8Array(3) }] }]);
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await h.shutdown();
  }, 120_000);
});
