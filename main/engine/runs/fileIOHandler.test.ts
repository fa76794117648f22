import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLoadHandler, weightsFileInside } from './fileIOHandler';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deepwire-model-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('weightsManifest paths stay inside the model folder (issue 13, item 13)', () => {
  it.each(['../../../../etc/passwd', '/etc/passwd', '../other/weights.bin', 'sub/../../x.bin', 'a\0b', 42])(
    'refuses %j',
    (path) => {
      expect(() => weightsFileInside(join(dir, 'model'), path)).toThrow(/outside its folder/);
    },
  );

  it('accepts the usual ./weights.bin and a sub-folder', () => {
    expect(weightsFileInside(dir, './weights.bin')).toBe(join(dir, 'weights.bin'));
    expect(weightsFileInside(dir, 'shards/group1-shard1of2.bin')).toBe(join(dir, 'shards', 'group1-shard1of2.bin'));
  });

  it('loading a model.json that points at /etc/passwd fails with a message, reading nothing', async () => {
    const model = join(dir, 'model');
    await mkdir(model);
    await writeFile(
      join(model, 'model.json'),
      JSON.stringify({
        modelTopology: {},
        weightsManifest: [{ paths: ['../../../../../../../../etc/passwd'], weights: [] }],
      }),
    );
    await expect(fileLoadHandler(model).load!()).rejects.toMatchObject({ code: 'weights-missing' });
  });
});
