import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { datasetCacheDir, datasetCacheLimit, pruneDatasetCache } from '../datasets/cacheFolder';
import { Rng } from '../datasets/rng';

/*
 * TF.js 4.22's orthogonal initializer runs Gram–Schmidt as hundreds of small tensor ops and takes
 * about a minute for a 320×320 recurrent kernel on the cpu backend (the star–galaxy template spent
 * 62 s compiling). This one does the same maths — QR of a normal matrix, Keras's recipe — in plain
 * Float64 JavaScript for small kernels (milliseconds) and blocked on the backend's matmul for large
 * ones. It registers under TF.js's class name
 * 'Orthogonal' with the same config (gain, seed), so saved models stay Keras/TF.js compatible.
 */

type InitializerCtor = new () => tf.serialization.Serializable & {
  apply(shape: number[], dtype?: tf.DataType): tf.Tensor;
};
const InitializerBase = Object.getPrototypeOf(Object.getPrototypeOf(tf.initializers.zeros()))
  .constructor as InitializerCtor;

/**
 * Below this many multiply-adds (m·n²) plain JavaScript Gram–Schmidt is quicker than going through
 * the backend; above it, {@link blockedOrthonormalColumns} hands the bulk to the backend's matmul.
 */
export const BLOCKED_ORTHOGONAL_MIN_WORK = 2 ** 26;
/**
 * Columns per block: the in-block Gram–Schmidt in JavaScript costs m·n·BLOCK, the backend's matmuls
 * m·n² whatever the block; 64 made the full star–galaxy template's two Dense kernels 4.3 → 3.4 s (128 before).
 */
const BLOCK = 64;

/** Modified Gram–Schmidt, in place, on the columns c0 … c1−1 of a column-major m-row matrix. */
function gramSchmidt(a: Float64Array, m: number, c0: number, c1: number): void {
  for (let j = c0; j < c1; j++) {
    const cj = j * m;
    for (let k = c0; k < j; k++) {
      const ck = k * m;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += a[ck + i] * a[cj + i];
      for (let i = 0; i < m; i++) a[cj + i] -= dot * a[ck + i];
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += a[cj + i] * a[cj + i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < m; i++) a[cj + i] /= norm;
  }
}

/** Seeded standard normals for an m×n matrix, column-major (the order both paths consume them in). */
function normals(m: number, n: number, rng: Rng): Float64Array {
  const a = new Float64Array(m * n);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  return a;
}

/** An m×n (m ≥ n) matrix with orthonormal columns (column-major): modified Gram–Schmidt on seeded normals. */
export function orthonormalColumns(m: number, n: number, rng: Rng): Float64Array {
  const a = normals(m, n, rng);
  gramSchmidt(a, m, 0, n);
  return a;
}

/**
 * The same Q as {@link orthonormalColumns} — the Q of the QR of the same normal matrix, with R's
 * diagonal positive, so the same (Haar) distribution — computed block by block: each block of
 * 64 columns is projected off the finished ones with two passes of classical Gram–Schmidt
 * (CGS2, stable to working precision) as four matmuls on the backend, then orthonormalised
 * within itself in Float64. The m·n² multiply-adds that took the full star–galaxy template's
 * 3200×2048 dense kernel ~50 s of scalar JavaScript become large GEMMs the backend runs at speed.
 */
export function blockedOrthonormalColumns(m: number, n: number, rng: Rng): Float64Array {
  const a = normals(m, n, rng);
  // Finished columns as tensors: Q (m×j) and Qᵀ (j×m), so no matmul needs a transposed operand
  // (the wasm backend's transposed matmul misses XNNPACK).
  let q: tf.Tensor2D | null = null;
  let qt: tf.Tensor2D | null = null;
  for (let c0 = 0; c0 < n; c0 += BLOCK) {
    const c1 = Math.min(n, c0 + BLOCK);
    const width = c1 - c0;
    if (q && qt) {
      // The block as an m×width row-major tensor.
      const rows = new Float32Array(m * width);
      for (let j = 0; j < width; j++) for (let i = 0; i < m; i++) rows[i * width + j] = a[(c0 + j) * m + i];
      const projected = tf.tidy(() => {
        let block: tf.Tensor2D = tf.tensor2d(rows, [m, width]);
        for (let pass = 0; pass < 2; pass++) block = tf.sub(block, tf.matMul(q!, tf.matMul(qt!, block)));
        return block;
      });
      const values = projected.dataSync();
      projected.dispose();
      for (let j = 0; j < width; j++) for (let i = 0; i < m; i++) a[(c0 + j) * m + i] = values[i * width + j];
    }
    gramSchmidt(a, m, c0, c1);
    if (c1 < n) {
      // Column-major columns c0…c1 are, read row-major, exactly the block's Qᵀ.
      const blockT = tf.tensor2d(Float32Array.from(a.subarray(c0 * m, c1 * m)), [width, m]);
      const nextQt: tf.Tensor2D = qt ? tf.concat([qt, blockT], 0) : blockT;
      const nextQ = tf.transpose(nextQt) as tf.Tensor2D;
      if (qt && qt !== nextQt) tf.dispose([qt, blockT]);
      q?.dispose();
      qt = nextQt;
      q = nextQ;
    }
  }
  tf.dispose([q, qt].filter((t): t is tf.Tensor2D => t !== null));
  return a;
}

/**
 * A rows×cols kernel (row-major, float32, gain 1) whose columns (rows ≥ cols) or rows are
 * orthonormal, for `seed` (random when undefined). Large ones (the blocked path, seconds of work:
 * the full star–galaxy template's two Dense kernels) are kept in the cache folder beside the
 * datasets (`<cache>/weights`, same LRU size limit, off with DEEPWIRE_CACHE_DIR=off) under (shape,
 * seed, algorithm), so a template's second run starts at once with the same values. `dir` null:
 * no cache.
 */
export function orthogonalKernel(
  rows: number,
  cols: number,
  seed: number | undefined,
  dir: string | null = weightCacheDir() ?? null,
): Float32Array {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  const blocked = m * n * n >= BLOCKED_ORTHOGONAL_MIN_WORK;
  const file =
    blocked && seed !== undefined && dir
      ? join(dir, `orthogonal-v1-b${BLOCK}-${rows}x${cols}-seed${seed}.f32`)
      : undefined;
  const cached = file ? readCached(file, rows * cols) : undefined;
  if (cached) return cached;
  const rng = new Rng(seed ?? Math.floor(Math.random() * 2 ** 31));
  const q = blocked ? blockedOrthonormalColumns(m, n, rng) : orthonormalColumns(m, n, rng);
  const kernel = new Float32Array(rows * cols);
  if (rows < cols)
    kernel.set(q); // q's columns are the kernel's rows: already in place
  else {
    // kernel[r, c] = q[c·m + r]: a transpose, in 64×64 tiles so that both sides stay in cache.
    const T = 64;
    for (let r0 = 0; r0 < rows; r0 += T)
      for (let c0 = 0; c0 < cols; c0 += T)
        for (let c = c0; c < Math.min(cols, c0 + T); c++)
          for (let r = r0; r < Math.min(rows, r0 + T); r++) kernel[r * cols + c] = q[c * m + r];
  }
  if (file) writeCached(file, kernel);
  return kernel;
}

/** `<cache>/weights`, or undefined when the cache is off. */
export function weightCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const datasets = datasetCacheDir(env);
  return datasets ? join(dirname(datasets), 'weights') : undefined;
}

