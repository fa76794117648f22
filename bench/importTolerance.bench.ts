/**
 * Is the import check's 1e-4 gate measuring translation errors or float32 summation order? One
 * Dense layer of growing fan-in K, with the same weights in TF.js (the backend imports use) and in
 * onnxruntime-node (Deepwire's ONNX export of it), both compared with the exact float64 result:
 *
 * - `rel`: the check's measure (maxRelativeError: |a − e| / max(|e|, 1 % of the batch's peak |e|)),
 * - `peak`: max |a − e| / max |e| (normalised by the output's largest magnitude),
 * - `cond`: max |a − e| / Σₖ |wₖ xₖ| per element (what summation rounding is bounded by, ≈ K·ε
 *   at worst, ≈ √K·ε typically, ε = 6e-8).
 *
 *   npx tsx bench/importTolerance.bench.ts
 *
 * Prints numbers; never fails on them.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../main/engine/backend';
import { maxRelativeError } from '../main/engine/export/compare';
import { convertModel } from '../main/engine/export/onnx/convertModel';
import { runOnnx } from '../main/engine/export/onnx/onnxExporter';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function measures(a: ArrayLike<number>, e: ArrayLike<number>, cond: Float64Array) {
  let peak = 0;
  let worstAbs = 0;
  let worstCond = 0;
  for (let i = 0; i < e.length; i++) {
    peak = Math.max(peak, Math.abs(e[i]));
    worstAbs = Math.max(worstAbs, Math.abs(a[i] - e[i]));
    worstCond = Math.max(worstCond, Math.abs(a[i] - e[i]) / cond[i]);
  }
  return { rel: maxRelativeError(a, e), peak: worstAbs / peak, cond: worstCond };
}

const fmt = (v: number) => v.toExponential(1).padStart(8);

async function main() {
  await selectBackend({ env: { DEEPWIRE_BACKEND: process.env.DEEPWIRE_BACKEND ?? 'wasm' } });
  const dir = mkdtempSync(join(tmpdir(), 'dw-tolerance-'));
  const N = 4;
  const units = 64;
  console.log(`backend ${tf.getBackend()}; Dense(K → ${units}), batch ${N}, inputs U(0, 1), weights N(0, 1/K)`);
  console.log('     K | TF.js–ORT rel   peak    cond | TF.js–exact rel   cond | ORT–exact rel   cond');
  try {
    for (const K of [256, 1024, 4096, 16384, 65536]) {
      const rand = mulberry32(K);
      const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
      const x = Float32Array.from({ length: N * K }, () => rand());
      const w = Float32Array.from({ length: K * units }, () => gauss() / Math.sqrt(K));
      const input = tf.input({ shape: [K] });
      const dense = tf.layers.dense({ units, useBias: false });
      const model = tf.model({ inputs: input, outputs: dense.apply(input) as tf.SymbolicTensor });
      dense.setWeights([tf.tensor(w, [K, units])]);
      const tfjs = (model.predict(tf.tensor(x, [N, K])) as tf.Tensor).dataSync() as Float32Array;
      const file = join(dir, `dense${K}.onnx`);
      writeFileSync(file, convertModel(model, { producerVersion: 'bench' }).bytes);
      const ort = await runOnnx(file, { shape: [N, K], values: x });
      const exact = new Float64Array(N * units);
      const cond = new Float64Array(N * units);
      for (let n = 0; n < N; n++)
        for (let k = 0; k < K; k++) {
          const xv = x[n * K + k];
          for (let u = 0; u < units; u++) {
            const t = xv * w[k * units + u];
            exact[n * units + u] += t;
            cond[n * units + u] += Math.abs(t);
          }
        }
      const a = measures(tfjs, ort, cond);
      const b = measures(tfjs, exact, cond);
      const c = measures(ort, exact, cond);
      console.log(
        `${String(K).padStart(6)} | ${fmt(a.rel)} ${fmt(a.peak)} ${fmt(a.cond)} | ${fmt(b.rel)} ${fmt(b.cond)} | ${fmt(c.rel)} ${fmt(c.cond)}`,
      );
      model.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
