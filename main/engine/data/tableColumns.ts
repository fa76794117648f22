import { byCodePoint } from './arrays';
import type { ColumnInfo, DataProblem } from './types';

/**
 * Column typing for tables (CSV, FITS binary tables): one pass feeds every cell to a
 * {@link ColumnTally}; {@link typeColumn} then decides number, category, text or empty.
 */

/** A cell as a reader hands it over: text (CSV, FITS strings), a number, or a vector (FITS). */
export type Cell = string | number | ArrayLike<number> | null;

/** Cell texts that mean "no value" (compared lower-case, trimmed). */
const MISSING_TEXT = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '#n/a', '?']);

export const isMissingText = (s: string) => MISSING_TEXT.has(s.trim().toLowerCase());

/** A cell as a number: NaN when missing or not a number. */
export function cellNumber(cell: Cell): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return NaN;
  const s = cell.trim();
  if (s === '' || MISSING_TEXT.has(s.toLowerCase())) return NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

/** A cell as a category key ('' when missing). */
export function cellKey(cell: Cell): string {
  if (cell === null || (typeof cell === 'object' && cell !== null)) return '';
  const s = String(cell).trim();
  return MISSING_TEXT.has(s.toLowerCase()) ? '' : s;
}

/** Distinct values tracked per column; past it the column is text (or numbers). */
const DISTINCT_CAP = 1000;
/** A column with more distinct values than this is text, not a category. */
const CATEGORY_MAX = 100;

/** Counts of what one column holds, fed one cell at a time. */
export class ColumnTally {
  missing = 0;
  numbers = 0;
  texts = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  width = 1;
  /** Lines (or rows) of the first few cells with text, for messages. */
  textAt: { row: number; value: string }[] = [];
  firstMissingRow = -1;
  readonly values = new Map<string, number>();
  overflow = false;

  constructor(readonly name: string) {}

  add(cell: Cell, row: number): void {
    if (cell !== null && typeof cell === 'object') {
      this.width = cell.length;
      let any = false;
      for (let i = 0; i < cell.length; i++) {
        const v = cell[i];
        if (!Number.isFinite(v)) continue;
        any = true;
        this.sum += v;
        this.numbers++;
        if (v < this.min) this.min = v;
        if (v > this.max) this.max = v;
      }
      if (!any) this.noteMissing(row);
      return;
    }
    // Numbers first: most cells of most tables are numbers, and this path allocates nothing.
    const v = typeof cell === 'number' ? cell : cell === null ? NaN : Number(cell);
    // Number('') and Number('  ') are 0: only a zero needs the blank check.
    if (Number.isFinite(v) && (v !== 0 || typeof cell === 'number' || cell!.trim() !== '')) {
      this.numbers++;
      this.sum += v;
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
      // Past CATEGORY_MAX different numbers (and no text yet) the column can only be numbers: stop counting.
      if (!this.overflow && this.texts === 0 && this.values.size > CATEGORY_MAX) {
        this.overflow = true;
        this.values.clear();
      }
      if (!this.overflow) this.count(typeof cell === 'number' ? String(cell) : cell!.trim());
      return;
    }
    const key = cellKey(cell);
    if (key === '') return this.noteMissing(row);
    this.texts++;
    if (this.textAt.length < 3) this.textAt.push({ row, value: key });
    if (!this.overflow) this.count(key);
  }

  private count(key: string) {
    this.values.set(key, (this.values.get(key) ?? 0) + 1);
    if (this.values.size > DISTINCT_CAP) {
      this.overflow = true;
      this.values.clear();
    }
  }

  private noteMissing(row: number) {
    this.missing++;
    if (this.firstMissingRow < 0) this.firstMissingRow = row;
  }
}

/** A typed column: what the UI shows, plus what encoding needs. */
export interface TypedColumn {
  info: ColumnInfo;
  /** Category columns: value → position in `info.categories`. */
  index?: Map<string, number>;
  /** Number columns: cells with text in them, read as missing. */
  textCells: number;
  /** More distinct values than Deepwire counts: cannot be classes. */
  overflow: boolean;
  tally: ColumnTally;
}

/**
 * Type a column from its tally. Numbers (with at most one cell in ten of text, read as missing);
 * few distinct values → category (sorted by code point: the same order everywhere); values that
 * are all different, or too many → text; nothing → empty.
 */
export function typeColumn(t: ColumnTally): TypedColumn {
  const cells = t.numbers / t.width + t.texts;
  const base = { name: t.name, missing: t.missing };
  const numberColumn = (textCells: number): TypedColumn => ({
    info: { ...base, type: 'number', min: t.min, max: t.max, ...(t.width > 1 ? { width: t.width } : {}) },
    textCells,
    overflow: t.overflow,
    tally: t,
  });
  if (cells === 0) return { info: { ...base, type: 'empty' }, textCells: 0, overflow: false, tally: t };
  if (t.texts === 0) return numberColumn(0);
  // A few cells of text among numbers are slips ("n/k", "unknown"), read as missing.
  const fewTexts =
    t.numbers >= 0.9 * cells || (t.numbers >= 3 * t.texts && new Set(t.textAt.map((c) => c.value)).size === t.texts);
  if (fewTexts && t.width === 1) return numberColumn(t.texts);
  const distinct = t.values.size;
  const identifiers = distinct === cells && cells > 2;
  if (t.overflow || distinct > CATEGORY_MAX || identifiers) {
    const categories = t.overflow ? undefined : sortedCategories(t.values);
    return {
      info: { ...base, type: 'text', categories },
      textCells: 0,
      overflow: t.overflow,
      tally: t,
      index: indexOf(categories),
    };
  }
  const categories = sortedCategories(t.values);
  return {
    info: { ...base, type: 'category', categories },
    index: indexOf(categories),
    textCells: 0,
    overflow: false,
    tally: t,
  };
}

function sortedCategories(values: Map<string, number>) {
  return [...values.keys()].sort(byCodePoint).map((name) => ({ name, count: values.get(name)! }));
}

const indexOf = (c: { name: string }[] | undefined) => (c ? new Map(c.map((x, i) => [x.name, i])) : undefined);

/** Warnings about one column used by the network: text read as missing, missing cells filled. */
export function columnProblems(
  c: TypedColumn,
  role: 'feature' | 'target',
  where: (row: number) => string,
): DataProblem[] {
  const out: DataProblem[] = [];
  const t = c.tally;
  const name = c.info.name;
  if (c.textCells > 0) {
    const first = t.textAt[0];
    out.push({
      severity: 'warning',
      code: 'text-in-number-column',
      message: `Column '${name}' holds numbers, but ${where(first.row)} has "${first.value}"${c.textCells > 1 ? ` (and ${c.textCells - 1} more cells hold text)` : ''}: ${role === 'target' ? 'those rows are left out' : "those cells are read as missing and filled with the training examples' mean"}.`,
      where: where(first.row),
      hint: 'Correct the cells, or leave them empty where the value is not known.',
    });
  }
  if (c.info.missing > 0 && role === 'feature' && c.info.type !== 'empty') {
    const fill = c.info.type === 'number' ? "filled with the training examples' mean" : 'given no category';
    out.push({
      severity: 'warning',
      code: 'missing-values',
      message: `Column '${name}' has ${c.info.missing} empty ${c.info.missing === 1 ? 'cell' : 'cells'} (the first at ${where(t.firstMissingRow)}): ${fill}.`,
      where: where(t.firstMissingRow),
      hint: 'Fill them in if you know the values, or leave the column out of the features.',
    });
  }
  return out;
}