/** The cached values if the file holds exactly `count` floats (touched, for the LRU), else undefined. */
function readCached(file: string, count: number): Float32Array | undefined {
  try {
    if (statSync(file).size !== count * 4) return undefined;
    const bytes = readFileSync(file);
    const now = new Date();
    utimesSync(file, now, now);
    return bytes.byteOffset % 4 === 0
      ? new Float32Array(bytes.buffer, bytes.byteOffset, count)
      : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + count * 4));
  } catch {
    return undefined;
  }
}

/** Writes atomically (a temporary file renamed), then trims the folder to the cache limit. Best effort. */
function writeCached(file: string, values: Float32Array): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, values);
    renameSync(temp, file);
    void pruneDatasetCache(dirname(file), datasetCacheLimit());
  } catch {
    // A read-only or full disk: the weights were computed, only the next run is slower.
  }
}

/** Keras's Orthogonal(gain, seed), fast. */
export class FastOrthogonal extends InitializerBase {
  static className = 'Orthogonal';
  readonly gain: number;
  readonly seed?: number;

  constructor(args: { gain?: number; seed?: number } = {}) {
    super();
    this.gain = args.gain ?? 1;
    this.seed = args.seed;
  }

  override apply(shape: number[]): tf.Tensor {
    if (shape.length < 2) throw new Error('The orthogonal initializer needs a weight with at least 2 dimensions.');
    const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
    const cols = shape[shape.length - 1];
    const kernel = orthogonalKernel(rows, cols, this.seed);
    if (this.gain !== 1) for (let i = 0; i < kernel.length; i++) kernel[i] *= this.gain;
    return tf.tensor(kernel, shape);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { gain: this.gain, seed: this.seed ?? null };
  }
}

tf.serialization.registerClass(
  FastOrthogonal as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
);
