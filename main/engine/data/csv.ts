import { basename, extname } from 'node:path';
import { fileBytes, type ByteSource } from './byteSource';
import { CsvScanner, detectDelimiter } from './csvScan';
import { DataError } from './errors';
import { ColumnTally, isMissingText, typeColumn } from './tableColumns';
import { missingTargetProblem, planTable, rowOfExample, tableDescription, type TablePlan } from './tablePlan';
import type { DataProblem, DataSource, Examples, DataOptions, OpenDataOptions } from './types';

/** Good rows between two entries of the sparse offset index. */
const INDEX_EVERY = 256;
const CHUNK = 1 << 20;
const TEXT_TARGETS = 1_000_000;
/** 1,5 and 1.234,5: decimal commas, as spreadsheets in much of Europe write numbers. */
const DECIMAL_COMMA = /^\s*[-+]?\d{1,3}(\.\d{3})*,\d+\s*$|^\s*[-+]?\d+,\d+\s*$/;

/**
 * Numbers with a decimal comma as JavaScript reads them (1.5). Only in semicolon- and
 * tab-separated files: in a comma-separated one "1,5" is more likely two values or text.
 */
const usesDecimalComma = (delimiter: string) => delimiter === ';' || delimiter === '\t';

function readDecimalCommas(fields: string[]): void {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f.includes(',') && DECIMAL_COMMA.test(f)) fields[i] = f.replaceAll('.', '').replace(',', '.');
  }
}

/** Where good rows start in the file, every INDEX_EVERY rows; which good rows are no example. */
interface RowIndex {
  offsets: number[];
  /** Good-row ordinals (sorted) left out for lack of a target. */
  skipped: number[];
}

/**
 * Open a CSV, TSV or semicolon-separated table. One streaming pass types every column and keeps a
 * sparse index of byte offsets (every 256 rows), so `readRange` seeks close to its first row and
 * streams only the rows it needs. Ragged rows and rows without a target are no examples.
 */
export async function openCsv(path: string, options: DataOptions, _open?: OpenDataOptions): Promise<DataSource> {
  const file = basename(path);
  const bytes = await fileBytes(path);
  try {
    return await describeCsv(path, file, bytes, options);
  } catch (e) {
    await bytes.close();
    throw e;
  }
}

async function describeCsv(path: string, file: string, bytes: ByteSource, options: DataOptions): Promise<DataSource> {
  if (bytes.size === 0)
    throw new DataError(
      'empty-file',
      `${file} is empty (0 bytes).`,
      'Pick the file that holds the table, or save it again.',
    );
  const head = await bytes.read(0, 64 * 1024);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const ext = extname(path).toLowerCase();
  const delimiter = ext === '.tsv' || ext === '.tab' ? '\t' : detectDelimiter(head.subarray(bom));
  const decimalComma = usesDecimalComma(delimiter);
  const where = (line: number) => `${file}, line ${line}`;
  const problems: DataProblem[] = [];

  let header: string[] | undefined;
  let tallies: ColumnTally[] = [];
  let targetAt = -1;
  const index: RowIndex = { offsets: [], skipped: [] };
  const noTarget: number[] = [];
  const textTarget: number[] = [];
  const ragged: number[] = [];
  let raggedCount = 0;
  let goodRows = 0;
  const size = options.size ?? Infinity;
  const onRecord = (fields: string[], offset: number, line: number) => {
    if (!header) {
      header = uniqueNames(fields);
      tallies = header.map((h) => new ColumnTally(h));
      targetAt = options.target !== undefined ? header.indexOf(options.target) : header.length - 1;
      if (options.target === undefined && options.splitColumn === header[targetAt]) targetAt--;
      return;
    }
    if (!fitsHeader(fields, header.length)) {
      raggedCount++;
      if (ragged.length < 3) ragged.push(line, fields.length);
      return;
    }
    if (goodRows % INDEX_EVERY === 0) index.offsets.push(offset);
    if (decimalComma) readDecimalCommas(fields);
    for (let c = 0; c < tallies.length; c++) tallies[c].add(fields[c], line);
    if (targetAt >= 0) {
      const t = fields[targetAt];
      if (isMissingText(t)) noTarget.push(goodRows);
      // Rows whose target is text are left out if the target turns out to hold numbers; a column
      // of numbers has at most one cell in ten of text, so past TEXT_TARGETS it holds classes.
      else if (!Number.isFinite(Number(t)) && textTarget.length <= TEXT_TARGETS) textTarget.push(goodRows);
    }
    goodRows++;
    // With `size`, stop once surely `size` rows have a target.
    return goodRows - noTarget.length - (textTarget.length > TEXT_TARGETS ? 0 : textTarget.length) < size;
  };
  const scanner = new CsvScanner(delimiter.charCodeAt(0), bom);
  for (let at = bom; at < bytes.size; at += CHUNK) {
    if (!scanner.push(await bytes.read(at, CHUNK), onRecord)) break;
    if (at + CHUNK >= bytes.size) scanner.end(onRecord);
  }
  if (!header || header.every((h, i) => h === `column ${i + 1}`)) {
    throw new DataError(
      'empty-file',
      `${file} holds no table (no header line).`,
      'Pick the file that holds the table, or save it again.',
    );
  }
  if (raggedCount > 0) problems.push(raggedProblem(raggedCount, goodRows, header.length, ragged, where));
  if (goodRows === 0) {
    problems.push({
      severity: 'error',
      code: 'no-rows',
      message: `${file} has a header but no rows of data.`,
      where: file,
      hint: 'Add rows below the header line.',
    });
  }

  const columns = tallies.map(typeColumn);
  const plan = planTable(columns, options, where, file, problems);
  // A number target leaves out the rows whose target is text (they were counted as missing).
  index.skipped = plan.task === 'regression' ? mergeSorted(noTarget, textTarget) : noTarget;
  if (plan.task === 'regression' && textTarget.length > TEXT_TARGETS) {
    problems.push({
      severity: 'error',
      code: 'text-in-number-column',
      message: `More than ${TEXT_TARGETS} rows have text in the number column '${plan.target.info.name}': too many to leave out.`,
      where: file,
      hint: 'Correct the cells, or pick another target.',
    });
  }
  if (noTarget.length > 0)
    problems.push(missingTargetProblem(plan, noTarget.length, where(plan.target.tally.firstMissingRow)));
  const examples = Math.min(size, goodRows - index.skipped.length);
  const source: DataSource = {
    description: tableDescription(plan, columns, {
      format: 'csv',
      path,
      bytes: bytes.size,
      examples,
      splitColumn: options.splitColumn,
      problems,
    }),
    readRange: (start, end) =>
      readRows(bytes, delimiter, header!.length, index, plan, Math.max(0, start), Math.min(end, examples)),
    close: () => bytes.close(),
  };
  return source;
}

