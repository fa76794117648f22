import type * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getSpec } from '../../../shared/catalog';
import { allParams, withDefaults } from '../../../shared/catalog/paramValues';
import type { LayerSpec } from '../../../shared/catalog/types';
import { KERAS_COUNTS } from '../../../shared/catalog/test/kerasCounts';
import { compileGraph } from '../compile';
import { ACTIVATION_SUFFIX, PAD_SUFFIX } from '../compile/layerNames';
import { KIND_CASES } from '../compile/test/graphsForKinds';
import { kerasLayer } from '../export/keras/kerasLayers';
import { CONVERTERS } from '../export/onnx/convertModel';
import { emitterFor } from '../export/pytorch/modelPy';
import { layersToGraph } from '../import/layers/layersToGraph';

/**
 * The add-a-layer checklist (CONTRIBUTING.md) as data: what the project holds for one kind, and
 * which pieces are missing. `evidenceFor` looks everything up where it lives; `missingPieces` turns
 * that into one line per missing piece, each naming the file to change.
 */
export interface KindEvidence {
  spec?: LayerSpec;
  /** The docs page has its section (docs/layers.md, generated from the spec). */
  documented: boolean;
  /** A Keras reference count (shared/catalog/test/kerasCounts.ts). */
  referenceCount: boolean;
  /** A graph in graphsForKinds.ts uses it: compiled, its gradient checked on wasm, exported and imported. */
  gradientCase: boolean;
  /** Compiling that graph: the TF.js classes the kind's nodes became, or why it failed. */
  compiled?: { classes: string[] } | { error: string };
  /** Those classes the ONNX exporter has no converter for. */
  onnxMissing?: string[];
  /** The Keras exporter writes it (true), or why not; unset without a spec. */
  keras?: true | string;
  /** The PyTorch exporter has an emitter for it; unset without a spec. */
  pytorch?: boolean;
  /** Deepwire's TF.js/Keras importer reads the compiled layers back as this kind (true), or what it read; unset without a case. */
  imported?: true | string;
}

/** One line per missing piece, `<kind>: <what is missing> (<where to add it>)`; empty when complete. */
export function missingPieces(kind: string, e: KindEvidence): string[] {
  const missing: string[] = [];
  const say = (what: string) => missing.push(`${kind}: ${what}`);
  if (!e.spec) say('no spec (shared/catalog/<category>.ts, listed in LAYER_SPECS in shared/catalog/index.ts)');
  else {
    const undocumented = Object.entries(allParams(e.spec))
      .filter(([, p]) => p.doc.trim().length <= 10)
      .map(([name]) => name);
    if (undocumented.length) say(`no doc line for ${undocumented.join(', ')} (its spec's params)`);
  }
  if (!e.documented) say('no section in docs/layers.md (run npx tsx scripts/layerDocs.ts)');
  if (!e.referenceCount) say('no Keras reference count (shared/catalog/test/kerasCounts.ts)');
  // A graph input (arity 0) is no layer of its own: nothing to compile, train, export or import.
  if (e.spec?.arity.max === 0) return missing;
  if (e.keras !== undefined && e.keras !== true)
    say(`no Keras export: ${e.keras} (main/engine/export/keras/kerasLayers.ts)`);
  if (e.pytorch === false)
    say('no PyTorch export (main/engine/export/pytorch/basicLayers.ts or emitterFor in modelPy.ts)');
  if (!e.gradientCase) {
    say(
      'no compile/gradient case (a graph in main/engine/compile/test/graphsForKinds.ts; ONNX export and import are checked on it)',
    );
    return missing;
  }
  if (e.compiled && 'error' in e.compiled)
    say(`does not compile: ${e.compiled.error} (main/engine/compile/kindHooks.ts)`);
  if (e.onnxMissing?.length)
    say(
      `no ONNX export for TF.js class ${e.onnxMissing.join(', ')} (CONVERTERS in main/engine/export/onnx/convertModel.ts)`,
    );
  if (e.imported !== undefined && e.imported !== true)
    say(`no import mapping: ${e.imported} (main/engine/import/layers/layersToGraph.ts)`);
  return missing;
}

const docsText = (() => {
  let text: string | undefined;
  return () => (text ??= readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'layers.md'), 'utf8'));
})();

/** What the project holds for `kind`, looked up where each piece lives (compiles one small graph on the current backend). */
export function evidenceFor(kind: string): KindEvidence {
  const spec = getSpec(kind);
  const c = KIND_CASES.find((k) => k.kinds.includes(kind));
  const e: KindEvidence = {
    spec,
    documented: docsText().includes(`\n### ${kind}\n`),
    referenceCount: KERAS_COUNTS.some((r) => r.kind === kind),
    gradientCase: c !== undefined,
  };
  if (!spec || spec.arity.max === 0) return e;
  e.pytorch = emitterFor(kind) !== undefined;
  try {
    const params = withDefaults(spec, {});
    kerasLayer({ id: 'n', kind, params, inputShapes: spec.exampleInputs, weights: [] });
    e.keras = true;
  } catch (err) {
    e.keras = (err as Error).message;
  }
  if (!c) return e;
  let model: tf.LayersModel | undefined;
  try {
    model = compileGraph(c.graph, { seed: 1 }).model;
  } catch (err) {
    e.compiled = { error: (err as Error).message };
    return e;
  }
  const ids = c.graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
  const mine = (name: string) => ids.some((id) => [id, id + ACTIVATION_SUFFIX, id + PAD_SUFFIX].includes(name));
  const classes = [...new Set(model.layers.filter((l) => mine(l.name)).map((l) => l.getClassName()))];
  e.compiled = { classes };
  e.onnxMissing = classes.filter((cls) => !Object.hasOwn(CONVERTERS, cls));
  try {
    const back = layersToGraph(model, 'checklist').graph.nodes;
    const read = back.filter((n) => ids.includes(n.id)).map((n) => n.kind);
    e.imported =
      read.length === ids.length && read.every((k) => k === kind)
        ? true
        : `read back as ${read.join(', ') || 'nothing'}`;
  } catch (err) {
    e.imported = (err as Error).message;
  }
  model.dispose();
  return e;
}
