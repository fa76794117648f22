import { INITIALIZERS } from './enums';
import type { LayerSpec, ParamSpec, Params } from './types';
import { trainableParam } from './commonParams';

/** The parameters every kind has besides its own (Keras's base Layer args). */
export const COMMON_PARAMS: Record<string, ParamSpec> = { trainable: trainableParam };

/** A kind's parameter specs including the common ones. */
export function allParams(spec: LayerSpec): Record<string, ParamSpec> {
  let all = allParamsCache.get(spec);
  if (!all) {
    all = spec.kind === 'Input' ? spec.params : { ...spec.params, ...COMMON_PARAMS };
    allParamsCache.set(spec, all);
  }
  return all;
}

// Specs are immutable declarations, so their merged parameter lists and defaults are computed once:
// shape inference runs on every edit over every node (issue 2 targets < 5 ms for 1,000 nodes).
const allParamsCache = new WeakMap<LayerSpec, Record<string, ParamSpec>>();
const defaultsCache = new WeakMap<LayerSpec, Params>();

/**
 * Sizes (units, filters, shape dimensions, …) above this are refused: 1e15 or 1e308 are whole
 * numbers too, and used to pass validation and fail inside TF.js (issue 13, item 10).
 */
export const MAX_SIZE = 10_000_000;

/** `specs[name]` for an own key only: a user's `__proto__` or `toString` is no parameter (issue 13, item 10). */
function specOf(specs: Record<string, ParamSpec>, name: string): ParamSpec | undefined {
  return Object.hasOwn(specs, name) ? specs[name] : undefined;
}

/** Sets an own property even when the key is `__proto__` (plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The node's parameters with every omitted one set to its Keras default. Unknown keys are kept.
 * Typed as the spec's params: values are what the project holds, checked by `checkParams`.
 */
export function withDefaults<P extends Params = Params>(spec: LayerSpec<P>, params: Params): P {
  let defaults = defaultsCache.get(spec);
  if (!defaults) {
    defaults = {};
    for (const [name, p] of Object.entries(allParams(spec))) defaults[name] = p.default;
    defaultsCache.set(spec, defaults);
  }
  const out: Params = { ...defaults };
  for (const name of Object.keys(params)) if (params[name] !== undefined) setOwn(out, name, params[name]);
  return out as P;
}

/** Only the parameters that differ from the defaults: what a saved project file holds. */
export function withoutDefaults(spec: LayerSpec, params: Params): Params {
  const specs = allParams(spec);
  const out: Params = {};
  for (const [name, v] of Object.entries(params)) {
    const p = specOf(specs, name);
    if (!p || JSON.stringify(p.default) !== JSON.stringify(v)) setOwn(out, name, v);
  }
  return out;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkRange(v: number, p: { min?: number; max?: number }): string | null {
  if (p.min !== undefined && v < p.min) return `must be at least ${p.min}`;
  if (p.max !== undefined && v > p.max) return `must be at most ${p.max}`;
  return null;
}

const TOO_BIG = `must be at most ${MAX_SIZE.toLocaleString('en')} (a larger size cannot be trained)`;

/**
 * Checks one parameter value against its spec. Returns a plain-words problem ("must be at least 1")
 * or null when the value is fine. The inspector shows the problem inline and does not write the value.
 */
export function checkParam(p: ParamSpec, v: unknown): string | null {
  switch (p.type) {
    case 'int':
      if (v === null) return p.nullable ? null : 'needs a value';
      if (!isInt(v)) return 'must be a whole number';
      if (p.max === undefined && Math.abs(v) > MAX_SIZE) return TOO_BIG;
      return checkRange(v, p);
    case 'float':
      if (v === null) return p.nullable ? null : 'needs a value';
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      if (p.exclusiveMin && p.min !== undefined && v <= p.min) return `must be more than ${p.min}`;
      return checkRange(v, p);
    case 'bool':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'select':
      if (v === null) return p.nullable ? null : 'needs a value';
      return typeof v === 'string' && p.options.includes(v) ? null : `must be one of ${p.options.join(', ')}`;
    case 'intTuple': {
      if (v === null) return p.nullable ? null : 'needs a value';
      const items = typeof v === 'number' ? [v] : v;
      if (!Array.isArray(items) || (Array.isArray(v) && v.length !== p.length) || !items.every(isInt)) {
        return `must be a whole number or ${p.length} whole numbers`;
      }
      const min = p.min ?? 1;
      if (items.some((x) => x > MAX_SIZE)) return `each ${TOO_BIG}`;
      return items.every((x) => x >= min) ? null : `each must be at least ${min}`;
    }
    case 'intList': {
      if (!Array.isArray(v)) return 'must be a list of whole numbers';
      for (const x of v) {
        if (x === null && p.allowNull) continue;
        if (x === -1 && p.allowMinusOne) continue;
        if (!isInt(x) || x < (p.min ?? 1)) return `each must be a whole number of at least ${p.min ?? 1}`;
        if (x > MAX_SIZE) return `each ${TOO_BIG}`;
      }
      if (p.allowMinusOne && v.filter((x) => x === -1).length > 1) return 'at most one dimension can be -1';
      return null;
    }
    case 'padding2d': {
      if (isInt(v)) return v < 0 ? 'must not be negative' : v > MAX_SIZE ? TOO_BIG : null;
      if (Array.isArray(v) && v.length === 2 && v.every((x) => isInt(x) && x >= 0)) return null;
      if (
        Array.isArray(v) &&
        v.length === 2 &&
        v.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((x) => isInt(x) && x >= 0))
      ) {
        return null;
      }
      return 'must be n, [height, width] or [[top, bottom], [left, right]] with whole numbers';
    }
    case 'initializer': {
      const name = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { name?: unknown }).name : undefined;
      return typeof name === 'string' && (INITIALIZERS as readonly string[]).includes(name)
        ? null
        : `must be one of ${INITIALIZERS.join(', ')}`;
    }
    case 'regularizer': {
      if (v === null) return null;
      if (typeof v !== 'object' || Array.isArray(v)) return 'must be none or {l1, l2}';
      for (const [k, x] of Object.entries(v as object)) {
        if (k !== 'l1' && k !== 'l2') return `unknown regularizer setting "${k}"`;
        if (typeof x !== 'number' || x < 0) return `${k} must be a non-negative number`;
      }
      return null;
    }
  }
}

/** Every problem with a node's parameters, by name. Unknown parameters are reported too. */
export function checkParams(spec: LayerSpec, params: Params): Record<string, string> {
  const specs = allParams(spec);
  const problems: Record<string, string> = {};
  for (const [name, v] of Object.entries(params)) {
    const p = specOf(specs, name);
    if (!p) {
      setOwn(problems, name, `${spec.kind} has no parameter "${name}"`);
      continue;
    }
    const problem = checkParam(p, v);
    if (problem) setOwn(problems, name, problem);
  }
  return problems;
}
