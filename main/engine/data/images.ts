import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, relative } from 'node:path';
import sharp from 'sharp';
import { byCodePoint } from './arrays';
import { DataError } from './errors';
import type { DataOptions, DataProblem, DataSource, Examples, OpenDataOptions } from './types';

const IMAGE = /\.(png|jpe?g|webp|tiff?)$/i;
/** Decoded pictures are kept (one byte per value) when they all fit in this much memory. */
const KEEP_BYTES = 256 * 1024 * 1024;

type Split = 'train' | 'validation' | 'test';
/** Top folders that name splits, not classes (data/train/cat, data/test/cat). */
const SPLIT_FOLDERS: Record<string, Split> = {
  train: 'train',
  training: 'train',
  val: 'validation',
  valid: 'validation',
  validation: 'validation',
  test: 'test',
  testing: 'test',
};

/** One picture, its class and, in a folder of split folders, its split. */
interface Picture {
  file: string;
  label: number;
  split?: Split;
  /** The decoded pixels, when kept. */
  pixels?: Buffer;
}

/** Every picture under `dir` (sub-folders too), sorted by path so the order is the same everywhere. */
async function picturesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await picturesUnder(p)));
    else if (IMAGE.test(e.name)) out.push(p);
  }
  return out;
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(byCodePoint);
}

/** Run `work` over `items` with a few at a time (sharp decodes on libuv's threads). */
async function eachLimited<T>(items: T[], work: (item: T, i: number) => Promise<void>): Promise<void> {
  const width = Math.max(2, availableParallelism() * 2);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, run));
}

/** A picture decoded, resized to h×w (stretched, as Keras' image_dataset_from_directory does), 1 or 3 channels. */
async function decode(file: string, h: number, w: number, channels: number): Promise<Buffer> {
  let img = sharp(file).resize(w, h, { fit: 'fill' }).removeAlpha();
  img = channels === 1 ? img.greyscale() : img.toColourspace('srgb');
  const { data, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== channels || data.length !== h * w * channels)
    throw new Error(`decoded to ${info.channels} channels`);
  return data;
}

