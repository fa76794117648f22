/** Python source fragments: numbers, tuples, identifiers. */

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/**
 * Names a layer attribute or forward variable must not take: Python keywords, the modules model.py
 * imports, and nn.Module's own attributes (an attribute called `forward` or `training` would break it).
 */
const RESERVED = new Set([
  ...KEYWORDS,
  ...'self torch nn F math json os struct np super print len range list tuple dict float int'.split(' '),
  ...(
    'forward training train eval state_dict load_state_dict parameters named_parameters buffers modules ' +
    'children apply cuda cpu to type float double half zero_grad register_buffer register_parameter ' +
    'add_module load_weights save_weights dump_patches call_super_init'
  ).split(' '),
]);

/** Node ids as Python identifiers, unique; `changed` says which differ from their id. */
export function pythonNames(ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `n_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    out.set(id, name);
  }
  return out;
}

/** A number as Python source: integers stay integers, floats keep full precision. */
export function pyNum(v: number): string {
  if (v === Infinity) return 'math.inf';
  if (v === -Infinity) return '-math.inf';
  return String(v);
}

/** A float as Python source, always with a decimal point or exponent. */
export function pyFloat(v: number): string {
  const s = pyNum(v);
  return /[.eE]|inf/.test(s) ? s : `${s}.0`;
}

/** A tuple of ints; a 1-tuple keeps its comma. */
export function pyTuple(v: number[]): string {
  return v.length === 1 ? `(${v[0]},)` : `(${v.join(', ')})`;
}

/** An int when every entry is the same (PyTorch accepts both), else a tuple. */
export function pyIntOrTuple(v: number[]): string {
  return v.every((d) => d === v[0]) ? String(v[0]) : pyTuple(v);
}

/** A JSON value as a Python literal (null/true/false spelled the Python way). */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyNum(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${JSON.stringify(k)}: ${pyLiteral(x)}`)
    .join(', ')}}`;
}
