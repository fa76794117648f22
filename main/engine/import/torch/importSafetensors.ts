import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import { parseProject, serializeProject, type Project } from '../../../../shared/project';
import { compileGraph } from '../../compile';
import { weightsByNode } from '../../export/layerWeights';
import { checkTorchExports } from '../../export/pytorch/checkTorch';
import { generateTorchModel } from '../../export/pytorch/modelPy';
import { pythonNames } from '../../export/pytorch/pySyntax';
import type { EquivalenceCheck, LayerWeight } from '../../export/types';
import { fileSaveHandler } from '../../runs/fileIOHandler';
import { randomBatch } from '../onnx/checkOnnx';
import { ImportError } from '../importError';
import { projectFileBase } from '../writeImport';

/** A safetensors file's float32 tensors by name. */
export function readSafetensors(file: string): Map<string, { shape: number[]; values: Float32Array }> {
  const bytes = readFileSync(file);
  const bad = (why: string) =>
    new ImportError(
      'corrupt',
      `${file} is not a readable safetensors file: ${why}.`,
      'Copy the file again from where it was trained.',
    );
  if (bytes.length < 8) throw bad('it is shorter than its header');
  const headerLength = Number(bytes.readBigUInt64LE(0));
  if (8 + headerLength > bytes.length) throw bad('it is truncated');
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
  } catch {
    throw bad('its header is not JSON');
  }
  const start = 8 + headerLength;
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (t.dtype !== 'F32')
      throw new ImportError(
        'unsupported',
        `The tensor ${name} in ${file} is ${t.dtype}; Deepwire reads float32 (F32).`,
        'Save the weights as float32 (model.float()).',
      );
    const [b, e] = t.data_offsets;
    if (start + e > bytes.length) throw bad(`the data of ${name} runs past the end`);
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start + b, bytes.byteOffset + start + e));
    out.set(name, { shape: t.shape, values });
  }
  return out;
}

export interface SafetensorsImport {
  projectPath: string;
  weightsPath: string;
  layers: number;
  check: EquivalenceCheck;
}

/**
 * Loads weights trained outside Deepwire — `model.safetensors` as Deepwire's PyTorch export writes it
 * and its train.py saves it — back into the project's graph. Which PyTorch value is which Keras
 * weight is learned from the exporter itself: every weight is given a distinct number, the exporter
 * lays them out the PyTorch way (transposes, gate orders), and each number says where it went. Then
 * writes the weights beside the project, points the project's `weights` at them, and checks the
 * project against the export's own model.py in PyTorch on a random batch.
 */