/** The most common [height, width] among the pictures, and whether they are all grey. */
async function commonSize(files: string[]): Promise<{ size: [number, number]; grey: boolean }> {
  const counts = new Map<string, number>();
  let grey = true;
  await eachLimited(files, async (f) => {
    try {
      const m = await sharp(f).metadata();
      const key = `${m.height}x${m.width}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if ((m.channels ?? 3) > 2 && m.space !== 'b-w') grey = false;
    } catch {
      // unreadable pictures are reported by the full check
    }
  });
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))[0]?.[0] ?? '64x64';
  const [h, w] = best.split('x').map(Number);
  return { size: [h, w], grey };
}

/**
 * Open a folder of pictures with one sub-folder per class (`data/cat/*.jpg`, `data/dog/*.png`;
 * PNG, JPEG, WebP, TIFF), or of split folders holding those (`data/train/cat`, `data/test/cat`:
 * each example's split comes from its folder, and `splitColumn` is 'folders'). Pictures are resized to `options.imageSize`, else the Input layer's size,
 * else the most common size; grey or colour by the Input's channels (else colour unless every
 * picture is grey); values 0..1. Every picture is decoded once when opened, so damaged ones are
 * found before training: they are skipped and named in a problem. Up to 256 MB of decoded pixels
 * are kept, so the epochs of a folder that fits read from memory.
 */
export async function openImageFolder(
  path: string,
  options: DataOptions,
  open?: OpenDataOptions,
  keepBytes = KEEP_BYTES,
): Promise<DataSource> {
  const root = basename(path);
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name));
  const classDirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  const loose = entries.filter((e) => e.isFile() && IMAGE.test(e.name)).length;
  const problems: DataProblem[] = [];
  if (loose > 0) {
    problems.push({
      severity: 'warning',
      code: 'loose-images',
      message: `${loose} ${loose === 1 ? 'picture is' : 'pictures are'} directly in ${root}, not in a class folder: left out.`,
      where: root,
      hint: 'Move each picture into the sub-folder named after its class.',
    });
  }
  // data/train/cat, data/test/cat: the splits are fixed by the folders, the classes are one level down.
  const splitFolders = classDirs.length > 0 && classDirs.every((d) => d.toLowerCase() in SPLIT_FOLDERS);
  const groups = splitFolders
    ? classDirs.map((d) => ({ dir: d, split: SPLIT_FOLDERS[d.toLowerCase()] }))
    : [{ dir: '', split: undefined }];
  const listed: { file: string; name: string; split?: Split }[] = [];
  for (const g of groups) {
    const dirs = splitFolders ? await subfolders(join(path, g.dir)) : classDirs;
    for (const dir of dirs)
      for (const file of await picturesUnder(join(path, g.dir, dir))) listed.push({ file, name: dir, split: g.split });
  }
  const names = [...new Set(listed.map((p) => p.name))].sort(byCodePoint);
  const found: Picture[] = listed.map((p) => ({ file: p.file, label: names.indexOf(p.name), split: p.split }));
  if (found.length === 0) {
    throw new DataError(
      'no-images',
      `${root} holds no pictures in class folders.`,
      'Put the pictures in one sub-folder per class (for example data/cat/*.jpg and data/dog/*.png); PNG, JPEG, WebP and TIFF are read.',
    );
  }

  const wanted = open?.inputShape?.length === 3 ? open.inputShape : undefined;
  const guess = options.imageSize && wanted ? undefined : await commonSize(found.map((p) => p.file));
  const [h, w] = options.imageSize ?? (wanted ? [wanted[0], wanted[1]] : guess!.size);
  const channels = wanted && (wanted[2] === 1 || wanted[2] === 3) ? wanted[2] : guess?.grey ? 1 : 3;

  // Decode every picture once: damaged ones are found now, not in the middle of training. When
  // they all fit in keepBytes the decoded pixels are kept, and reading them is a copy.
  const bad: { file: string; why: string }[] = [];
  const ok = new Array<boolean>(found.length).fill(true);
  const keep = found.length * h * w * channels <= keepBytes;
  let bytes = 0;
  await eachLimited(found, async (p, i) => {
    bytes += (await stat(p.file)).size;
    try {
      const pixels = await decode(p.file, h, w, channels);
      if (keep) p.pixels = pixels;
    } catch (e) {
      ok[i] = false;
      bad.push({ file: relative(path, p.file), why: String((e as Error).message ?? e).split('\n')[0] });
    }
  });
  let pictures = found.filter((_, i) => ok[i]);
  if (bad.length > 0) {
    bad.sort((a, b) => byCodePoint(a.file, b.file));
    problems.push({
      severity: 'warning',
      code: 'corrupt-image',
      message: `${bad.length} ${bad.length === 1 ? 'picture could' : 'pictures could'} not be read and ${bad.length === 1 ? 'is' : 'are'} skipped: ${bad
        .slice(0, 5)
        .map((b) => `${b.file} (${b.why})`)
        .join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}.`,
      where: bad[0].file,
      hint: 'Open them in an image viewer: replace or delete the damaged files.',
    });
  }
  if (options.size !== undefined) pictures = pictures.slice(0, options.size);
  const counts = names.map(() => 0);
  for (const p of pictures) counts[p.label]++;
  const classes = names.map((name, k) => ({ name, count: counts[k] })).filter((c) => c.count > 0);
  const at = new Map(classes.map((c, k) => [c.name, k]));
  const labelOf = pictures.map((p) => at.get(names[p.label])!);
  if (classes.length === 1) {
    problems.push({
      severity: 'error',
      code: 'one-class',
      message: `${root} has only one class folder with pictures (${classes[0].name}): with one class there is nothing to tell apart.`,
      where: root,
      hint: 'Add a sub-folder of pictures for each other class.',
    });
  }
  const size = h * w * channels;
  return {
    description: {
      format: 'images',
      path,
      bytes,
      examples: pictures.length,
      inputShape: [h, w, channels],
      task: 'classification',
      classes,
      range: [0, 1],
      skipped: bad.length,
      splitColumn: splitFolders ? 'folders' : undefined,
      problems,
    },
    async readRange(start, end): Promise<Examples> {
      start = Math.max(0, start);
      end = Math.min(end, pictures.length);
      const n = Math.max(0, end - start);
      const x = new Float32Array(n * size);
      const y = new Float32Array(n);
      await eachLimited(
        Array.from({ length: n }, (_, i) => i),
        async (i) => {
          const p = pictures[start + i];
          const data = p.pixels ?? (await decode(p.file, h, w, channels));
          const o = i * size;
          for (let k = 0; k < size; k++) x[o + k] = data[k] / 255;
          y[i] = labelOf[start + i];
        },
      );
      return splitFolders ? { x, y, split: pictures.slice(start, end).map((p) => p.split!) } : { x, y };
    },
    close: async () => {
      for (const p of found) p.pixels = undefined;
    },
  };
}
