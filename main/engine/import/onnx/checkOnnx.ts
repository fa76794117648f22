import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import type { CompiledGraph } from '../../compile';
import { onnxTypes } from '../../onnx/onnxProto';
import { maxRelativeError } from '../../export/compare';
import { permute, sizeOf } from '../tensorMath';
import type { Entry, Val } from './context';
import type { ImportedModel } from '../types';
import type protobuf from 'protobufjs';
import { tensorValues, type OnnxModel, type OnnxTensor } from './readOnnx';

/** Max relative difference an import may have against the original (issue 11). */
export const IMPORT_TOLERANCE = 1e-4;

export interface EqualityReport {
  /** 'onnxruntime-node 1.x', 'tf.loadLayersModel', … */
  runtime: string;
  examples: number;
  maxRelativeError: number;
  /** The first Deepwire node whose output differs by more than the tolerance, when any does. */
  firstDiverging?: { nodeId: string; origin: string; maxRelativeError: number };
}

/** A seeded uniform [0, 1) batch (mulberry32), so a refused import can be reproduced. */
export function randomBatch(count: number, seed = 11): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return out;
}

/** An ONNX tensor's values rearranged as Deepwire holds the same tensor (see Val's layouts). */
export function toDeepwireLayout(data: Float32Array, dims: number[], v: Val): Float32Array {
  let d = [...dims];
  let x = data;
  // RNN outputs: the direction axis next to the units ([..., D, H] → [..., D·H]).
  if (v.rnn === 'Y') {
    x = permute(x, d, [0, 2, 1, 3]);
    d = [d[0], d[2], d[1] * d[3]];
  }
  if (v.rnn === 'Y_h') {
    x = permute(x, d, [1, 0, 2]);
    d = [d[1], d[0] * d[2]];
  }
  if (v.rnn === 'Yb' || v.rnn === 'Yt') d = [d[0], d[1], d[2] * d[3]];
  if (v.rnn === 'Y_hb') d = [d[0], d[1] * d[2]];
  if (v.timeMajor) {
    x = permute(x, d, [1, 0, ...d.slice(2).map((_, i) => i + 2)]);
    d = [d[1], d[0], ...d.slice(2)];
  }
  if (v.layout === 'cf' && d.length > 2) x = permute(x, d, [0, ...d.slice(2).map((_, i) => i + 2), 1]);
  if (v.flat) {
    const spatial = v.flat.slice(0, -1);
    const c = v.flat[v.flat.length - 1];
    x = permute(x, [d[0], c, ...spatial], [0, ...spatial.map((_, i) => i + 2), 1]);
  }
  return x;
}

/**
 * The model file re-encoded with `names` as extra graph outputs and any external weights inlined
 * (onnxruntime cannot find external data for a model given as bytes). Decoded as protobuf message
 * objects, which hold only the fields the file set, so the re-encoding writes nothing extra.
 */
function withOutputs(file: string, names: string[]): Uint8Array {
  const { ModelProto } = onnxTypes();
  const ValueInfo = ModelProto.root.lookupType('onnx.ValueInfoProto');
  const msg = ModelProto.decode(readFileSync(file)) as unknown as {
    graph: { output: { name: string }[]; initializer: (OnnxTensor & { raw_data?: Uint8Array })[] };
  };
  const declared = new Set(msg.graph.output.map((o) => o.name));
  for (const n of names)
    if (!declared.has(n)) msg.graph.output.push(ValueInfo.create({ name: n }) as unknown as { name: string });
  for (const t of msg.graph.initializer) {
    if (t.data_location !== 1 && !t.external_data?.length) continue;
    const { data } = tensorValues(t, file);
    if (t.data_type !== 1) continue;
    t.raw_data = new Uint8Array(Float32Array.from(data).buffer);
    t.external_data = [];
    t.data_location = 0;
  }
  return ModelProto.encode(msg as unknown as protobuf.Message).finish();
}

/**
 * Runs the ONNX file in onnxruntime-node and the imported model in TF.js on the same random batch
 * and compares the outputs. When they differ by more than the tolerance, runs both again with every
 * intermediate tensor exposed and names the first layer whose output differs.
 */
export async function checkOnnxImport(
  file: string,
  model: OnnxModel,
  imported: ImportedModel,
  compiled: CompiledGraph,
  values: Map<string, Entry>,
  inputDims: number[],
): Promise<EqualityReport> {
  const ort = await import('onnxruntime-node');
  const batch = inputDims[0];
  const x = randomBatch(sizeOf(inputDims));
  const graphInput = imported.compareWith.get('input')!;
  const dwInput = toDeepwireLayout(x, inputDims, values.get(graphInput) as Val);

  const compare = (
    ids: string[],
    ortOut: Record<string, { data: unknown; dims: readonly number[] }>,
    dw: tf.Tensor[],
  ) =>
    ids.map((id, i) => {
      const name = imported.compareWith.get(id)!;
      const t = ortOut[name];
      const expected = toDeepwireLayout(
        Float32Array.from(t.data as Float32Array),
        [...t.dims],
        values.get(name) as Val,
      );
      return maxRelativeError(dw[i].dataSync(), expected);
    });

  const runOrt = async (names: string[]) => {
    const declared = new Set(model.graph!.output.map((o) => o.name));
    // The file itself where it can (onnxruntime then finds external data beside it), else a copy
    // that also outputs the intermediate tensors asked for.
    const session = names.every((n) => declared.has(n))
      ? await ort.InferenceSession.create(file)
      : await ort.InferenceSession.create(withOutputs(file, names));
    const feeds = { [graphInput]: new ort.Tensor('float32', x, inputDims) };
    const out = await session.run(feeds, names);
    await session.release();
    return out as unknown as Record<string, { data: unknown; dims: readonly number[] }>;
  };
  const runTf = (ids: string[]) =>
    tf.tidy(() => {
      const probe = tf.model({
        inputs: compiled.model.inputs,
        outputs: ids.map((id) => compiled.nodeOutputs.get(id)!),
      });
      const y = probe.predict(tf.tensor(dwInput, [batch, ...(compiled.model.inputs[0].shape.slice(1) as number[])]));
      return (Array.isArray(y) ? y : [y]).map((t) => tf.keep(t));
    });

  const finals = imported.outputs;
  const ortOut = await runOrt(finals.map((id) => imported.compareWith.get(id)!));
  const dwOut = runTf(finals);
  const worst = Math.max(...compare(finals, ortOut, dwOut));
  dwOut.forEach((t) => t.dispose());
  const report: EqualityReport = {
    runtime: `onnxruntime-node ${ort.env.versions?.common ?? ''}`.trim(),
    examples: batch,
    maxRelativeError: worst,
  };
  if (worst <= IMPORT_TOLERANCE) return report;

  // Expose every compared tensor as a graph output and find the first node that differs.
  const ids = imported.graph.nodes.map((n) => n.id).filter((id) => id !== 'input' && imported.compareWith.has(id));
  const names = [...new Set(ids.map((id) => imported.compareWith.get(id)!))];
  const all = await runOrt(names);
  const dwAll = runTf(ids);
  const errors = compare(ids, all, dwAll);
  dwAll.forEach((t) => t.dispose());
  const k = errors.findIndex((e) => !(e <= IMPORT_TOLERANCE));
  if (k >= 0)
    report.firstDiverging = {
      nodeId: ids[k],
      origin: imported.origin.get(ids[k]) ?? ids[k],
      maxRelativeError: errors[k],
    };
  return report;
}
