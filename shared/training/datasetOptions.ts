/**
 * How a built-in dataset reference (`training.dataset: {builtin, options}`) is read: which options
 * pick the number of examples and the splits, which are the generator's parameters, their defaults
 * and ranges, and the shape of one example they give. The training panel and the trainer both
 * evaluate a dataset through these functions, so the panel never promises a shape the trainer will
 * not produce (issue 14.1: the exoplanet template's `length: 180` was read by the trainer only).
 * Pure: no tfjs, no Node.
 */

/** A value a dataset-specific parameter may take. */
export type DatasetParamValue = number | string;

/**
 * One tunable knob of a dataset generator (noise level, image size, light-curve length, …).
 * Declarative so the UI can draw a slider or a dropdown without knowing the dataset.
 */
export type DatasetParamSpec =
  | { name: string; type: 'number'; default: number; min: number; max: number; integer?: boolean; doc: string }
  | { name: string; type: 'choice'; default: string; options: readonly string[]; doc: string };

/**
 * The shape of one example as a function of the parameters, written as data so it can cross the
 * process boundary: each entry is a fixed size, or the name of a number parameter
 * (`['imageSize', 'imageSize', 5]`, `['length', 1]`).
 */
export type ShapeRule = readonly (number | string)[];

/** The options of a dataset reference that are not generator parameters. */
const REQUEST_KEYS = new Set(['size', 'validationFraction', 'testFraction', 'params']);

/** What a `{builtin, options}` reference asks the dataset for. */
export interface DatasetRequest {
  size?: number;
  validationFraction?: number;
  testFraction?: number;
  /** Generator parameters as written (absent when none are given). */
  params?: Record<string, unknown>;
}

/**
 * Splits a reference's options into the request fields and the generator parameters. Parameters
 * may be nested (`options.params`) or written beside the other options (`options.length`), as the
 * templates do.
 */
export function datasetRequest(options: Record<string, unknown> | undefined): DatasetRequest {
  const o = options ?? {};
  const params =
    (o.params as Record<string, unknown> | undefined) ??
    Object.fromEntries(Object.entries(o).filter(([k]) => !REQUEST_KEYS.has(k)));
  const num = (v: unknown) => (v === undefined ? undefined : (v as number));
  return {
    size: num(o.size),
    validationFraction: num(o.validationFraction),
    testFraction: num(o.testFraction),
    params: Object.keys(params).length ? params : undefined,
  };
}

/** Why a dataset's parameters cannot be used, in the words both the panel and the trainer show. */
export interface DatasetParamProblem {
  message: string;
  hint?: string;
}

/**
 * Fills defaults and checks the given parameters against their specs. Unknown names and
 * out-of-range values are refused rather than ignored: a typo in a project file should not silently
 * train on the default data.
 */
export function resolveDatasetParams(
  datasetId: string,
  specs: readonly DatasetParamSpec[],
  given: Record<string, unknown> = {},
): { params: Record<string, DatasetParamValue> } | { problem: DatasetParamProblem } {
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const list = specs.length ? specs.map((s) => s.name).join(', ') : 'none';
      return {
        problem: {
          message: `Dataset "${datasetId}" has no parameter "${name}".`,
          hint: `Its parameters are: ${list}.`,
        },
      };
    }
  }
  const params: Record<string, DatasetParamValue> = {};
  for (const spec of specs) {
    const value = given[spec.name];
    if (value === undefined) {
      params[spec.name] = spec.default;
    } else if (spec.type === 'number') {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= spec.min &&
        value <= spec.max &&
        (!spec.integer || Number.isInteger(value));
      if (!ok) {
        return {
          problem: {
            message: `Parameter "${spec.name}" of dataset "${datasetId}" must be ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}; got ${JSON.stringify(value)}.`,
          },
        };
      }
      params[spec.name] = value;
    } else {
      if (typeof value !== 'string' || !spec.options.includes(value)) {
        return {
          problem: {
            message: `Parameter "${spec.name}" of dataset "${datasetId}" must be one of ${spec.options.join(', ')}; got ${JSON.stringify(value)}.`,
          },
        };
      }
      params[spec.name] = value;
    }
  }
  return { params };
}

/** The shape of one example for these (resolved) parameters. */
export function shapeFromRule(rule: ShapeRule, params: Record<string, DatasetParamValue>): number[] {
  return rule.map((d) => {
    if (typeof d === 'number') return d;
    const v = params[d];
    if (typeof v !== 'number') throw new Error(`internal: shape parameter ${d} is not a number parameter`);
    return v;
  });
}

/** What the panel knows of a built-in dataset (the catalogue entry the host lists). */
export interface DatasetShapeInfo {
  id: string;
  /** The shape at the default parameters. */
  inputShape: number[];
  params?: readonly DatasetParamSpec[];
  shapeRule?: ShapeRule;
}

/**
 * The shape one example of `info` has with the reference's `options`, or why the options cannot
 * be used. A catalogue entry without a rule or parameter specs (an older host) has its default shape.
 */
export function datasetInputShape(
  info: DatasetShapeInfo,
  options: Record<string, unknown> | undefined,
): { inputShape: number[] } | { problem: DatasetParamProblem } {
  // Without the specs (an older host) the options cannot be checked here; the trainer checks them.
  if (!info.params) return { inputShape: [...info.inputShape] };
  const request = datasetRequest(options);
  const resolved = resolveDatasetParams(info.id, info.params, request.params);
  if ('problem' in resolved) return resolved;
  return { inputShape: info.shapeRule ? shapeFromRule(info.shapeRule, resolved.params) : [...info.inputShape] };
}
