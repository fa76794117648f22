import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackends } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

/** Runs `fn` with wasm's own (copying) Identity active instead of Deepwire's, then puts ours back. */
function withBuiltinIdentity<T>(fn: () => T): T {
  const ours = tf.getKernel('Identity', 'wasm')!;
  const own = builtinKernel('Identity', 'wasm')!;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel(own);
  try {
    return fn();
  } finally {
    tf.unregisterKernel('Identity', 'wasm');
    tf.registerKernel(ours);
  }
}

const dataIds = () => tf.engine().backend.numDataIds();

/** A small network's loss gradients with respect to its weights (conv, pooling, dense, tanh). */
function gradients(): Float32Array[] {
  const x = tf.tensor4d(
    Float32Array.from({ length: 2 * 8 * 8 * 3 }, (_, i) => Math.sin(i)),
    [2, 8, 8, 3],
  );
  const w = tf.tensor4d(
    Float32Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i) / 5),
    [3, 3, 3, 4],
  );
  const d = tf.tensor2d(
    Float32Array.from({ length: 36 * 2 }, (_, i) => Math.sin(3 * i) / 6),
    [36, 2],
  );
  const f = (wv: tf.Tensor, dv: tf.Tensor) => {
    const h = tf.tanh(tf.conv2d(x, wv as tf.Tensor4D, 1, 'valid'));
    const p = tf.avgPool(h, 2, 2, 'valid').reshape([2, 36]);
    return tf.sum(tf.square(tf.matMul(p, dv as tf.Tensor2D)));
  };
  const grads = tf.grads(f)([w, d]);
  const out = grads.map((g) => g.dataSync() as Float32Array);
  tf.dispose([x, w, d, ...grads]);
  return out;
}

describe('Identity on wasm shares the buffer instead of copying it', () => {
  beforeAll(initBackends);
  afterEach(() => tf.setBackend('wasm'));

  it('is Deepwire’s kernel on wasm, and a clone allocates nothing', () => {
    expect(tf.getKernel('Identity', 'wasm')?.kernelFunc).toBeDefined();
    expect(deepwireKernel('Identity', 'wasm')).toBeDefined();
    const a = tf.tensor1d([1, 2, 3]);
    const before = dataIds();
    const b = tf.clone(a);
    expect(dataIds()).toBe(before);
    a.dispose();
    // The buffer lives on while the clone holds it.
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    b.dispose();
    expect(dataIds()).toBe(before - 1);
    // The backend's own copies (the behaviour replaced).
    withBuiltinIdentity(() => {
      const c = tf.tensor1d([1]);
      const n = dataIds();
      const d = tf.clone(c);
      expect(dataIds()).toBe(n + 1);
      tf.dispose([c, d]);
    });
  });

  it('gives the same gradients as the backend’s own copying Identity', () => {
    const ours = gradients();
    const reference = withBuiltinIdentity(gradients);
    expect(ours.map((g) => Array.from(g))).toEqual(reference.map((g) => Array.from(g)));
  });

  it('leaves no buffer behind after a training step', () => {
    const before = dataIds();
    gradients();
    expect(dataIds()).toBe(before);
  });

  it('still clones string tensors (they live outside the wasm heap)', () => {
    const s = tf.tensor1d(['a', 'bc'], 'string');
    const c = tf.clone(s);
    s.dispose();
    expect(c.dataSync()).toEqual(['a', 'bc']);
    c.dispose();
  });
});
