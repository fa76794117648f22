import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSpec, KINDS } from '../../../shared/catalog';
import { evidenceFor, missingPieces, type KindEvidence } from './layerChecklist';

/** The add-a-layer checklist of CONTRIBUTING.md, for every kind: a failure names the kind and each missing piece. */
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('every kind has every piece of the add-a-layer checklist', () => {
  it.each(KINDS.map((k) => [k]))('%s', (kind) => {
    expect(missingPieces(kind, evidenceFor(kind))).toEqual([]);
  });
});

describe('the checklist names what a kind lacks', () => {
  it('a kind the project has never heard of lacks everything a graph input needs', () => {
    expect(missingPieces('Conv4D', evidenceFor('Conv4D'))).toEqual([
      'Conv4D: no spec (shared/catalog/<category>.ts, listed in LAYER_SPECS in shared/catalog/index.ts)',
      'Conv4D: no section in docs/layers.md (run npx tsx scripts/layerDocs.ts)',
      'Conv4D: no Keras reference count (shared/catalog/test/kerasCounts.ts)',
      'Conv4D: no compile/gradient case (a graph in main/engine/compile/test/graphsForKinds.ts; ONNX export and import are checked on it)',
    ]);
  });

  it('a spec with everything but a gradient case, an ONNX converter and an import mapping', () => {
    const complete = evidenceFor('Dense');
    const lacking: KindEvidence = {
      ...complete,
      gradientCase: true,
      onnxMissing: ['Dense'],
      keras: 'Deepwire cannot write this layer kind for Keras yet.',
      pytorch: false,
      imported: 'read back as nothing',
    };
    expect(missingPieces('Dense', lacking)).toEqual([
      'Dense: no Keras export: Deepwire cannot write this layer kind for Keras yet. (main/engine/export/keras/kerasLayers.ts)',
      'Dense: no PyTorch export (main/engine/export/pytorch/basicLayers.ts or emitterFor in modelPy.ts)',
      'Dense: no ONNX export for TF.js class Dense (CONVERTERS in main/engine/export/onnx/convertModel.ts)',
      'Dense: no import mapping: read back as nothing (main/engine/import/layers/layersToGraph.ts)',
    ]);
    // Without a graph the exporters that need none are still checked.
    expect(missingPieces('Dense', { ...complete, gradientCase: false, pytorch: false })).toEqual([
      'Dense: no PyTorch export (main/engine/export/pytorch/basicLayers.ts or emitterFor in modelPy.ts)',
      'Dense: no compile/gradient case (a graph in main/engine/compile/test/graphsForKinds.ts; ONNX export and import are checked on it)',
    ]);
    expect(missingPieces('Dense', { ...complete, referenceCount: false, documented: false })).toEqual([
      'Dense: no section in docs/layers.md (run npx tsx scripts/layerDocs.ts)',
      'Dense: no Keras reference count (shared/catalog/test/kerasCounts.ts)',
    ]);
  });

  it('a parameter without a doc line is named', () => {
    const spec = getSpec('Dropout')!;
    const bare = { ...spec, params: { ...spec.params, rate: { ...spec.params.rate, doc: '' } } };
    expect(missingPieces('Dropout', { ...evidenceFor('Dropout'), spec: bare })).toEqual([
      "Dropout: no doc line for rate (its spec's params)",
    ]);
  });
});
