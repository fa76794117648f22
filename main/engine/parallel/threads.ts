import { availableParallelism, cpus } from 'node:os';
import { TrainingError } from '../train/trainingError';

/** The cores this process may use (os.availableParallelism, which honours CPU affinity). */
export function availableCores(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : Math.max(1, cpus().length);
}

/** How many threads a run may train on, and where that number came from. */
export interface ThreadChoice {
  threads: number;
  /** `all cores`, `DEEPWIRE_THREADS=N`, or why a native backend trains on one. */
  source: string;
}

/** Backends whose kernels run on one JavaScript thread, so Deepwire's gradient workers add cores. */
const SINGLE_THREADED_BACKENDS = ['wasm', 'cpu'];

/**
 * The number of training threads for `backend`: every core on wasm and cpu (each thread computes
 * the gradient of a shard of every batch), one on a native backend (libtensorflow already spreads
 * its kernels over the cores). `DEEPWIRE_THREADS=N` overrides on wasm and cpu.
 *
 * @throws TrainingError 'backend' when DEEPWIRE_THREADS is not a whole number from 1 to the cores.
 */
export function trainingThreads(
  backend: string,
  env: Record<string, string | undefined> = process.env,
  cores = availableCores(),
): ThreadChoice {
  const raw = env.DEEPWIRE_THREADS?.trim();
  let forced: number | undefined;
  if (raw) {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > cores) {
      throw new TrainingError(
        'backend',
        `DEEPWIRE_THREADS=${raw} is refused: this machine has ${cores} core${cores === 1 ? '' : 's'}, so the number of training threads must be a whole number from 1 to ${cores}.`,
        `Set DEEPWIRE_THREADS to a number from 1 to ${cores}, or unset it to train on all cores.`,
      );
    }
    forced = n;
  }
  if (!SINGLE_THREADED_BACKENDS.includes(backend)) {
    return { threads: 1, source: `the ${backend} backend runs its own threads` };
  }
  if (forced !== undefined) return { threads: forced, source: `DEEPWIRE_THREADS=${forced}` };
  return { threads: cores, source: `all ${cores} core${cores === 1 ? '' : 's'}` };
}

/** Smallest shard worth a thread: below it the copies and messages cost more than the maths saved. */
export const MIN_SHARD = 8;
/**
 * Below this many multiply-adds per batch (a forward pass; a training step is about three) a
 * shard's arithmetic is smaller than what every step costs whatever its size (dispatching ~100
 * kernels, the copies and messages of the split): measured on 2 cores (bench/vs-pytorch.bench.ts),
 * split batches were 3× slower for the MLP (3.2 M per batch of 32), 0.6–0.9× for LeNet-5 (13 M)
 * and the exoplanet CNN (5 M), and 1.2–1.3× faster for star-galaxy-small (232 M).
 */
export const MIN_WORK = 50_000_000;

/**
 * The threads one run really uses: the allowed number, reduced when its batches are too small to
 * split (shards under MIN_SHARD examples) or its steps too small for a thread to pay off (under
 * MIN_WORK multiply-adds per batch: `macsPerExample` × batch size, at least one per weight).
 * `note` says why when it was reduced. Above these, the thread trial (threadTrial.ts) still times
 * both ways on the run's first steps.
 */
export function planThreads(
  allowed: number,
  batchSize: number,
  trainableWeights: number,
  macsPerExample = 0,
): { threads: number; note?: string } {
  if (allowed <= 1) return { threads: 1 };
  const work = Math.max(macsPerExample, trainableWeights) * batchSize;
  if (work < MIN_WORK) {
    return {
      threads: 1,
      note: `Training on 1 thread: a batch of ${batchSize} is about ${millions(work)} multiply-adds, too little to split over ${allowed} threads (splitting pays from about ${millions(MIN_WORK)}; the copies and messages would cost more than they save).`,
    };
  }
  const byBatch = Math.max(1, Math.floor(batchSize / MIN_SHARD));
  if (byBatch >= allowed) return { threads: allowed };
  return {
    threads: byBatch,
    note: `Training on ${byBatch} thread${byBatch === 1 ? '' : 's'} of ${allowed}: batches of ${batchSize} give each thread at least ${MIN_SHARD} examples only that way (a larger batch size uses more threads).`,
  };
}

const millions = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} million` : `${Math.round(n / 1e3)} thousand`;

/** The device description with the number of training threads, e.g. `CPU (WebAssembly SIMD, 2 threads)`. */
export function deviceWithThreads(device: string, threads: number): string {
  const count = `${threads} thread${threads === 1 ? '' : 's'}`;
  const bare = device.replace(/, \d+ threads?\)$/, ')');
  return bare.endsWith(')') ? `${bare.slice(0, -1)}, ${count})` : `${bare} (${count})`;
}

/** Example counts of the shards of a batch of `n` over `threads` (as equal as can be; the first larger). */
export function shardSizes(n: number, threads: number): number[] {
  const base = Math.floor(n / threads);
  const extra = n % threads;
  return Array.from({ length: threads }, (_, k) => base + (k < extra ? 1 : 0));
}

/**
 * Shard sizes for `n` examples that follow each thread's measured speed (examples per millisecond,
 * this thread first), so that all finish together: a thread that also runs the optimizer step, or
 * shares its core with something else, gets fewer. Every thread keeps at least a quarter of an even
 * share, and at least one example while the batch has one for every thread (a thread measured
 * once while the machine was busy is not starved for good); without a measurement for every
 * thread the shards are even. A shard is 0 only when the batch has fewer examples than threads.
 */
export function balancedShardSizes(n: number, rates: readonly number[]): number[] {
  const threads = rates.length;
  const total = rates.reduce((s, r) => s + r, 0);
  if (!rates.every((r) => Number.isFinite(r) && r > 0)) return shardSizes(n, threads);
  const floor = n >= threads ? Math.max(1, Math.floor(n / threads / 4)) : 0;
  const sizes = rates.map((r) => Math.max(floor, Math.floor((n * r) / total)));
  let left = n - sizes.reduce((s, v) => s + v, 0);
  // Whole examples left over (or taken back by the floors) go to the fastest threads first.
  const byRate = rates.map((r, k) => [r, k] as const).sort((a, b) => b[0] - a[0]);
  for (let i = 0; left !== 0; i = (i + 1) % threads) {
    const k = byRate[i][1];
    if (left > 0) {
      sizes[k]++;
      left--;
    } else if (sizes[k] > floor) {
      sizes[k]--;
      left++;
    }
  }
  return sizes;
}
