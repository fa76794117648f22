import type * as tf from '@tensorflow/tfjs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * TF.js layers format on disk (model.json + weights.bin) with node:fs. tfjs-node's file:// handler
 * is not available without its native binary, so Deepwire carries its own. The layout is what
 * tfjs-node writes, so `tf.loadLayersModel('file://…/model.json')` there reads these folders too.
 */

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

function weightBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const buffers = Array.isArray(data) ? data : [data];
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

/** An IOHandler that saves a model into `dir` (created if needed); files are replaced atomically. */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await mkdir(dir, { recursive: true });
      const weights = weightBytes(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'],
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      // Write both, then rename: a crash mid-save leaves the previous complete model in place.
      const tmpW = join(dir, `${WEIGHTS_BIN}.tmp`);
      const tmpJ = join(dir, `${MODEL_JSON}.tmp`);
      await writeFile(tmpW, weights);
      await writeFile(tmpJ, JSON.stringify(modelJson));
      await rename(tmpW, join(dir, WEIGHTS_BIN));
      await rename(tmpJ, join(dir, MODEL_JSON));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
}

/** An IOHandler that loads the model saved by {@link fileSaveHandler} from `dir`. */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      const buffers: Uint8Array[] = [];
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      for (const group of json.weightsManifest) {
        for (const p of group.paths) buffers.push(await readFile(join(dir, p)));
        weightSpecs.push(...group.weights);
      }
      const bytes = weightBytes(
        buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer),
      );
      return {
        modelTopology: json.modelTopology,
        weightSpecs,
        weightData: bytes.buffer as ArrayBuffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata,
      };
    },
  };
}
