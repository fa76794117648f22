/**
 * Is reading the user's data ever the bottleneck? Read throughput of each reader (MB/s and
 * examples/s, opening included separately) on generated files of ~100 MB, printed next to what one
 * training step consumes (examples/s of a small MLP and CNN on the wasm backend, measured in the
 * same run). Files are written into a temporary folder and deleted at the end.
 *
 *   npx tsx bench/dataRead.bench.ts            (DEEPWIRE_BENCH_MB=100 sets the array files' size)
 *
 * Prints numbers; never fails on them.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import h5wasm from 'h5wasm/node';
import sharp from 'sharp';
import { selectBackend } from '../main/engine/backend';
import { openDataSource } from '../main/engine/data';
import { openImageFolder } from '../main/engine/data/images';

const MB = 1024 * 1024;
const SIDE = 28;
const VALUES = SIDE * SIDE;
const N = Math.round((Number(process.env.DEEPWIRE_BENCH_MB ?? 100) * MB) / (VALUES * 4));
const BATCH = 256;
const dir = mkdtempSync(join(tmpdir(), 'deepwire-bench-data-'));

/** Deterministic pixel values, so every format holds the same examples. */
function examples(start: number, count: number): Float32Array {
  const x = new Float32Array(count * VALUES);
  for (let i = 0; i < x.length; i++) x[i] = ((start * VALUES + i) % 251) / 251;
  return x;
}
const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 10);

function npyHeader(descr: string, shape: number[]): Buffer {
  let h = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  h = h.padEnd(Math.ceil((h.length + 11) / 64) * 64 - 11) + '\n';
  const head = Buffer.alloc(10);
  Buffer.from('\x93NUMPY\x01\x00', 'latin1').copy(head);
  head.writeUInt16LE(h.length, 8);
  return Buffer.concat([head, Buffer.from(h, 'latin1')]);
}

async function writeNpy(path: string): Promise<void> {
  const f = await open(path, 'w');
  await f.write(npyHeader('<f4', [N, SIDE, SIDE]));
  for (let s = 0; s < N; s += 4096) await f.write(new Uint8Array(examples(s, Math.min(4096, N - s)).buffer));
  await f.close();
  const y = Int32Array.from(labels(N));
  writeFileSync(join(dir, 'y.npy'), Buffer.concat([npyHeader('<i4', [N]), Buffer.from(y.buffer)]));
}

function writeNpz(path: string): void {
  const x = Buffer.concat([npyHeader('<f4', [N, SIDE, SIDE]), Buffer.from(examples(0, N).buffer)]);
  const y = Buffer.concat([npyHeader('<i4', [N]), Buffer.from(Int32Array.from(labels(N)).buffer)]);
  writeFileSync(path, zipSync({ 'x.npy': [x, { level: 0 }], 'y.npy': [y, { level: 0 }] }));
}

function card(key: string, value: string | number | boolean): string {
  const v =
    typeof value === 'string'
      ? `'${value.padEnd(8)}'`
      : typeof value === 'boolean'
        ? value
          ? 'T'
          : 'F'
        : String(value);
  return `${key.padEnd(8)}= ${typeof value === 'string' ? v.padEnd(20) : v.padStart(20)}`.padEnd(80);
}
const header = (cards: string[]) => {
  const text = [...cards, 'END'.padEnd(80)].join('');
  return Buffer.from(text.padEnd(Math.ceil(text.length / 2880) * 2880), 'latin1');
};

