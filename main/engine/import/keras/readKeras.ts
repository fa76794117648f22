import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import h5wasm from 'h5wasm/node';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import '../../compile'; // Deepwire's custom layers, for files Deepwire itself wrote
import { ImportError } from '../importError';
import { kerasToTfjsClasses } from './kerasClasses';
import { keras3Topology, snakeCase } from './keras3Config';

type H5File = InstanceType<typeof h5wasm.File>;
type Arrays = { shape: number[]; values: Float32Array }[];

let ready: Promise<unknown> | undefined;
/** h5wasm, loaded once, throwing HDF5's errors (by default it prints them and carries on). */
function loadH5wasm() {
  ready ??= h5wasm.ready.then((m) => {
    (m as unknown as { activate_throwing_error_handler(): void }).activate_throwing_error_handler();
    return m;
  });
  return ready;
}

function open(path: string, what: string): H5File {
  try {
    return new h5wasm.File(path, 'r');
  } catch (err) {
    throw new ImportError(
      'corrupt',
      `${what} is not a readable HDF5 file (${(err as Error).message}): it is truncated, damaged, or not a Keras file.`,
      'Save the model again with model.save(...).',
    );
  }
}

function dataset(f: H5File, path: string): { shape: number[]; values: Float32Array } {
  const d = f.get(path) as InstanceType<typeof h5wasm.Dataset> | null;
  if (!d || !(d instanceof h5wasm.Dataset))
    throw new ImportError('corrupt', `The weight ${path} is missing from the Keras file.`, 'Save the model again.');
  return { shape: [...(d.shape ?? [])], values: Float32Array.from(d.value as ArrayLike<number>) };
}

const text = (v: unknown): string => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));

/** Keras 2 `.h5`: the `model_config` attribute and `model_weights/<layer>/<weight_name>` datasets. */
function readKeras2(f: H5File, file: string): { topology: unknown; weights: Map<string, Arrays> } {
  const configAttr = f.attrs.model_config;
  if (!configAttr) {
    const weightsOnly = f.attrs.layer_names !== undefined || f.get('model_weights') === null;
    throw new ImportError(
      'not-a-model',
      `${file} holds ${weightsOnly ? 'only weights (model.save_weights)' : 'no Keras model'}: it has no model_config.`,
      'Save the whole model with model.save("model.h5") or model.save("model.keras").',
    );
  }
  const topology = JSON.parse(text(configAttr.value));
  const weights = new Map<string, Arrays>();
  const root = 'model_weights';
  const group = f.get(root) as InstanceType<typeof h5wasm.Group>;
  for (const layer of [group.attrs.layer_names?.value ?? []].flat().map(text)) {
    const lg = f.get(`${root}/${layer}`) as InstanceType<typeof h5wasm.Group> | null;
    const names = [lg?.attrs.weight_names?.value ?? []]
      .flat()
      .map(text)
      .filter((n) => n.length > 0);
    if (names.length)
      weights.set(
        layer,
        names.map((n) => dataset(f, `${root}/${layer}/${n}`)),
      );
  }
  return { topology, weights };
}

/**
 * Nested layers in the order their owner keeps their weights: a Bidirectional's forward layer before
 * its backward one (HDF5 lists groups alphabetically, which would put backward_layer first), others
 * by name.
 */