/** A row fits the header when it has as many fields, not counting empty ones at the end. */
function fitsHeader(fields: string[], columns: number): boolean {
  if (fields.length === columns) return true;
  if (fields.length < columns) return false;
  for (let i = columns; i < fields.length; i++) if (fields[i].trim() !== '') return false;
  return true;
}

/** Header names made usable: blanks named by position, repeats numbered. */
function uniqueNames(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((f, i) => {
    const name = f.trim() || `column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

function raggedProblem(
  count: number,
  good: number,
  columns: number,
  first: number[],
  where: (line: number) => string,
): DataProblem {
  const lines = [];
  for (let i = 0; i < first.length; i += 2) lines.push(`line ${first[i]} has ${first[i + 1]}`);
  return {
    severity: count > good ? 'error' : 'warning',
    code: 'ragged-row',
    message: `${count} ${count === 1 ? 'row does' : 'rows do'} not have the ${columns} values the header names (${lines.join(', ')}): ${count === 1 ? 'it is' : 'they are'} left out.`,
    where: where(first[0]),
    hint: 'Look for a missing or extra separator, or a value with a separator in it that is not in quotes.',
  };
}

function mergeSorted(a: number[], b: number[]): number[] {
  return [...a, ...b].sort((p, q) => p - q);
}

async function readRows(
  bytes: ByteSource,
  delimiter: string,
  columns: number,
  index: RowIndex,
  plan: TablePlan,
  start: number,
  end: number,
): Promise<Examples> {
  const n = Math.max(0, end - start);
  const x = new Float32Array(n * plan.inputWidth);
  const y = new Float32Array(n * plan.targetWidth);
  const split: Examples['split'] = plan.splitIndex !== undefined ? [] : undefined;
  if (n === 0) return { x, y, split };
  const { row: firstRow, next } = rowOfExample(index.skipped, start);
  const entry = Math.floor(firstRow / INDEX_EVERY);
  let row = entry * INDEX_EVERY;
  let skip = next;
  let got = 0;
  const scanner = new CsvScanner(delimiter.charCodeAt(0), index.offsets[entry]);
  const onRecord = (fields: string[]) => {
    if (!fitsHeader(fields, columns)) return;
    const r = row++;
    if (usesDecimalComma(delimiter)) readDecimalCommas(fields);
    if (r < firstRow) return;
    if (skip < index.skipped.length && index.skipped[skip] === r) {
      skip++;
      return;
    }
    if (!plan.targetOf(fields[plan.targetIndex], y, got * plan.targetWidth))
      throw new Error(`row ${r} lost its target between reads`);
    plan.encode(fields, x, got * plan.inputWidth);
    if (split) split.push(plan.splitOf(fields[plan.splitIndex!]));
    return ++got < n;
  };
  for (let at = index.offsets[entry]; got < n && at < bytes.size; at += CHUNK) {
    if (!scanner.push(await bytes.read(at, CHUNK), onRecord)) break;
    if (at + CHUNK >= bytes.size) scanner.end(onRecord);
  }
  if (got < n)
    throw new DataError(
      'truncated',
      `The table ended after ${start + got} of ${end} examples: the file changed since it was opened.`,
      'Open the data again.',
    );
  return { x, y, split };
}
