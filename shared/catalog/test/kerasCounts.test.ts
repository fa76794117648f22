import { describe, expect, it } from 'vitest';
import { getSpec } from '../index';
import { withDefaults } from '../paramValues';
import { KERAS_COUNTS } from './kerasCounts';

describe('every kind against its Keras reference count', () => {
  it.each(KERAS_COUNTS.map((c) => [c.kind, c] as const))('%s', (kind, c) => {
    const spec = getSpec(kind);
    expect(spec, `${kind} is in the catalog`).toBeDefined();
    const params = withDefaults(spec!, c.params ?? {});
    const output = spec!.outputShape({ params, inputs: c.inputs });
    expect(spec!.paramCount({ params, inputs: c.inputs, output }), c.why).toEqual({
      trainable: c.trainable,
      nonTrainable: c.nonTrainable,
    });
  });

  it('lists each kind once', () => {
    const kinds = KERAS_COUNTS.map((c) => c.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});
