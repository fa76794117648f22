import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openFileDataset } from '../fileDataset';

// Regression: the image reader gives each picture in data/train/<class> or data/test/<class> its
// split, but the loader used the reader's splits only when the project named a split column, so
// the folders' test pictures were hashed into training.
let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'deepwire-split-folders-'));
  const counts = { train: 6, valid: 2, test: 3 };
  for (const [split, n] of Object.entries(counts))
    for (const [cls, colour] of [
      ['cat', '#ff0000'],
      ['dog', '#0000ff'],
    ]) {
      const dir = join(root, 'pictures', split, cls);
      await mkdir(dir, { recursive: true });
      for (let i = 0; i < n; i++)
        await sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
          .png()
          .toFile(join(dir, `${i}.png`));
    }
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

it('trains on train/, validates on valid/ and tests on test/ picture folders', async () => {
  const data = await openFileDataset({ file: 'pictures' }, { seed: 1, baseDir: root, inputShape: [8, 8, 3] });
  expect(data.meta.classNames).toEqual(['cat', 'dog']);
  expect(data.record.splits).toEqual({ train: 12, validation: 4, test: 6 });
  expect(data.record.splitColumn).toBe('folders');
});
