/** Invariants every spec must keep (the round trip of its params through a saved file: renderer/src/store/paramRoundTrip.test.ts). */
import { describe, expect, it } from 'vitest';
import { CATEGORIES, KINDS, LAYER_SPECS, getSpec } from './index';
import { allParams, checkParam, checkParams, withDefaults } from './paramValues';

/** The kinds the catalog promises (Keras class names, plus the lecture's two custom layers). */
const EXPECTED_KINDS = [
  'Input',
  'Dense',
  'Activation',
  'Dropout',
  'SpatialDropout2D',
  'GaussianNoise',
  'Flatten',
  'Reshape',
  'Permute',
  'RepeatVector',
  'Conv1D',
  'Conv2D',
  'Conv3D',
  'Conv2DTranspose',
  'SeparableConv2D',
  'DepthwiseConv2D',
  'MaxPooling1D',
  'MaxPooling2D',
  'MaxPooling3D',
  'AveragePooling1D',
  'AveragePooling2D',
  'AveragePooling3D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'ZeroPadding2D',
  'Cropping2D',
  'UpSampling2D',
  'BatchNormalization',
  'LayerNormalization',
  'Add',
  'Subtract',
  'Multiply',
  'Average',
  'Maximum',
  'Concatenate',
  'SimpleRNN',
  'LSTM',
  'GRU',
  'Bidirectional',
  'Embedding',
  'LeakyReLU',
  'ELU',
  'ReLU',
  'PReLU',
  'Softmax',
  'GaussianActivation',
  'LocalResponseNormalization',
];

/** Layers TF.js 4.22 lacks, which the engine must register. */
const CUSTOM = ['GaussianActivation', 'LocalResponseNormalization', 'Subtract'];

describe('the registry', () => {
  it('holds exactly the promised kinds, once each', () => {
    expect([...KINDS].sort()).toEqual([...EXPECTED_KINDS].sort());
    expect(new Set(KINDS).size).toBe(KINDS.length);
  });

  it('is grouped by category in palette order', () => {
    const order = LAYER_SPECS.map((s) => CATEGORIES.indexOf(s.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('finds specs by kind and nothing else', () => {
    for (const s of LAYER_SPECS) expect(getSpec(s.kind)).toBe(s);
    expect(getSpec('Conv4D')).toBeUndefined();
  });
});

describe.each(LAYER_SPECS.map((s) => [s.kind, s] as const))('%s', (_kind, spec) => {
  it('explains itself and every parameter', () => {
    expect(CATEGORIES).toContain(spec.category);
    expect(spec.summary).toMatch(/^[A-Z].{20,140}\.$/);
    expect(spec.summary).not.toContain('\n');
    for (const [name, p] of Object.entries(allParams(spec))) {
      expect(p.doc.length, `${name} doc`).toBeGreaterThan(10);
    }
  });

  it('has defaults that pass their own checks', () => {
    for (const [name, p] of Object.entries(allParams(spec))) {
      expect(checkParam(p, p.default), `${name} default`).toBeNull();
    }
    expect(checkParams(spec, withDefaults(spec, {}))).toEqual({});
  });

  it('marks 1 to 3 parameters for the canvas (when it has any)', () => {
    const keys = Object.values(spec.params).filter((p) => p.key).length;
    if (Object.keys(spec.params).length === 0) expect(keys).toBe(0);
    else {
      expect(keys).toBeGreaterThanOrEqual(1);
      expect(keys).toBeLessThanOrEqual(3);
    }
  });

  it('names a tf.layers factory, custom only where TF.js lacks the layer', () => {
    expect(spec.tfjs.factory).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(Boolean(spec.tfjs.custom)).toBe(CUSTOM.includes(spec.kind));
    const args = spec.tfjs.args?.(withDefaults(spec, {}));
    if (args !== undefined) expect(typeof args).toBe('object');
  });

  it('has a sensible arity, and example inputs within it', () => {
    expect(spec.arity.min).toBeGreaterThanOrEqual(0);
    if (spec.arity.max !== undefined) expect(spec.arity.max).toBeGreaterThanOrEqual(spec.arity.min);
    expect(spec.exampleInputs.length).toBeGreaterThanOrEqual(spec.arity.min);
    expect(spec.exampleInputs.length).toBeLessThanOrEqual(spec.arity.max ?? Infinity);
  });

  it('runs its rules with the default params on a typical input', () => {
    const params = withDefaults(spec, {});
    const inputs = spec.exampleInputs;
    const output = spec.outputShape({ params, inputs });
    expect(output[0]).toBeNull();
    const count = spec.paramCount({ params, inputs, output });
    for (const n of [count.trainable, count.nonTrainable]) {
      expect(Number.isInteger(n) && n >= 0).toBe(true);
    }
    const macs = spec.macs?.({ params, inputs, output }) ?? 0;
    expect(Number.isFinite(macs) && macs >= 0).toBe(true);
    if (spec.describe) expect(typeof spec.describe(params)).toBe('string');
  });
});