function nestedOrder(a: string, b: string): number {
  const rank = (k: string) => (k === 'forward_layer' ? 0 : k === 'backward_layer' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Keras 3 `model.weights.h5`: `layers/<snake_case class>[_n]/vars/<i>` (and nested groups such as an RNN's cell). */
function readKeras3Weights(f: H5File, layerOrder: { name: string; className: string }[]): Map<string, Arrays> {
  const used = new Map<string, number>();
  const weights = new Map<string, Arrays>();
  const collect = (path: string): Arrays => {
    const g = f.get(path) as InstanceType<typeof h5wasm.Group> | null;
    if (!g || !(g instanceof h5wasm.Group)) return [];
    const keys = g.keys();
    const own = keys.includes('vars')
      ? (f.get(`${path}/vars`) as InstanceType<typeof h5wasm.Group>)
          .keys()
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => dataset(f, `${path}/vars/${k}`))
      : [];
    return [
      ...own,
      ...keys
        .filter((k) => k !== 'vars')
        .sort(nestedOrder)
        .flatMap((k) => collect(`${path}/${k}`)),
    ];
  };
  for (const { name, className } of layerOrder) {
    const base = snakeCase(className);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const arrays = collect(`layers/${n === 0 ? base : `${base}_${n}`}`);
    if (arrays.length) weights.set(name, arrays);
  }
  return weights;
}

/**
 * Keras's default GRU (reset_after=True), which TF.js's GRU refuses, as Deepwire's own reset-after
 * GRU layer (the one Deepwire compiles the catalog's GRU to), also inside a Bidirectional: the
 * weights are the same ([2, 3u] bias: input and recurrent).
 */
function resetAfterGrus(v: unknown): void {
  if (Array.isArray(v)) return v.forEach(resetAfterGrus);
  if (typeof v !== 'object' || v === null) return;
  const o = v as { class_name?: unknown; config?: Record<string, unknown> };
  if (o.class_name === 'GRU' && o.config?.reset_after === true) o.class_name = 'DeepwireResetAfterGRU';
  Object.values(o).forEach(resetAfterGrus);
}

/**
 * Reads a Keras `.keras` (Keras 3) or `.h5` (Keras 2) file into a TF.js LayersModel with its
 * weights: the config (Keras 3's translated to the Keras 2 form TF.js reads), weights set layer by
 * layer in the order Keras keeps them (which is TF.js's).
 */
export async function loadKeras(file: string): Promise<tf.LayersModel> {
  await loadH5wasm();
  const tmp = mkdtempSync(join(tmpdir(), 'dw-keras-'));
  try {
    let topology: unknown;
    let weights: Map<string, Arrays>;
    let keras3 = false;
    const bytes = readFileSync(file);
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    if (extname(file).toLowerCase() === '.keras' || zip) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes, { filter: (e) => e.name === 'config.json' || e.name === 'model.weights.h5' });
      } catch (err) {
        throw new ImportError(
          'corrupt',
          `${file} is not a readable .keras archive (${(err as Error).message}).`,
          'Save the model again with model.save("model.keras").',
        );
      }
      if (!entries['config.json'] || !entries['model.weights.h5']) {
        throw new ImportError(
          'not-a-model',
          `${file} has no config.json and model.weights.h5, so it is not a Keras 3 model archive.`,
          'Save the model with model.save("model.keras").',
        );
      }
      const converted = keras3Topology(JSON.parse(new TextDecoder().decode(entries['config.json'])), file);
      topology = converted.topology;
      keras3 = true;
      writeFileSync(join(tmp, 'w.h5'), entries['model.weights.h5']);
      const f = open(join(tmp, 'w.h5'), `The weights in ${file}`);
      try {
        weights = readKeras3Weights(f, converted.layers);
      } finally {
        f.close();
      }
    } else {
      const f = open(file, file);
      try {
        ({ topology, weights } = readKeras2(f, file));
      } finally {
        f.close();
      }
    }
    kerasToTfjsClasses(topology, file, keras3);
    resetAfterGrus(topology);
    let model: tf.LayersModel;
    try {
      model = await tf.models.modelFromJSON({ modelTopology: topology as tf.io.ModelJSON['modelTopology'] });
    } catch (err) {
      const unknown = /Unknown layer: (\w+)/.exec((err as Error).message);
      throw new ImportError(
        'unsupported',
        unknown
          ? `${file} uses the layer ${unknown[1]}, which Deepwire cannot build.`
          : `The model in ${file} cannot be built: ${(err as Error).message}`,
        'Replace that layer before saving the model, or export the model to ONNX.',
      );
    }
    for (const layer of model.layers) {
      const arrays = weights.get(layer.name);
      if (!arrays) continue;
      const held = layer.weights;
      if (held.length !== arrays.length || held.some((v, i) => v.shape.join() !== arrays[i].shape.join())) {
        throw new ImportError(
          'corrupt',
          `The weights stored for ${layer.name} (${arrays.map((a) => `[${a.shape}]`).join(', ')}) do not fit its ${layer.getClassName()} layer (${held.map((v) => `[${v.shape}]`).join(', ')}).`,
          'Save the model again; if it keeps happening, export it to ONNX.',
        );
      }
      layer.setWeights(arrays.map((a) => tf.tensor(a.values, a.shape)));
    }
    return model;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