export async function importSafetensors(file: string, projectPath: string): Promise<SafetensorsImport> {
  let text: string;
  try {
    text = readFileSync(projectPath, 'utf8');
  } catch {
    throw new ImportError(
      'not-a-model',
      `There is no project file ${projectPath}.`,
      'Give the project the export was made from with --project.',
    );
  }
  const parsed = parseProject(text);
  if (!parsed.ok)
    throw new ImportError(
      'not-a-model',
      `${projectPath} is not a valid project: ${parsed.errors[0]?.message}`,
      'Give the project file the export was made from.',
    );
  const project = parsed.project;
  const stored = readSafetensors(file);
  const analysis = analyzeGraph(project.graph);
  const { model, layerNames } = compileGraph(project.graph, { seed: 1 });
  try {
    const real = weightsByNode(model, project.graph);
    // Each node's weights numbered 1, 2, 3, … (exact in float32 up to 2^24 per node).
    const probe = new Map<string, LayerWeight[]>();
    for (const [id, ws] of real) {
      let k = 0;
      probe.set(
        id,
        ws.map((w) => ({ ...w, values: Float32Array.from(w.values, () => ++k) })),
      );
    }
    const torch = generateTorchModel({ project, analysis, model, weights: probe }, 'import');
    const pyToId = new Map([...pythonNames(analysis.order)].map(([id, py]) => [py, id]));
    const filled = new Map<string, Float32Array>();
    const covered = new Map<string, Uint8Array>();
    for (const [id, ws] of real) {
      const n = ws.reduce((s, w) => s + w.values.length, 0);
      filled.set(id, new Float32Array(n));
      covered.set(id, new Uint8Array(n));
    }
    for (const t of torch.tensors) {
      const id = pyToId.get(t.name.split('.')[0]);
      const got = stored.get(t.name);
      if (!got) {
        throw new ImportError(
          'not-equal',
          `${basename(file)} has no tensor ${t.name}, which the project's ${id ?? 'graph'} needs: it was not exported from this project, or the graph changed since.`,
          'Give the project the export was made from (its deepwire-export.json names it).',
        );
      }
      if (got.shape.join() !== t.shape.join()) {
        throw new ImportError(
          'not-equal',
          `${t.name} is [${got.shape.join(', ')}] in ${basename(file)} but the project's ${id} needs [${t.shape.join(', ')}]: the graph changed since the export.`,
          'Give the project the export was made from.',
        );
      }
      if (!id) continue;
      const target = filled.get(id)!;
      const mark = covered.get(id)!;
      t.values.forEach((code, i) => {
        if (Number.isInteger(code) && code >= 1 && code <= target.length && !mark[code - 1]) {
          target[code - 1] = got.values[i];
          mark[code - 1] = 1;
        }
      });
    }
    for (const [id, mark] of covered) {
      if (mark.some((m) => m === 0)) {
        throw new ImportError(
          'internal',
          `The weights of ${id} cannot be read back from the PyTorch layout.`,
          'Report this with the project file.',
        );
      }
    }
    for (const [id, ws] of real) {
      if (ws.length === 0) continue;
      const values = filled.get(id)!;
      let at = 0;
      const layer = model.getLayer(layerNames.get(id)!);
      layer.setWeights(
        ws.map((w) => {
          const t = tf.tensor(values.subarray(at, at + w.values.length), w.shape);
          at += w.values.length;
          return t;
        }),
      );
    }
    // Check against the export's own model.py in PyTorch, before anything is written.
    const check =
      basename(file) === 'model.safetensors'
        ? await checkAgainstTorch(dirname(file), model)
        : ({
            status: 'skipped',
            reason: `the export's model.py reads model.safetensors, not ${basename(file)}`,
          } as const);
    if (check.status === 'failed') {
      throw new ImportError(
        'not-equal',
        `With these weights the project differs from the export's model.py by ${check.maxRelativeError.toExponential(2)} (more than ${check.tolerance}).`,
        'Give the project the export was made from.',
      );
    }
    const base = projectFileBase(project.name ?? basename(projectPath));
    const weightsDir = join(dirname(projectPath), `${base}.weights`);
    const tmp = `${weightsDir}.tmp-${process.pid}`;
    await model.save(fileSaveHandler(tmp));
    await rm(weightsDir, { recursive: true, force: true });
    await rename(tmp, weightsDir);
    const updated: Project = { ...project, weights: `${base}.weights/model.json` };
    await writeFile(`${projectPath}.tmp`, serializeProject(updated));
    await rename(`${projectPath}.tmp`, projectPath);
    return {
      projectPath,
      weightsPath: join(weightsDir, 'model.json'),
      layers: [...real.values()].filter((w) => w.length).length,
      check,
    };
  } finally {
    model.dispose();
  }
}

async function checkAgainstTorch(dir: string, model: tf.LayersModel): Promise<EquivalenceCheck> {
  if (!existsSync(join(dir, 'model.py'))) {
    return { status: 'skipped', reason: `there is no model.py beside the weights in ${dir} to run them with` };
  }
  const shape = [3, ...(model.inputs[0].shape.slice(1) as number[])];
  const values = randomBatch(
    shape.reduce((p, d) => p * d, 1),
    5,
  );
  const output = tf.tidy(() => model.predict(tf.tensor(values, shape)) as tf.Tensor);
  const batch = {
    input: { shape, values },
    output: { shape: output.shape, values: Float32Array.from(output.dataSync()) },
  };
  output.dispose();
  const [check] = await checkTorchExports([{ dir, batch }]);
  return check;
}
