import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maxRelativeError } from '../compare';
import type { EquivalenceCheck, Exporter, ExportSource, ReferenceBatch } from '../types';
import { EXPORT_TOLERANCE } from '../types';
import { convertModel } from './convertModel';

export const ONNX_FILE = 'model.onnx';

/** Deepwire's version, written into the model's producer_version. */
async function deepwireVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** The ONNX model of an export source, with its metadata (class names, target scaling). */
export async function onnxModelBytes(source: ExportSource): Promise<{ bytes: Uint8Array; opset: number }> {
  const metadata: Record<string, string> = {};
  if (source.classNames) metadata.class_names = JSON.stringify(source.classNames);
  if (source.targetScaler) metadata.target_scaling = JSON.stringify(source.targetScaler);
  if (source.runId) metadata.deepwire_run = source.runId;
  const { bytes, opset } = convertModel(source.model, {
    project: source.project,
    producerVersion: await deepwireVersion(),
    docString: `${source.project.name}, exported by Deepwire. Input channels-last (NHWC) as in the project.`,
    metadata,
  });
  return { bytes, opset };
}

/** Runs a model.onnx in onnxruntime-node on one batch; returns the first output's values. */
export async function runOnnx(path: string, input: { shape: number[]; values: Float32Array }): Promise<Float32Array> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(path, { graphOptimizationLevel: 'all' });
  try {
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input.values, input.shape) };
    const out = await session.run(feeds);
    return out[session.outputNames[0]].data as Float32Array;
  } finally {
    await session.release();
  }
}

/** `model.onnx`: IR 8, opset 13 (17 with LayerNormalization), checked in onnxruntime-node. */
export const onnxExporter: Exporter = {
  format: 'onnx',
  async write(source: ExportSource, dir: string): Promise<string[]> {
    const { bytes } = await onnxModelBytes(source);
    await writeFile(join(dir, ONNX_FILE), bytes);
    return [ONNX_FILE];
  },
  async check(dir: string, batch: ReferenceBatch): Promise<EquivalenceCheck> {
    let ortVersion: string;
    try {
      ortVersion = ((await import('onnxruntime-node')).env.versions as { node?: string }).node ?? 'unknown';
    } catch (err) {
      return { status: 'skipped', reason: `onnxruntime-node is not installed (${(err as Error).message}).` };
    }
    const runtime = `onnxruntime-node ${ortVersion}`;
    const examples = batch.input.shape[0];
    const actual = await runOnnx(join(dir, ONNX_FILE), batch.input);
    const error = maxRelativeError(actual, batch.output.values);
    const base = { maxRelativeError: error, tolerance: EXPORT_TOLERANCE, runtime, examples };
    if (error <= EXPORT_TOLERANCE) return { status: 'passed', ...base };
    return {
      status: 'failed',
      ...base,
      detail: `onnxruntime's outputs differ from Deepwire's by up to ${error.toExponential(2)} (relative).`,
    };
  },
};
