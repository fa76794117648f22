import type * as tf from '@tensorflow/tfjs';
import { mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite';

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
      // Each file replaced atomically, weights first: a crash mid-save leaves a complete model (the
      // previous weights, or the new ones under the same topology), never a cut-short file.
      await writeFileAtomic(join(dir, WEIGHTS_BIN), weights);
      await writeFileAtomic(join(dir, MODEL_JSON), JSON.stringify(modelJson));
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

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/**
 * Run folders saved before Deepwire's SeparableConv2D kept `depth_multiplier` in its config (TF.js
 * 4.22 leaves it out) cannot load when it was not 1. The weights still say it: the depthwise kernel
 * is [kh, kw, cin, depth_multiplier]. Fills it in from there, in place, for every SeparableConv2D
 * without one (nested models included).
 */
export function fillSeparableDepthMultipliers(topology: unknown, weightSpecs: tf.io.WeightsManifestEntry[]): void {
  const depthwise = new Map(
    weightSpecs.filter((w) => w.name.endsWith('/depthwise_kernel')).map((w) => [w.name, w.shape] as const),
  );
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    const config = v.config;
    if (v.class_name === 'SeparableConv2D' && isObject(config) && config.depth_multiplier === undefined) {
      const shape = depthwise.get(`${String(config.name)}/depthwise_kernel`);
      if (shape?.length === 4) config.depth_multiplier = shape[3];
    }
    Object.values(v).forEach(visit);
  };
  visit(topology);
}

/**
 * The weights file a manifest names, which must lie inside the model folder: model.json is data a
 * user may be handed, and `../../../../etc/passwd` used to be read as weights (issue 13, item 13).
 * @throws Error naming the path when it leaves the folder (or is absolute).
 */
export function weightsFileInside(dir: string, path: unknown): string {
  const root = resolve(dir);
  const full = typeof path === 'string' && !isAbsolute(path) && !path.includes('\0') ? resolve(root, path) : '';
  if (!full || !full.startsWith(root + sep)) {
    throw Object.assign(
      new Error(
        `The model's model.json names a weights file outside its folder (${JSON.stringify(String(path).slice(0, 200))}); it was not read.`,
      ),
      {
        code: 'weights-missing',
        hint: 'The model folder may have been tampered with: save or export the model again.',
      },
    );
  }
  return full;
}

/**
 * An IOHandler that loads the model saved by {@link fileSaveHandler} from `dir` (older folders'
 * SeparableConv2D configs completed, see {@link fillSeparableDepthMultipliers}).
 */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      const buffers: Uint8Array[] = [];
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      for (const group of json.weightsManifest) {
        for (const p of group.paths) buffers.push(await readFile(weightsFileInside(dir, p)));
        weightSpecs.push(...group.weights);
      }
      fillSeparableDepthMultipliers(json.modelTopology, weightSpecs);
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
