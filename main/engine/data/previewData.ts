import { dataKind } from '../../../shared/data/facts';
import type { DataPreview } from '../../../shared/protocol/client';
import { JSON_BYTES_PER_ROUNDED_NUMBER, previewExampleCount } from '../previewLimits';
import type { DataSource, Examples } from './types';

/** Rows of a table shown in the preview. */
const ROWS = 8;
/** Examples per class, and examples looked at to find them. */
const PER_CLASS = 4;
const SAMPLES = 48;
/** Examples bigger than this are described, not drawn (96×96×3, as in the evaluation). */
const MAX_VALUES = 96 * 96 * 3;
/**
 * A table of a hundred thousand columns previews its first features and its target only, each
 * cell cut short: the preview stays small whatever the file (issue 13, item 14).
 */
const MAX_TABLE_COLUMNS = 200;
const MAX_CELL_CHARS = 100;

const clipCell = (text: string) => (text.length <= MAX_CELL_CHARS ? text : `${text.slice(0, MAX_CELL_CHARS - 1)}…`);
/** Drawn values need no more than 4 digits (a pixel is one of 256 greys), and take a quarter of the bytes. */
const forDrawing = (x: Float32Array) => Array.from(x, (v) => Number(v.toPrecision(4)));

const format = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

/**
 * A table's rows as the network gets them, turned back into words: each feature column's value
 * (a number, or the category whose one-hot position is set) and the target.
 */
function tableRows(source: DataSource, ex: Examples): NonNullable<DataPreview['rows']> {
  const d = source.description;
  const features = d.features ?? [];
  const per = d.inputShape.reduce((p, x) => p * x, 1);
  const n = ex.x.length / per;
  const yw = d.task === 'classification' ? 1 : Math.max(1, d.targetNames?.length ?? 1);
  const columns = [...features.map((f) => f.name), ...(d.target ? [d.target] : (d.targetNames ?? ['target']))];
  const values: string[][] = [];
  for (let i = 0; i < n; i++) {
    const row: string[] = [];
    let at = i * per;
    for (const f of features) {
      if (f.type === 'category') {
        const cats = f.categories ?? [];
        const k = cats.findIndex((_, j) => ex.x[at + j] > 0.5);
        row.push(k >= 0 ? cats[k].name : '');
        at += cats.length;
      } else {
        const w = f.width ?? 1;
        const part = Array.from(ex.x.subarray(at, at + w));
        row.push(part.map((v) => (Number.isNaN(v) ? '' : format(v))).join(' '));
        at += w;
      }
    }
    if (d.task === 'classification') row.push(d.classes?.[ex.y[i]]?.name ?? String(ex.y[i]));
    else for (let t = 0; t < yw; t++) row.push(format(ex.y[i * yw + t]));
    values.push(row.map(clipCell));
  }
  if (columns.length <= MAX_TABLE_COLUMNS) return { columns: columns.map(clipCell), values };
  // The first features and every target (up to a few), so the target column stays in view.
  const targets = Math.min(columns.length - features.length, 20);
  const keep = [
    ...Array.from({ length: MAX_TABLE_COLUMNS - targets }, (_, j) => j),
    ...Array.from({ length: targets }, (_, j) => features.length + j),
  ];
  return { columns: keep.map((j) => clipCell(columns[j])), values: values.map((row) => keep.map((j) => row[j])) };
}

/**
 * What the Train panel shows of the user's data: the description, the first rows of a table, and
 * a few examples to draw — for classes, up to four of each, taken from evenly spaced places in
 * the file (a folder of images lists its classes one after the other).
 */
export async function previewData(source: DataSource): Promise<DataPreview> {
  const d = source.description;
  const kind = dataKind(d);
  const preview: DataPreview = { description: d, kind };
  if (d.examples === 0) return preview;
  try {
    await addExamples(source, preview);
  } catch {
    // Data that cannot be read example by example shows its description and problems only.
  }
  return preview;
}

async function addExamples(source: DataSource, preview: DataPreview): Promise<void> {
  const d = source.description;
  const { kind } = preview;
  const per = d.inputShape.reduce((p, x) => p * x, 1);
  const yw = d.task === 'classification' ? 1 : Math.max(1, d.targetNames?.length ?? 1);
  if (kind === 'table') {
    preview.rows = tableRows(source, await source.readRange(0, Math.min(ROWS, d.examples)));
    return;
  }
  const draw = per <= MAX_VALUES;
  // Pictures within the byte budget (PREVIEW_LIMITS); past it, the examples still say their class.
  let drawable = previewExampleCount(SAMPLES, per, JSON_BYTES_PER_ROUNDED_NUMBER);
  const examples: NonNullable<DataPreview['examples']> = [];
  const taken = new Map<number, number>();
  const count = Math.min(SAMPLES, d.examples);
  for (let s = 0; s < count; s++) {
    const i = Math.floor((s * d.examples) / count);
    const ex = await source.readRange(i, i + 1);
    const y = d.task === 'classification' ? ex.y[0] : Array.from(ex.y.subarray(0, yw));
    if (typeof y === 'number') {
      const have = taken.get(y) ?? 0;
      if (have >= PER_CLASS) continue;
      taken.set(y, have + 1);
    } else if (examples.length >= 8) break;
    examples.push({ ...(draw && drawable-- > 0 ? { x: forDrawing(ex.x) } : {}), y });
  }
  preview.examples = examples;
}
