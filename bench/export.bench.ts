/**
 * Exports of the big templates (issue 10, item 5): for VGG16 and ResNet-50 at full size with their
 * seeded initial weights, the time to write the ONNX and TF.js exports and their size on disk, then
 * inference throughput of the ONNX export in onnxruntime-node against TF.js `predict` on the wasm
 * backend, on the same batch (and the max relative difference between the two), since users ask
 * which to deploy.
 *
 * Run: npx tsx bench/export.bench.ts [template …]   (default: vgg16 resnet50)
 * Env: DEEPWIRE_BENCH_BATCH (default 8), DEEPWIRE_BENCH_RUNS (default 3), DEEPWIRE_BACKEND (default wasm).
 * Prints medians; never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { selectBackend } from '../main/engine/backend';
import { maxRelativeError } from '../main/engine/export/compare';
import { disposeSource, loadSource } from '../main/engine/export/exportSource';
import { onnxExporter } from '../main/engine/export/onnx';
import { randomBatch } from '../main/engine/export/referenceBatch';
import { tfjsExporter } from '../main/engine/export/tfjs';

const root = resolve(import.meta.dirname, '..');
const BATCH = Number(process.env.DEEPWIRE_BENCH_BATCH ?? 8);
const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 3);
const templates = process.argv.slice(2).length ? process.argv.slice(2) : ['vgg16', 'resnet50'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const folderBytes = (dir: string, files: string[]) => files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

const report = await selectBackend({ env: { DEEPWIRE_BACKEND: process.env.DEEPWIRE_BACKEND ?? 'wasm' } });
const ort = await import('onnxruntime-node');
console.log(
  `export bench: TF.js ${tf.version.tfjs} on ${report.backend}, onnxruntime-node ${(ort.env.versions as { node?: string }).node}, batch ${BATCH}, ${RUNS} timed runs each, ${availableParallelism()} cores`,
);

for (const name of templates) {
  const dir = mkdtempSync(join(tmpdir(), `dw-export-bench-${name}-`));
  try {
    const load = await timed(() =>
      loadSource({ kind: 'project', path: join(root, 'templates', `${name}.deepwire.json`) }),
    );
    const source = load.value.source;
    const params = source.model.countParams();
    const onnxDir = join(dir, 'onnx');
    const tfjsDir = join(dir, 'tfjs');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(onnxDir);
    mkdirSync(tfjsDir);
    const onnxWrite = await timed(() => onnxExporter.write(source, onnxDir));
    const tfjsWrite = await timed(() => tfjsExporter.write(source, tfjsDir));
    console.log(
      `\n${name}: ${(params / 1e6).toFixed(1)} M parameters (compiled with seeded weights in ${seconds(load.ms)})`,
    );
    console.log(
      `  ONNX export   ${seconds(onnxWrite.ms).padStart(9)}   ${mb(folderBytes(onnxDir, onnxWrite.value)).padStart(9)}`,
    );
    console.log(
      `  TF.js export  ${seconds(tfjsWrite.ms).padStart(9)}   ${mb(folderBytes(tfjsDir, tfjsWrite.value)).padStart(9)}`,
    );

    const batch = randomBatch(source.model, BATCH, 1); // also the TF.js warm-up
    const x = tf.tensor(batch.input.values, batch.input.shape);
    const tfTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await timed(async () => {
        const y = source.model.predict(x) as tf.Tensor;
        await y.data();
        y.dispose();
      });
      tfTimes.push(t.ms);
    }
    x.dispose();

    const create = await timed(() => ort.InferenceSession.create(join(onnxDir, 'model.onnx')));
    const session = create.value;
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', batch.input.values, batch.input.shape) };
    const first = await session.run(feeds);
    const error = maxRelativeError(first[session.outputNames[0]].data as Float32Array, batch.output.values);
    const ortTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) ortTimes.push((await timed(() => session.run(feeds))).ms);
    await session.release();

    const tfRate = (BATCH / median(tfTimes)) * 1000;
    const ortRate = (BATCH / median(ortTimes)) * 1000;
    console.log(
      `  onnxruntime session created in ${seconds(create.ms)}; max relative difference ${error.toExponential(2)}`,
    );
    console.log(
      `  TF.js ${report.backend} predict   ${tfRate.toFixed(2).padStart(8)} examples/s (median ${seconds(median(tfTimes))} a batch)`,
    );
    console.log(
      `  onnxruntime-node      ${ortRate.toFixed(2).padStart(8)} examples/s (median ${seconds(median(ortTimes))} a batch)`,
    );
    console.log(`  ratio onnxruntime / TF.js: ${(ortRate / tfRate).toFixed(2)}×`);
    disposeSource(source);
    tf.disposeVariables();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
