import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { arraySource } from './arraySource';
import { readLabels, type Labels } from './arrays';
import { fileBytes, memoryBytes, type ByteSource } from './byteSource';
import { DataError } from './errors';
import { checkComplete, hduName, imageArray, num, readHdus, type Hdu } from './fitsHdu';
import { columnArray, columnWhere, readCell, tableColumns, tableRows, type FitsColumn } from './fitsTable';
import { ColumnTally, isMissingText, typeColumn, type Cell } from './tableColumns';
import { missingTargetProblem, planTable, rowOfExample, tableDescription } from './tablePlan';
import type { DataOptions, DataProblem, DataSource, Examples, OpenDataOptions } from './types';

/** The bytes of a FITS file: read by range from disk, or gunzipped into memory for `.gz`. */
async function fitsBytes(path: string, where: string): Promise<ByteSource> {
  if (!/\.gz$/i.test(path)) return fileBytes(path);
  try {
    return memoryBytes(gunzipSync(await readFile(path)));
  } catch (e) {
    const cut = /unexpected end/i.test(String((e as Error).message));
    throw new DataError(
      cut ? 'truncated' : 'bad-header',
      cut ? `${where} is cut off: the gzip data ends early.` : `${where} is not a gzip file.`,
      cut
        ? 'The file was probably not copied completely; copy it again.'
        : 'Rename it without .gz if it is not compressed.',
    );
  }
}

/** An HDU chosen by number or EXTNAME (case-insensitive; "2" is HDU 2). */
function findHdu(hdus: Hdu[], wanted: number | string, where: string, role: string): Hdu {
  const asNumber = typeof wanted === 'number' ? wanted : /^\d+$/.test(wanted) ? Number(wanted) : undefined;
  const h =
    asNumber !== undefined ? hdus[asNumber] : hdus.find((x) => x.name?.toLowerCase() === String(wanted).toLowerCase());
  if (!h) {
    throw new DataError(
      'no-such-array',
      `${where} has no HDU ${JSON.stringify(wanted)} (asked for as the ${role}).`,
      `Its HDUs are: ${hdus.map(describeHdu).join('; ')}.`,
    );
  }
  return h;
}

function describeHdu(h: Hdu): string {
  const naxis = num(h.cards, 'NAXIS');
  if (h.kind === 'BINTABLE') return `${hduName(h)} table of ${num(h.cards, 'NAXIS2')} rows`;
  if (naxis === 0) return `${hduName(h)} no data`;
  const dims = Array.from({ length: naxis }, (_, k) => num(h.cards, `NAXIS${naxis - k}`)).join('×');
  return `${hduName(h)} ${h.kind === 'PRIMARY' ? 'image' : h.kind.toLowerCase()} ${dims}`;
}

const hasData = (h: Hdu) => h.dataBytes > 0 && (h.kind === 'PRIMARY' || h.kind === 'IMAGE' || h.kind === 'BINTABLE');

/**
 * Open a FITS file (`.fits`, `.fit`, `.fts`, gzipped too). The HDU is `options.hdu` (number or
 * EXTNAME), by default the first with data. An image HDU is an array of examples (a cube of
 * N cut-outs: N examples, channels-last), labelled by a column (`target`) of a table HDU
 * (`labelHdu`, by default the first table with one row per example). A binary table is a table
 * with the same column choices as a CSV file.
 */
export async function openFits(path: string, options: DataOptions, open?: OpenDataOptions): Promise<DataSource> {
  const where = basename(path);
  const bytes = await fitsBytes(path, where);
  try {
    const hdus = await readHdus(bytes, where);
    const h = options.hdu !== undefined ? findHdu(hdus, options.hdu, where, 'data') : hdus.find(hasData);
    if (!h || !hasData(h)) {
      throw new DataError(
        'no-such-array',
        `${where} holds no image or binary table with data${h ? ` in ${hduName(h)}` : ''}.`,
        `Its HDUs are: ${hdus.map(describeHdu).join('; ')}.`,
      );
    }
    checkComplete(h, where);
    const problems: DataProblem[] = [];
    if (h.kind === 'BINTABLE') return await tableSource(bytes, h, path, options, problems);
    const x = imageArray(bytes, h, where);
    const { labels, target } = await imageLabels(bytes, hdus, h, x.shape[0] ?? 0, options, where, problems);
    return await arraySource({
      format: 'fits',
      path,
      bytes: bytes.size,
      x,
      labels,
      target,
      size: options.size,
      open,
      problems,
      close: () => bytes.close(),
    });
  } catch (e) {
    await bytes.close();
    throw e;
  }
}

