/**
 * A seeded generator of damaged project files for the fuzz test and bench/fuzz.bench.ts (issue 13):
 * byte flips, deleted / duplicated / retyped keys, huge numbers, NaN and Infinity, deep nesting,
 * huge graphs, cycles, unicode and prototype-named ids. Same seed, same mutants.
 */

/** mulberry32: a small, fast, seeded PRNG (shared/ has no random source of its own). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Rand = () => number;

const DEEP = '@@deep:';

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const WEIRD_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  ' ',
  'ﬁ',
  '𝔡𝔢𝔢𝔭',
  'a\u0000b',
  '\u202e',
  'x'.repeat(5000),
];
const WEIRD_VALUES: Json[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 1,
  1e15,
  0.5,
  '',
  'NaN',
  [],
  {},
  [[[]]],
  'x'.repeat(10000),
];

/** Every [container, key] inside a JSON value, for picking a place to damage. */
function places(value: Json, out: [Json[] | Record<string, Json>, string | number][] = [], depth = 0): typeof out {
  if (depth > 40 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      places(v, out, depth + 1);
    });
  } else {
    for (const k of Object.keys(value)) {
      out.push([value, k]);
      places(value[k], out, depth + 1);
    }
  }
  return out;
}

function setAt(container: Json[] | Record<string, Json>, key: string | number, v: Json): void {
  if (Array.isArray(container)) container[key as number] = v;
  else Object.defineProperty(container, key, { value: v, enumerable: true, writable: true, configurable: true });
}

const structural: ((p: Json, r: Rand) => void)[] = [
  // delete a key or element
  (p, r) => {
    const all = places(p);
    if (!all.length) return;
    const [c, k] = pick(r, all);
    if (Array.isArray(c)) c.splice(k as number, 1);
    else delete c[k as string];
  },
  // retype a value
  (p, r) => {
    const all = places(p);
    if (all.length) setAt(...(pick(r, all) as [Json[] | Record<string, Json>, string | number]), pick(r, WEIRD_VALUES));
  },
  // add a prototype-named or unicode key
  (p, r) => {
    const objects = places(p)
      .map(([c, k]) => (c as Record<string, Json>)[k as string])
      .filter((v) => v && typeof v === 'object' && !Array.isArray(v));
    const target = (objects.length ? pick(r, objects) : p) as Record<string, Json>;
    if (target && typeof target === 'object') setAt(target, pick(r, WEIRD_NAMES), pick(r, WEIRD_VALUES));
  },
  // rename node ids to weird names (edges keep pointing at the old ones, or follow)
  (p, r) => {
    const nodes = (p as { graph?: { nodes?: { id?: Json }[]; edges?: { source?: Json; target?: Json }[] } }).graph
      ?.nodes;
    if (!Array.isArray(nodes) || !nodes.length) return;
    const node = pick(r, nodes);
    if (!node || typeof node !== 'object') return;
    const old = node.id;
    const name = pick(r, WEIRD_NAMES);
    node.id = name;
    if (r() < 0.7)
      for (const e of (p as { graph: { edges?: { source?: Json; target?: Json }[] } }).graph.edges ?? []) {
        if (e && e.source === old) e.source = name;
        if (e && e.target === old) e.target = name;
      }
  },
  // a cycle: the last node feeds the first
  (p) => {
    const g = (p as { graph?: { nodes?: { id?: Json }[]; edges?: Json[] } }).graph;
    if (!g || !Array.isArray(g.nodes) || !Array.isArray(g.edges) || g.nodes.length < 2) return;
    g.edges.push({ source: g.nodes[g.nodes.length - 1]?.id ?? null, target: g.nodes[1]?.id ?? null });
  },
  // a huge graph: the nodes repeated with fresh ids, chained
  (p, r) => {
    const g = (p as { graph?: { nodes?: { id?: Json; kind?: Json }[]; edges?: Json[] } }).graph;
    if (!g || !Array.isArray(g.nodes) || !Array.isArray(g.edges)) return;
    const copies = 200 + Math.floor(r() * 2800);
    const dense = { kind: 'Dense', params: { units: 4 } };
    let prev = g.nodes[g.nodes.length - 1]?.id ?? null;
    for (let i = 0; i < copies; i++) {
      const id = `fuzz${i}`;
      g.nodes.push({ id, ...dense } as never);
      g.edges.push({ source: prev, target: id });
      prev = id;
    }
  },
  // deep nesting in a loose field (spliced into the text: JSON.stringify itself would overflow)
  (p, r) => {
    if (p && typeof p === 'object' && !Array.isArray(p)) p.deep = `${DEEP}${pick(r, [70, 500, 3500, 20000])}`;
  },
  // duplicate a node (same id)
  (p) => {
    const nodes = (p as { graph?: { nodes?: Json[] } }).graph?.nodes;
    if (Array.isArray(nodes) && nodes.length) nodes.push(JSON.parse(JSON.stringify(nodes[0])) as Json);
  },
];

const textual: ((t: string, r: Rand) => string)[] = [
  // flip a byte
  (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << Math.floor(r() * 7))) + t.slice(i + 1);
  },
  // a number becomes NaN / Infinity / a huge literal
  (t, r) => t.replace(/\b\d+\b/, pick(r, ['NaN', 'Infinity', '-Infinity', '1e999', '9'.repeat(400), '1e308'])),
  // duplicate a key (JSON.parse keeps the last)
  (t) => t.replace(/"units": (\d+)/, '"units": $1, "units": "many"'),
  // truncate
  (t, r) => t.slice(0, Math.floor(r() * t.length)),
  // a BOM or stray bytes in front
  (t, r) => pick(r, ['\uFEFF', '\uFFFE', '\u0000', ' \n']) + t,
];

/** The `n`th mutant of `base` (a project file's text) for `seed`: a text to feed the parser. */
export function mutate(base: string, seed: number): string {
  const r = rng(seed);
  const value = JSON.parse(base) as Json;
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) {
    try {
      pick(r, structural)(value, r);
    } catch {
      // an earlier round left a shape this mutation cannot work on: skip it (the generator's own
      // robustness is not under test)
    }
  }
  let text = JSON.stringify(value, null, r() < 0.5 ? 2 : undefined).replace(
    new RegExp(`"${DEEP}(\\d+)"`, 'g'),
    (_m, n: string) => `${'['.repeat(Number(n))}1${']'.repeat(Number(n))}`,
  );
  if (r() < 0.35) text = pick(r, textual)(text, r);
  return text;
}
