/**
 * Test helpers for the catalog's table-driven tests: run one spec's rules the way inference does
 * (defaults filled first), and run a chain of layers as a small sequential model.
 */
import { expect, it } from 'vitest';
import { getSpec } from './index';
import { withDefaults } from './paramValues';
import { ShapeError, type LayerSpec, type ParamSpec, type Params, type Shape } from './types';

export interface SpecRun {
  output: Shape;
  trainable: number;
  nonTrainable: number;
  macs: number;
  describe: string | undefined;
}

export function specOf(kind: string): LayerSpec {
  const spec = getSpec(kind);
  if (!spec) throw new Error(`no spec for ${kind}`);
  return spec;
}

/** Runs `kind`'s output-shape, count, MAC and describe rules on `inputs` with `params` over the defaults. */
export function run(kind: string, params: Params, inputs: Shape[]): SpecRun {
  const spec = specOf(kind);
  const p = withDefaults(spec, params);
  const output = spec.outputShape({ params: p, inputs });
  const { trainable, nonTrainable } = spec.paramCount({ params: p, inputs, output });
  const macs = spec.macs?.({ params: p, inputs, output }) ?? 0;
  return { output, trainable, nonTrainable, macs, describe: spec.describe?.(p) };
}

/** A sequential model from `input` through `layers`; totals as Keras's model.summary() prints them. */
export function sequential(input: Shape, layers: [string, Params?][]) {
  let shape = input;
  let trainable = 0;
  let nonTrainable = 0;
  let macs = 0;
  for (const [kind, params] of layers) {
    const r = run(kind, params ?? {}, [shape]);
    shape = r.output;
    trainable += r.trainable;
    nonTrainable += r.nonTrainable;
    macs += r.macs;
  }
  return { output: shape, trainable, nonTrainable, total: trainable + nonTrainable, macs };
}

export interface ShapeRow {
  kind: string;
  params?: Params;
  inputs: Shape[];
  out: Shape;
  /** [trainable, nonTrainable]; omitted means [0, 0]. */
  count?: [number, number];
  macs?: number;
  describe?: string;
}

export interface ErrorRow {
  kind: string;
  params?: Params;
  inputs: Shape[];
  error: RegExp;
  hint?: RegExp;
}

const label = (r: { kind: string; params?: Params; inputs: Shape[] }) =>
  `${r.kind} ${JSON.stringify(r.params ?? {})} on ${JSON.stringify(r.inputs)}`;

/** One test per row: output shape, weight counts, and MACs/describe where the row gives them. */
export function shapeRows(rows: ShapeRow[]): void {
  it.each(rows.map((r) => [label(r), r] as const))('%s', (_name, r) => {
    const got = run(r.kind, r.params ?? {}, r.inputs);
    expect(got.output).toEqual(r.out);
    expect([got.trainable, got.nonTrainable]).toEqual(r.count ?? [0, 0]);
    if (r.macs !== undefined) expect(got.macs).toBe(r.macs);
    if (r.describe !== undefined) expect(got.describe).toBe(r.describe);
  });
}

/** One test per row: the shape rule throws a ShapeError whose message (and hint) match. */
export function errorRows(rows: ErrorRow[]): void {
  it.each(rows.map((r) => [label(r), r] as const))('%s fails', (_name, r) => {
    let error: unknown;
    try {
      run(r.kind, r.params ?? {}, r.inputs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).message).toMatch(r.error);
    if (r.hint) expect((error as ShapeError).hint).toMatch(r.hint);
  });
}

/** A valid value that differs from the default, to round-trip an edited parameter. */
export function otherValue(p: ParamSpec): unknown {
  switch (p.type) {
    case 'int':
      return (p.default ?? 1) + 1;
    case 'float':
      return p.default === null ? 1 : p.default === 0 ? 0.25 : p.default / 2;
    case 'bool':
      return !p.default;
    case 'select':
      return p.options.find((o) => o !== p.default);
    case 'intTuple':
      return typeof p.default === 'number' ? p.default + 1 : Array.from({ length: p.length }, () => 2);
    case 'intList':
      return [...p.default, 1];
    case 'padding2d':
      return [
        [1, 2],
        [3, 4],
      ];
    case 'initializer':
      return p.default === 'heNormal' ? 'heUniform' : { name: 'heNormal', seed: 1 };
    case 'regularizer':
      return { l2: 0.01 };
  }
}
