/**
 * How long does importing a large ONNX model take, and how much memory does it need? Writes a
 * ~100 MB CNN with Debian's PyTorch (torch.onnx.export; DEEPWIRE_PYTHON overrides the Python),
 * imports it the way `deepwire import` does (translate, build, check against onnxruntime-node,
 * write the project and its weights), and prints the time of each run and the peak resident memory.
 *
 * Then the canvas open time of the largest imported graph: ResNet-50 (the template, compiled with
 * seeded weights, exported by Deepwire's ONNX exporter and imported back) from its project text to
 * a laid-out graph with analysis — parseProject, the renderer's auto-layout (layoutGraph, dagre)
 * and analyzeGraph, run in Node (not a browser: no React render or paint is included). ResNet-50
 * runs at the exporters' reduced size (32×32 input, ≤ 32 filters: the same layers and edges, which
 * is what layout and analysis cost depends on); DEEPWIRE_EXPORT_ALL_TEMPLATES=1 uses full size.
 *
 *   npx tsx bench/import.bench.ts          (DEEPWIRE_BENCH_RUNS=3 sets the number of imports)
 *
 * Prints numbers; never fails on them.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../main/engine/backend';
import { missingPython, runPython } from '../main/engine/export/pythonRunner';
import { importModel } from '../main/engine/import/importModel';
import { compileGraph } from '../main/engine/compile';
import { convertModel } from '../main/engine/export/onnx/convertModel';
import { templates } from '../main/engine/export/templateFixtures';
import { layoutGraph } from '../renderer/src/canvas/layout';
import { analyzeGraph } from '../shared/graph/analyzeGraph';
import { parseProject } from '../shared/project';

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
  await canvasOpen();
}

/** ResNet-50 → ONNX → import; then project text → parsed, laid out and analysed, timed. */
async function canvasOpen(): Promise<void> {
  const template = templates.find((t) => t.file === 'resnet50.deepwire.json')!;
  const { model } = compileGraph(template.graph, { seed: 42 });
  const file = join(dir, 'resnet50.onnx');
  writeFileSync(file, convertModel(model, { producerVersion: 'bench', project: { graph: template.graph } }).bytes);
  model.dispose();
  tf.disposeVariables();
  const r = await importModel(file, { outDir: join(dir, 'resnet50') });
  const text = readFileSync(r.written.projectPath, 'utf8');
  const g = r.imported.graph;
  console.log(
    `ResNet-50${template.reduced ? ' (reduced size)' : ''} imported from its ONNX export: ${g.nodes.length} layers, ${g.edges.length} edges, project text ${(text.length / 1024).toFixed(0)} KB.`,
  );
  const parts = { parse: [] as number[], layout: [] as number[], analyze: [] as number[], total: [] as number[] };
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const parsed = parseProject(text);
    if (!parsed.ok) throw new Error(`The imported project does not parse: ${parsed.errors[0].message}`);
    const t1 = performance.now();
    const positions = layoutGraph(parsed.project.graph);
    const graph = {
      ...parsed.project.graph,
      nodes: parsed.project.graph.nodes.map((n) => ({ ...n, position: positions[n.id] })),
    };
    const t2 = performance.now();
    const analysis = analyzeGraph(graph);
    const t3 = performance.now();
    if (!analysis.valid) throw new Error('The imported ResNet-50 does not analyse as valid.');
    parts.parse.push(t1 - t0);
    parts.layout.push(t2 - t1);
    parts.analyze.push(t3 - t2);
    parts.total.push(t3 - t0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  console.log(
    `Canvas open (Node: parseProject + renderer layoutGraph + analyzeGraph), median of 7: ${median(parts.total)} ms (parse ${median(parts.parse)}, layout ${median(parts.layout)}, analysis ${median(parts.analyze)}).`,
  );
}

main()
  .catch((err: unknown) => console.error(err))
  .finally(() => rmSync(dir, { recursive: true, force: true }));
