import * as tf from '@tensorflow/tfjs';
import type { CompiledGraph } from '../../compile';
import { maxRelativeError } from '../../export/compare';
import { IMPORT_TOLERANCE, randomBatch, type EqualityReport } from '../onnx/checkOnnx';
import type { ImportedModel } from '../types';

/**
 * Runs the original model (as TF.js's own loader read it) and the imported Deepwire model on one
 * random batch; when they differ by more than the tolerance, compares every layer's output and
 * names the first that differs.
 */
export function checkLayersImport(
  source: tf.LayersModel,
  imported: ImportedModel,
  compiled: CompiledGraph,
): EqualityReport {
  const inner = (source as unknown as { model?: tf.LayersModel }).model ?? source;
  const inShape = compiled.model.inputs[0].shape.slice(1) as number[];
  const batch = 3;
  const values = randomBatch(batch * inShape.reduce((p, d) => p * d, 1));
  // An embedding reads indices: whole numbers below its vocabulary size.
  const embed = imported.graph.nodes.find(
    (n) =>
      n.kind === 'Embedding' &&
      imported.graph.edges.some((e) => e.target === n.id && e.source === compiled.inputNodeIds[0]),
  );
  if (embed) values.forEach((v, i) => (values[i] = Math.floor(v * (embed.params.inputDim as number))));

  const run = (ids: string[]) =>
    tf.tidy(() => {
      const x = tf.tensor(values, [batch, ...inShape]);
      const dwModel = tf.model({
        inputs: compiled.model.inputs,
        outputs: ids.map((id) => compiled.nodeOutputs.get(id)!),
      });
      const srcModel = tf.model({
        inputs: inner.inputs,
        outputs: ids.map((id) => inner.getLayer(imported.compareWith.get(id)!).output as tf.SymbolicTensor),
      });
      const a = [dwModel.predict(x)].flat() as tf.Tensor[];
      const b = [srcModel.predict(x)].flat() as tf.Tensor[];
      return ids.map((_, i) => maxRelativeError(a[i].dataSync(), b[i].dataSync()));
    });

  const worst = Math.max(...run(imported.outputs));
  const report: EqualityReport = { runtime: 'tf.loadLayersModel', examples: batch, maxRelativeError: worst };
  if (worst <= IMPORT_TOLERANCE) return report;
  const ids = imported.graph.nodes.map((n) => n.id).filter((id) => id !== compiled.inputNodeIds[0]);
  const errors = run(ids);
  const k = errors.findIndex((e) => !(e <= IMPORT_TOLERANCE));
  if (k >= 0)
    report.firstDiverging = {
      nodeId: ids[k],
      origin: imported.origin.get(ids[k]) ?? ids[k],
      maxRelativeError: errors[k],
    };
  return report;
}