/** A FITS cube (BITPIX −32, big-endian) of N images and a binary table of their labels. */
async function writeFits(path: string): Promise<void> {
  const f = await open(path, 'w');
  await f.write(
    header([
      card('SIMPLE', true),
      card('BITPIX', -32),
      card('NAXIS', 3),
      card('NAXIS1', SIDE),
      card('NAXIS2', SIDE),
      card('NAXIS3', N),
    ]),
  );
  for (let s = 0; s < N; s += 4096) {
    const x = examples(s, Math.min(4096, N - s));
    const b = Buffer.alloc(x.length * 4);
    for (let i = 0; i < x.length; i++) b.writeFloatBE(x[i], i * 4);
    await f.write(b);
  }
  const pad = (n: number) => Buffer.alloc((2880 - (n % 2880)) % 2880);
  await f.write(pad(N * VALUES * 4));
  const t = [card('XTENSION', 'BINTABLE'), card('BITPIX', 8), card('NAXIS', 2), card('NAXIS1', 2), card('NAXIS2', N)];
  t.push(card('PCOUNT', 0), card('GCOUNT', 1), card('TFIELDS', 1), card('TTYPE1', 'LABEL'), card('TFORM1', 'I'));
  await f.write(header(t));
  const rows = Buffer.alloc(N * 2);
  labels(N).forEach((v, i) => rows.writeInt16BE(v, i * 2));
  await f.write(Buffer.concat([rows, pad(N * 2)]));
  await f.close();
}

async function writeHdf5(path: string): Promise<void> {
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'w');
  f.create_dataset({
    name: 'x',
    data: examples(0, N),
    shape: [N, SIDE, SIDE],
    dtype: '<f4',
    chunks: [256, SIDE, SIDE],
  });
  f.create_dataset({ name: 'y', data: Int32Array.from(labels(N)), shape: [N], dtype: '<i4' });
  f.close();
}

/** A table of 20 number columns and a class column, ~`mb` MB. */
async function writeCsv(path: string, mb: number): Promise<number> {
  const f = await open(path, 'w');
  await f.write(`${Array.from({ length: 20 }, (_, k) => `f${k}`).join(',')},label\n`);
  let rows = 0;
  let bytes = 0;
  while (bytes < mb * MB) {
    const lines: string[] = [];
    for (let r = 0; r < 2000; r++, rows++) {
      const cells = Array.from({ length: 20 }, (_, k) => (((rows * 31 + k * 17) % 1000) / 37).toFixed(4));
      lines.push(`${cells.join(',')},${rows % 3 ? 'star' : 'galaxy'}\n`);
    }
    const text = lines.join('');
    bytes += text.length;
    await f.write(text);
  }
  await f.close();
  return rows;
}

async function writeImages(root: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const cls = join(root, `class${i % 4}`);
    if (i < 4) mkdirSync(cls, { recursive: true });
    const raw = Buffer.alloc(64 * 64 * 3);
    for (let p = 0; p < raw.length; p++) raw[p] = (p * 7 + i * 13) % 256;
    const img = sharp(raw, { raw: { width: 64, height: 64, channels: 3 } });
    await (i % 2 ? img.jpeg() : img.png()).toFile(join(cls, `${i}.${i % 2 ? 'jpg' : 'png'}`));
  }
}

interface ReadResult {
  name: string;
  mb: number;
  examples: number;
  openS: number;
  readS: number;
}

/** Open, then read every example in order in batches of BATCH, as the loader does. */
async function measure(
  name: string,
  path: string,
  options = {},
  inputShape?: number[],
  opener: typeof openDataSource = openDataSource,
): Promise<ReadResult> {
  const t0 = performance.now();
  const s = await opener(path, options, { inputShape });
  const t1 = performance.now();
  const n = s.description.examples;
  for (let start = 0; start < n; start += BATCH) await s.readRange(start, Math.min(n, start + BATCH));
  const t2 = performance.now();
  await s.close();
  const problems = s.description.problems.filter((p) => p.severity === 'error');
  if (problems.length) console.log(`  (${name}: ${problems.map((p) => p.message).join('; ')})`);
  return { name, mb: s.description.bytes / MB, examples: n, openS: (t1 - t0) / 1000, readS: (t2 - t1) / 1000 };
}

/** Examples per second one training step consumes: the median of 15 steps after 3 warm-ups. */
async function trainingRate(name: string, model: tf.LayersModel, inputShape: number[], classes: number, batch = 32) {
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([batch, ...inputShape]);
  const y = tf.oneHot(tf.randomUniform([batch], 0, classes, 'int32'), classes);
  const times: number[] = [];
  for (let i = 0; i < 18; i++) {
    const t = performance.now();
    await model.trainOnBatch(x, y);
    if (i >= 3) times.push(performance.now() - t);
  }
  tf.dispose([x, y]);
  const ms = times.sort((a, b) => a - b)[times.length >> 1];
  return { name, ms, rate: (batch / ms) * 1000 };
}

