/**
 * How long does importing a large ONNX model take, and how much memory does it need? Writes a
 * ~100 MB CNN with Debian's PyTorch (torch.onnx.export; DEEPWIRE_PYTHON overrides the Python),
 * imports it the way `deepwire import` does (translate, build, check against onnxruntime-node,
 * write the project and its weights), and prints the time of each run and the peak resident memory.
 *
 *   npx tsx bench/import.bench.ts          (DEEPWIRE_BENCH_RUNS=3 sets the number of imports)
 *
 * Prints numbers; never fails on them.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../main/engine/backend';
import { missingPython, runPython } from '../main/engine/export/pythonRunner';
import { importModel } from '../main/engine/import/importModel';

const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'deepwire-bench-import-'));
const MB = 1024 * 1024;

// Two convolutions and a 16384 → 1536 Linear: ~25 M weights, ~100 MB of float32.
const SCRIPT = `
import sys, torch, torch.nn as nn
torch.manual_seed(0)
m = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(64 * 16 * 16, 1536), nn.ReLU(), nn.Linear(1536, 10)).eval()
torch.onnx.export(m, torch.rand(1, 3, 64, 64), sys.argv[1], input_names=['x'], output_names=['y'],
                  opset_version=13, dynamic_axes={'x': {0: 'batch'}, 'y': {0: 'batch'}})
`;

async function main(): Promise<void> {
  const file = join(dir, 'big.onnx');
  const made = await runPython(['-c', SCRIPT, file], { timeoutMs: 300_000 });
  const missing = missingPython(made, ['torch']);
  if (missing || made.code !== 0) {
    console.log(`Cannot write the model: ${missing ?? made.stderr.trim().split('\n').at(-1)}`);
    return;
  }
  const report = await selectBackend();
  console.log(`Backend ${report.backend}; ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)}.`);
  console.log(`Model: ${(statSync(file).size / MB).toFixed(1)} MB ONNX.`);

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const base = process.memoryUsage().rss;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = join(dir, `out${i}`);
    const t0 = performance.now();
    const r = await importModel(file, { outDir: out });
    times.push((performance.now() - t0) / 1000);
    console.log(
      `run ${i + 1}: ${times.at(-1)!.toFixed(2)} s, ${r.imported.graph.nodes.length} layers, max relative difference ${r.check.maxRelativeError.toExponential(2)}; weights ${(statSync(join(out, 'big.weights', 'weights.bin')).size / MB).toFixed(1)} MB`,
    );
    rmSync(out, { recursive: true, force: true });
  }
  clearInterval(sampler);
  times.sort((a, b) => a - b);
  console.log(
    `Import time: median ${times[Math.floor(times.length / 2)].toFixed(2)} s (min ${times[0].toFixed(2)} s) over ${RUNS} runs.`,
  );
  console.log(
    `Peak resident memory: ${(peak / MB).toFixed(0)} MB (${((peak - base) / MB).toFixed(0)} MB above the ${(base / MB).toFixed(0)} MB before importing).`,
  );
}

main()
  .catch((err: unknown) => console.error(err))
  .finally(() => rmSync(dir, { recursive: true, force: true }));