async function imageLabels(
  bytes: ByteSource,
  hdus: Hdu[],
  image: Hdu,
  examples: number,
  options: DataOptions,
  where: string,
  problems: DataProblem[],
) {
  const tables = hdus.filter((t) => t.kind === 'BINTABLE' && t !== image);
  let table: Hdu | undefined;
  if (options.labelHdu !== undefined) table = findHdu(hdus, options.labelHdu, where, 'labels');
  else if (options.target !== undefined)
    table = tables.find((t) => tableColumns(t).some((c) => c.name === options.target));
  else table = tables.find((t) => num(t.cards, 'NAXIS2') === examples);
  if (!table) {
    if (options.target !== undefined)
      throw new DataError(
        'no-such-column',
        `${where} has no table with a column '${options.target}' for the labels.`,
        `Its HDUs are: ${hdus.map(describeHdu).join('; ')}.`,
      );
    return { labels: undefined, target: undefined };
  }
  if (table.kind !== 'BINTABLE')
    throw new DataError(
      'unsupported',
      `${where}: ${hduName(table)} is not a binary table, so it holds no label column.`,
      'Name the binary table that holds the labels (labelHdu).',
    );
  checkComplete(table, where);
  const columns = tableColumns(table).filter((c) => c.readable);
  const column =
    options.target !== undefined ? columns.find((c) => c.name === options.target) : columns[columns.length - 1];
  if (!column) {
    throw new DataError(
      'no-such-column',
      `${hduName(table)} of ${where} has no column '${options.target}'.`,
      `Its columns are: ${columns.map((c) => c.name).join(', ')}.`,
    );
  }
  const labels: Labels = await readLabels(columnArray(bytes, table, column), `${where}, ${hduName(table)}`, problems);
  return { labels, target: column.name };
}

/** A binary table as a table: columns typed in one pass, rows without a target left out. */
async function tableSource(
  bytes: ByteSource,
  h: Hdu,
  path: string,
  options: DataOptions,
  problems: DataProblem[],
): Promise<DataSource> {
  const file = basename(path);
  const where = columnWhere(h, file);
  const all = tableColumns(h);
  const skippedColumns = all.filter((c) => !c.readable);
  if (skippedColumns.length > 0) {
    problems.push({
      severity: 'warning',
      code: 'unsupported-column',
      message: `${skippedColumns.length === 1 ? 'Column' : 'Columns'} ${skippedColumns.map((c) => `'${c.name}'`).join(', ')} of ${hduName(h)} (bits, complex numbers or variable-length arrays) ${skippedColumns.length === 1 ? 'is' : 'are'} not read.`,
      where: `${file}, ${hduName(h)}`,
    });
  }
  const columns: FitsColumn[] = all.filter((c) => c.readable);
  const rows = num(h.cards, 'NAXIS2');
  const tallies = columns.map((c) => new ColumnTally(c.name));
  const targetAt =
    options.target !== undefined
      ? columns.findIndex((c) => c.name === options.target)
      : columns.length - 1 - (columns[columns.length - 1]?.name === options.splitColumn ? 1 : 0);
  const noTarget: number[] = [];
  const cellsOf = (row: Buffer): Cell[] => columns.map((c) => readCell(row, c));
  let r = 0;
  for await (const row of tableRows(bytes, h, 0, rows)) {
    const cells = cellsOf(row);
    for (let c = 0; c < cells.length; c++) tallies[c].add(cells[c], r);
    if (targetAt >= 0 && missing(cells[targetAt])) noTarget.push(r);
    r++;
  }
  const typed = tallies.map(typeColumn);
  const plan = planTable(typed, options, where, `${file}, ${hduName(h)}`, problems);
  if (noTarget.length > 0) problems.push(missingTargetProblem(plan, noTarget.length, where(noTarget[0])));
  const examples = Math.min(options.size ?? Infinity, rows - noTarget.length);
  if (rows === 0)
    problems.push({
      severity: 'error',
      code: 'no-rows',
      message: `${hduName(h)} of ${file} is a table without rows.`,
      where: file,
    });
  return {
    description: tableDescription(plan, typed, {
      format: 'fits',
      path,
      bytes: bytes.size,
      examples,
      splitColumn: options.splitColumn,
      problems,
    }),
    async readRange(start, end): Promise<Examples> {
      start = Math.max(0, start);
      end = Math.min(end, examples);
      const n = Math.max(0, end - start);
      const x = new Float32Array(n * plan.inputWidth);
      const y = new Float32Array(n * plan.targetWidth);
      const split: Examples['split'] = plan.splitIndex !== undefined ? [] : undefined;
      if (n === 0) return { x, y, split };
      const { row: first, next } = rowOfExample(noTarget, start);
      let skip = next;
      let got = 0;
      let row = first;
      for await (const buf of tableRows(bytes, h, first, rows)) {
        if (skip < noTarget.length && noTarget[skip] === row++) {
          skip++;
          continue;
        }
        const cells = cellsOf(buf);
        plan.targetOf(cells[plan.targetIndex], y, got * plan.targetWidth);
        plan.encode(cells, x, got * plan.inputWidth);
        if (split) split.push(plan.splitOf(cells[plan.splitIndex!]));
        if (++got === n) break;
      }
      return { x, y, split };
    },
    close: () => bytes.close(),
  };
}

function missing(cell: Cell): boolean {
  if (cell === null) return true;
  if (typeof cell === 'string') return isMissingText(cell);
  if (typeof cell === 'number') return !Number.isFinite(cell);
  for (let i = 0; i < cell.length; i++) if (!Number.isFinite(cell[i])) return true;
  return false;
}
