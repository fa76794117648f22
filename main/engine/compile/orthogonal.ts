import * as tf from '@tensorflow/tfjs';
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
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const rng = new Rng(this.seed ?? Math.floor(Math.random() * 2 ** 31));
    const q =
      m * n * n >= BLOCKED_ORTHOGONAL_MIN_WORK ? blockedOrthonormalColumns(m, n, rng) : orthonormalColumns(m, n, rng);
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        // rows ≥ cols: out = Q (m×n); rows < cols: out = Qᵀ.
        out[r * cols + c] = this.gain * (rows >= cols ? q[c * m + r] : q[r * m + c]);
      }
    return tf.tensor(out, shape);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { gain: this.gain, seed: this.seed ?? null };
  }
}

tf.serialization.registerClass(
  FastOrthogonal as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
);
