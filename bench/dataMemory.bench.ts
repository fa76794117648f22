/**
 * Peak memory of the trainer against the size of the user's file (issue 9, item 2): the trainer
 * must not hold a file it streams. Writes x.npy (float32, N × 1024) and y.npy (int32 labels, 10
 * classes) into a temporary folder in 8 MB chunks, trains a small MLP on it in a real trainer
 * process (trainerMain, as `deepwire train` starts it) for a fixed number of batches, then lets it
 * evaluate the test split (read from disk again), and reads the process's peak resident memory
 * (VmHWM in /proc/<pid>/status). Three runs: a 200 MB file as the app reads it (kept in memory:
 * it is under 256 MB), the same file streamed (DEEPWIRE_MATERIALISE_MB=0), and a 2 GB file
 * (streamed because it is big). The files are deleted after.
 *
 * Run: npx tsx bench/dataMemory.bench.ts   (Linux; a few minutes; needs ~2.3 GB of free disk)
 * Env: DEEPWIRE_BENCH_BIG_MB (default 2048), DEEPWIRE_BENCH_BATCHES (default 300), DEEPWIRE_BACKEND.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { TrainerEvent } from '../shared/protocol/trainer';
import { forkTrainerLauncher } from '../main/host/trainerLauncher';
import { startTrainer, TRAINER_ENTRY } from '../main/host/trainerProcess';

const FEATURES = 1024;
const CLASSES = 10;
const BIG_MB = Number(process.env.DEEPWIRE_BENCH_BIG_MB ?? 2048);
const BATCHES = Number(process.env.DEEPWIRE_BENCH_BATCHES ?? 300);

/** A .npy header for `dtype` and `shape`, padded to a multiple of 64 bytes (format version 1.0). */
function npyHeader(dtype: string, shape: number[]): Buffer {
  let dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - 10 - 1, ' ') + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  return Buffer.concat([head, Buffer.from(dict, 'latin1')]);
}

/** Writes n examples whose class shifts the mean of a tenth of the features (learnable, cheap). */
async function writeData(dir: string, n: number): Promise<void> {
  const x = createWriteStream(join(dir, 'x.npy'));
  const y = createWriteStream(join(dir, 'y.npy'));
  x.write(npyHeader('<f4', [n, FEATURES]));
  y.write(npyHeader('<i4', [n]));
  let seed = 12345;
  const rows = 2048; // 8 MB of x per chunk
  for (let start = 0; start < n; start += rows) {
    const m = Math.min(rows, n - start);
    const xs = new Float32Array(m * FEATURES);
    const ys = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const k = (start + i) % CLASSES;
      ys[i] = k;
      for (let j = 0; j < FEATURES; j++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        xs[i * FEATURES + j] = seed / 4294967296 - 0.5 + (j % CLASSES === k ? 0.5 : 0);
      }
    }
    if (!x.write(Buffer.from(xs.buffer))) await once(x, 'drain');
    if (!y.write(Buffer.from(ys.buffer))) await once(y, 'drain');
  }
  x.end();
  y.end();
  await Promise.all([once(x, 'finish'), once(y, 'finish')]);
}

/** Peak and current resident memory of a process, in MB (Linux). */
async function memory(pid: number): Promise<{ peak: number; now: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

interface Result {
  label: string;
  fileMB: number;
  peakMB: number;
  read: string;
  seconds: number;
  batches: number;
}

async function trainOn(label: string, dir: string, env: NodeJS.ProcessEnv): Promise<Result> {
  const runDir = join(dir, `run-${label.replace(/\W+/g, '-')}`);
  const project = {
    name: 'Data memory bench',
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [FEATURES] } },
        { id: 'h', kind: 'Dense', params: { units: 32, activation: 'relu' } },
        { id: 'out', kind: 'Dense', params: { units: CLASSES, activation: 'softmax' } },
      ],
      edges: [
        { source: 'in', target: 'h' },
        { source: 'h', target: 'out' },
      ],
    },
    training: { dataset: { file: join(dir, 'x.npy'), y: 'y.npy' }, batchSize: 256, epochs: 1, seed: 1 },
  };
  let batches = 0;
  let peak = 0;
  let read = '?';
  const t0 = performance.now();
  const trainer = startTrainer({
    start: { type: 'start', runId: label, project, runDir },
    launcher: forkTrainerLauncher(TRAINER_ENTRY, { env: { ...process.env, ...env } }),
    onEvent: (e: TrainerEvent) => {
      if (e.type === 'batch' && ++batches >= BATCHES) trainer.stop();
      if (e.type === 'log' && e.message.startsWith('Training on'))
        read = /read into memory/.test(e.message) ? 'memory' : 'streamed';
      if (e.type === 'log' && e.level === 'warn') console.log(`  (${e.message})`);
    },
  });
  const poll = setInterval(() => {
    if (trainer.pid)
      void memory(trainer.pid).then(
        (m) => (peak = Math.max(peak, m.peak)),
        () => {},
      );
  }, 200);
  const end = await trainer.ended;
  if (trainer.pid) peak = Math.max(peak, (await memory(trainer.pid).catch(() => ({ peak: 0 }))).peak);
  clearInterval(poll);
  trainer.send({ type: 'shutdown' });
  await trainer.exited;
  if (end.type === 'failed') throw new Error(`${label}: the run failed: ${end.message}`);
  const bytes = (await import('node:fs')).statSync(join(dir, 'x.npy')).size;
  return { label, fileMB: bytes / 1024 ** 2, peakMB: peak, read, seconds: (performance.now() - t0) / 1000, batches };
}

async function main() {
  const results: Result[] = [];
  const small = await mkdtemp(join(tmpdir(), 'dw-bench-200-'));
  const big = await mkdtemp(join(tmpdir(), 'dw-bench-big-'));
  try {
    const perExample = FEATURES * 4;
    console.log(`Writing a 200 MB and a ${BIG_MB} MB x.npy (N × ${FEATURES} float32) with int32 labels…`);
    await writeData(small, Math.round((200 * 1024 ** 2) / perExample));
    await writeData(big, Math.round((BIG_MB * 1024 ** 2) / perExample));
    results.push(await trainOn('200 MB, as the app reads it', small, {}));
    results.push(await trainOn('200 MB, streamed', small, { DEEPWIRE_MATERIALISE_MB: '0' }));
    results.push(await trainOn(`${BIG_MB} MB, as the app reads it`, big, {}));
  } finally {
    await rm(small, { recursive: true, force: true });
    await rm(big, { recursive: true, force: true });
  }
  console.log(`\nTrainer peak resident memory (VmHWM), ${BATCHES} batches of 256 then the test split evaluated:`);
  for (const r of results)
    console.log(
      `  ${r.label.padEnd(30)} file ${r.fileMB.toFixed(0).padStart(5)} MB  read: ${r.read.padEnd(8)}  peak RSS ${r.peakMB.toFixed(0).padStart(5)} MB  (${r.seconds.toFixed(1)} s)`,
    );
  const streamedSmall = results[1].peakMB;
  const streamedBig = results[2].peakMB;
  console.log(
    `\n  ${BIG_MB} MB (${results[2].read}) / 200 MB streamed: file ×${(results[2].fileMB / results[1].fileMB).toFixed(1)}, peak RSS ×${(streamedBig / streamedSmall).toFixed(2)}`,
  );
}

await main();