const row = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

try {
  const g0 = performance.now();
  await writeNpy(join(dir, 'x.npy'));
  writeNpz(join(dir, 'data.npz'));
  await writeFits(join(dir, 'cube.fits'));
  await writeHdf5(join(dir, 'data.h5'));
  const csvRows = await writeCsv(join(dir, 'table.csv'), 60);
  await writeImages(join(dir, 'images'), 2000);
  const sizes = ['x.npy', 'data.npz', 'cube.fits', 'data.h5', 'table.csv'].map(
    (f) => `${f} ${(statSync(join(dir, f)).size / MB).toFixed(0)} MB`,
  );
  console.log(
    `generated in ${((performance.now() - g0) / 1000).toFixed(0)} s: ${sizes.join(', ')}, table ${csvRows} rows, images 2000 × 64×64 PNG/JPEG`,
  );

  const reads = [
    await measure('npy (float32, C order)', join(dir, 'x.npy')),
    await measure('npz (stored)', join(dir, 'data.npz')),
    await measure('FITS cube (BITPIX -32)', join(dir, 'cube.fits')),
    await measure('HDF5 (h5wasm, chunked)', join(dir, 'data.h5')),
    await measure('CSV (20 numbers + class)', join(dir, 'table.csv')),
    await measure('images kept (→ 28×28×1)', join(dir, 'images'), {}, [SIDE, SIDE, 1]),
    await measure('images decoded (each read)', join(dir, 'images'), {}, [SIDE, SIDE, 1], (p, o, open) =>
      openImageFolder(p, o ?? {}, open, 0),
    ),
  ];

  const report = await selectBackend({
    env: { ...process.env, DEEPWIRE_BACKEND: process.env.DEEPWIRE_BACKEND ?? 'wasm' },
  });
  const dense = (units: number, activation: 'relu' | 'softmax', inputShape?: number[]) =>
    tf.layers.dense({ units, activation, inputShape });
  const steps = [
    await trainingRate(
      'MLP 20-64-3 (tables)',
      tf.sequential({ layers: [dense(64, 'relu', [20]), dense(3, 'softmax')] }),
      [20],
      3,
    ),
    await trainingRate(
      'MLP 784-128-10',
      tf.sequential({
        layers: [tf.layers.flatten({ inputShape: [SIDE, SIDE, 1] }), dense(128, 'relu'), dense(10, 'softmax')],
      }),
      [SIDE, SIDE, 1],
      10,
    ),
    await trainingRate(
      'CNN conv8-pool-conv16-pool-dense10',
      tf.sequential({
        layers: [
          tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [SIDE, SIDE, 1] }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          dense(10, 'softmax'),
        ],
      }),
      [SIDE, SIDE, 1],
      10,
    ),
  ];

  const w = [26, 8, 10, 9, 9, 12];
  console.log(`\nReading (batches of ${BATCH}, in file order; opening = the describing pass):`);
  console.log(row(['format', 'MB', 'examples', 'open s', 'MB/s', 'examples/s'], w));
  for (const r of reads) {
    console.log(
      row(
        [
          r.name,
          r.mb.toFixed(0),
          String(r.examples),
          r.openS.toFixed(2),
          (r.mb / r.readS).toFixed(0),
          (r.examples / r.readS).toFixed(0),
        ],
        w,
      ),
    );
  }
  console.log(`\nTraining on ${report.backend} (batch 32, one step):`);
  for (const s of steps)
    console.log(
      `${s.name.padEnd(36)} ${s.ms.toFixed(2).padStart(7)} ms/step  ${s.rate.toFixed(0).padStart(8)} examples/s`,
    );
  const fastest = Math.max(...steps.map((s) => s.rate));
  const against = reads.map((r) => `${r.name.split(' (')[0]} ×${(r.examples / r.readS / fastest).toFixed(1)}`);
  console.log(`\nEach reader against the fastest step (${fastest.toFixed(0)} examples/s): ${against.join(', ')}`);
  console.log(
    `(load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${availableParallelism()} cores)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
