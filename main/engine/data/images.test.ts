import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImageFolder } from './images';
import { openDataSource } from './index';

const root = mkdtempSync(join(tmpdir(), 'deepwire-images-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A picture of one colour, written by sharp in the format its name says. */
async function picture(path: string, width: number, height: number, rgb: [number, number, number], grey = false) {
  mkdirSync(dirname(path), { recursive: true });
  let img = sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
  if (grey) img = img.toColourspace('b-w');
  await img.toFile(path);
}

const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];

beforeAll(async () => {
  const pets = join(root, 'pets');
  await picture(join(pets, 'cat', 'a.png'), 32, 24, RED);
  await picture(join(pets, 'cat', 'b.jpg'), 20, 20, RED);
  await picture(join(pets, 'cat', 'c.webp'), 16, 16, RED);
  await picture(join(pets, 'cat', 'more', 'd.tiff'), 40, 10, RED);
  await picture(join(pets, 'dog', 'e.png'), 16, 16, BLUE);
  await picture(join(pets, 'dog', 'f.jpeg'), 16, 16, BLUE);
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();
  writeFileSync(join(pets, 'dog', 'broken.jpg'), jpeg.subarray(0, jpeg.length >> 1));
  writeFileSync(join(pets, 'dog', 'notes.txt'), 'not a picture');
  await picture(join(pets, 'loose.png'), 16, 16, RED);
  await picture(join(root, 'onlycats', 'cat', 'a.png'), 8, 8, RED);
  await picture(join(root, 'grey', 'a', 'x.png'), 8, 8, [200, 200, 200], true);
  await picture(join(root, 'grey', 'b', 'y.png'), 8, 8, [50, 50, 50], true);
  mkdirSync(join(root, 'nothing', 'cat'), { recursive: true });
  await picture(join(root, 'splits', 'train', 'cat', 'a.png'), 8, 8, RED);
  await picture(join(root, 'splits', 'train', 'dog', 'b.png'), 8, 8, BLUE);
  await picture(join(root, 'splits', 'test', 'dog', 'c.png'), 8, 8, BLUE);
  await picture(join(root, 'splits', 'valid', 'cat', 'd.png'), 8, 8, RED);
});

describe('image folders', () => {
  it('one class per sub-folder, mixed sizes and formats, resized to the Input, colour, 0..1', async () => {
    const s = await openDataSource(join(root, 'pets'), {}, { inputShape: [8, 8, 3] });
    const d = s.description;
    expect(d).toMatchObject({
      format: 'images',
      examples: 6,
      inputShape: [8, 8, 3],
      task: 'classification',
      range: [0, 1],
      skipped: 1,
    });
    expect(d.classes).toEqual([
      { name: 'cat', count: 4 },
      { name: 'dog', count: 2 },
    ]);
    expect(d.problems.map((p) => p.code)).toEqual(['loose-images', 'corrupt-image']);
    expect(d.problems[1].message).toMatch(/^1 picture could not be read and is skipped: dog\/broken\.jpg \(.*\)\.$/);
    expect(d.problems[1].where).toBe('dog/broken.jpg');
    const r = await s.readRange(0, 6);
    expect(r.x).toHaveLength(6 * 8 * 8 * 3);
    expect(Array.from(r.y)).toEqual([0, 0, 0, 0, 1, 1]);
    // Example 0 (a.png, red) and 4 (e.png, blue): every pixel that colour.
    const pixel = (e: number, p: number) => Array.from(r.x.subarray(e * 192 + p * 3, e * 192 + p * 3 + 3));
    expect(pixel(0, 0)).toEqual([1, 0, 0]);
    expect(pixel(0, 63)).toEqual([1, 0, 0]);
    expect(pixel(4, 17)).toEqual([0, 0, 1]);
    // The JPEG (b.jpg) is red within JPEG's error.
    pixel(1, 5).forEach((v, k) => expect(v).toBeCloseTo(RED[k] / 255, 1));
  });

  it('reads the same examples whether the decoded pictures are kept or decoded again', async () => {
    const kept = await openDataSource(join(root, 'pets'), {}, { inputShape: [8, 8, 3] });
    const again = await openImageFolder(join(root, 'pets'), {}, { inputShape: [8, 8, 3] }, 0);
    expect(await again.readRange(1, 5)).toEqual(await kept.readRange(1, 5));
  });

  it('grey when the Input has one channel; an image size of its own', async () => {
    const s = await openDataSource(join(root, 'pets'), { imageSize: [4, 6] }, { inputShape: [28, 28, 1] });
    expect(s.description.inputShape).toEqual([4, 6, 1]);
    const r = await s.readRange(4, 5);
    expect(r.x).toHaveLength(24);
    // Blue in grey: libvips weighs it through linear light (Y = 0.0722), which is 0.30 back in sRGB.
    expect(r.x[0]).toBeCloseTo(0.298, 2);
  });

  it('without an Input: the most common size, and grey when every picture is grey', async () => {
    const s = await openDataSource(join(root, 'grey'));
    expect(s.description.inputShape).toEqual([8, 8, 1]);
    const r = await s.readRange(0, 2);
    expect(r.x[0]).toBeCloseTo(200 / 255, 2);
    expect(r.x[64]).toBeCloseTo(50 / 255, 2);
    expect((await openDataSource(join(root, 'pets'))).description.inputShape).toEqual([16, 16, 3]);
  });

  it('train/valid/test folders fix the splits; the classes are the folders inside them', async () => {
    const s = await openDataSource(join(root, 'splits'));
    expect(s.description.classes).toEqual([
      { name: 'cat', count: 2 },
      { name: 'dog', count: 2 },
    ]);
    expect(s.description.splitColumn).toBe('folders');
    const r = await s.readRange(0, 4);
    expect(r.split).toEqual(['test', 'train', 'train', 'validation']);
    expect(Array.from(r.y)).toEqual([1, 0, 1, 0]);
  });

  it('names bad input: one class, no pictures', async () => {
    const one = await openDataSource(join(root, 'onlycats'));
    expect(one.description.problems.find((p) => p.code === 'one-class')).toMatchObject({
      severity: 'error',
      where: 'onlycats',
    });
    await expect(openDataSource(join(root, 'nothing'))).rejects.toMatchObject({
      code: 'no-images',
      message: 'nothing holds no pictures in class folders.',
    });
  });
});
