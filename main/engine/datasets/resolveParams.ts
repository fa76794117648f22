import { DatasetError } from './errors';
import { type DatasetParamSpec, type DatasetParamValue } from './types';

/**
 * Fills defaults and checks user-supplied dataset parameters against their specs. Unknown names and
 * out-of-range values are refused rather than ignored: a typo in a project file should not silently
 * train on the default data.
 */
export function resolveParams(
  datasetId: string,
  specs: readonly DatasetParamSpec[],
  given: Record<string, unknown> = {},
): Record<string, DatasetParamValue> {
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const list = specs.length ? specs.map((s) => s.name).join(', ') : 'none';
      throw new DatasetError(
        'bad-option',
        `Dataset "${datasetId}" has no parameter "${name}".`,
        `Its parameters are: ${list}.`,
      );
    }
  }
  const out: Record<string, DatasetParamValue> = {};
  for (const spec of specs) {
    const value = given[spec.name];
    if (value === undefined) {
      out[spec.name] = spec.default;
    } else if (spec.type === 'number') {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= spec.min &&
        value <= spec.max &&
        (!spec.integer || Number.isInteger(value));
      if (!ok) {
        throw new DatasetError(
          'bad-option',
          `Parameter "${spec.name}" of dataset "${datasetId}" must be ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}; got ${JSON.stringify(value)}.`,
        );
      }
      out[spec.name] = value;
    } else {
      if (typeof value !== 'string' || !spec.options.includes(value)) {
        throw new DatasetError(
          'bad-option',
          `Parameter "${spec.name}" of dataset "${datasetId}" must be one of ${spec.options.join(', ')}; got ${JSON.stringify(value)}.`,
        );
      }
      out[spec.name] = value;
    }
  }
  return out;
}

/** Reads a number parameter that {@link resolveParams} has already validated. */
export function numParam(params: Record<string, DatasetParamValue>, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`internal: parameter ${name} is not a number`);
  return v;
}
