import type { ParamSpec } from '../../../shared/catalog';
import { checkParam } from '../../../shared/catalog/paramValues';

/** How text fields show and read parameter values ("3, 3" for a kernel size, "28, 28, 1" for a shape). */

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const NONE = /^(none|null|\?|)$/i;

function parseNumber(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Splits "3, 3", "3 3", "3×3" or "3x3" into items. */
const splitItems = (text: string) => text.split(/\s*[,×x]\s*|\s+/i).filter((s, i, all) => s !== '' || all.length === 1);

/** The text a field shows for a value. */
export function formatParam(p: ParamSpec, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (p.type === 'intList') return (v as unknown[]).map((x) => (x === null ? 'None' : String(x))).join(', ');
  if (p.type === 'intTuple') return Array.isArray(v) ? v.join(', ') : String(v);
  if (p.type === 'padding2d') {
    if (Array.isArray(v) && Array.isArray(v[0]))
      return (v as number[][]).map((pair) => `(${pair.join(', ')})`).join(', ');
    return Array.isArray(v) ? v.join(', ') : String(v);
  }
  return String(v);
}

/** Reads a field's text into a value of the parameter's type; range checks are checkParam's job. */
export function parseParam(p: ParamSpec, text: string): Parsed {
  const t = text.trim();
  switch (p.type) {
    case 'int':
    case 'float': {
      const n = parseNumber(t);
      if (n === undefined) return { ok: false, message: 'must be a number' };
      return { ok: true, value: n };
    }
    case 'intTuple': {
      if (t === '') return { ok: true, value: null };
      const items = splitItems(t).map(Number);
      if (items.some((x) => !Number.isFinite(x)))
        return { ok: false, message: `must be a whole number or ${p.length} whole numbers` };
      return { ok: true, value: items.length === 1 ? items[0] : items };
    }
    case 'intList': {
      if (t === '') return { ok: true, value: [] };
      const items = t.split(/\s*,\s*/).map((s) => (NONE.test(s.trim()) ? null : Number(s)));
      if (items.some((x) => x !== null && !Number.isFinite(x)))
        return { ok: false, message: 'must be whole numbers separated by commas' };
      return { ok: true, value: items };
    }
    case 'padding2d': {
      try {
        const nested = /[([]/.test(t);
        const value: unknown = nested
          ? JSON.parse(`[${t.replace(/\(/g, '[').replace(/\)/g, ']')}]`)
          : splitItems(t).map(Number);
        const v = Array.isArray(value) && value.length === 1 && !nested ? value[0] : value;
        return { ok: true, value: v };
      } catch {
        return { ok: false, message: 'must be n, "height, width" or "(top, bottom), (left, right)"' };
      }
    }
    default:
      return { ok: true, value: t };
  }
}

/** A field's text checked end to end: the value to write, or why it cannot be written. */
export function readParam(p: ParamSpec, text: string): Parsed {
  const r = parseParam(p, text);
  if (!r.ok) return r;
  const problem = checkParam(p, r.value);
  return problem ? { ok: false, message: problem } : r;
}
