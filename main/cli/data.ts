import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DataError, openDataSource, type DataDescription, type DataOptions } from '../engine/data';
import { DATA_FILE_FORMATS, type DataFileFormat } from '../../shared/project/schema';

const USAGE =
  'Usage: deepwire data inspect <file or folder> [--target COL] [--features A,B] [--x NAME] [--y NAME] [--hdu N] [--label-hdu N] [--format F] [--image-size HxW] [--json]';

/** `deepwire data inspect --json` output: a public contract (issue 9), keep it exactly this shape. */
export interface DataInspectJson {
  format: DataFileFormat;
  examples: number;
  inputShape: number[];
  task: DataDescription['task'];
  classes: { name: string; count: number }[] | null;
  target: string | null;
  features: { name: string; type: string }[];
  problems: DataDescription['problems'];
}

export function dataInspectJson(d: DataDescription): DataInspectJson {
  return {
    format: d.format,
    examples: d.examples,
    inputShape: d.inputShape,
    task: d.task,
    classes: d.classes ?? null,
    target: d.target ?? null,
    features: (d.features ?? []).map((f) => ({ name: f.name, type: f.type })),
    problems: d.problems,
  };
}

const FORMAT_NAMES: Record<DataFileFormat, string> = {
  csv: 'table',
  images: 'image folder',
  npy: 'NumPy array',
  npz: 'NumPy archive',
  fits: 'FITS file',
  hdf5: 'HDF5 file',
};

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** A number in at most 6 significant digits (whole numbers as they are). */
const short = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

/** What Deepwire reads, for a person: format, size, task, classes, features, problems. */
export function dataInspectText(d: DataDescription): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const out = [`${basename(d.path)}: ${FORMAT_NAMES[d.format]}, ${size(d.bytes)}`];
  out.push(`Examples: ${n(d.examples)}${d.skipped ? ` (${n(d.skipped)} skipped)` : ''}`);
  out.push(`Input shape: ${d.inputShape.join(' × ')}${d.dtype ? `  (stored as ${d.dtype})` : ''}`);
  if (d.range) out.push(`Values: ${short(d.range[0])} … ${short(d.range[1])}`);
  if (d.task === 'classification') {
    out.push(`Task: classification${d.target ? ` of '${d.target}'` : ''} into ${d.classes?.length ?? 0} classes`);
    const width = Math.max(...(d.classes ?? []).map((c) => c.name.length), 0);
    for (const c of d.classes ?? []) out.push(`  ${c.name.padEnd(width)}  ${n(c.count)}`);
  } else if (d.targetNames && d.targetNames.length === 0) {
    out.push('Task: none (no labels found)');
  } else {
    out.push(`Task: regression of ${(d.targetNames ?? [d.target ?? '?']).map((t) => `'${t}'`).join(', ')}`);
  }
  if (d.features) {
    out.push(`Features (${d.features.length} columns → ${n(d.inputShape[0] ?? 0)} inputs):`);
    const width = Math.max(...d.features.map((f) => f.name.length), 0);
    for (const f of d.features) {
      const detail =
        f.type === 'category'
          ? `${f.categories?.length ?? 0} values`
          : f.type === 'number'
            ? `${short(f.min ?? NaN)} … ${short(f.max ?? NaN)}${f.width ? `, ${f.width} per row` : ''}`
            : '';
      out.push(
        `  ${f.name.padEnd(width)}  ${f.type.padEnd(8)}  ${detail}${f.missing ? `  (${n(f.missing)} missing)` : ''}`,
      );
    }
    const used = new Set([...d.features.map((f) => f.name), d.target, d.splitColumn]);
    const left = (d.columns ?? []).filter((c) => !used.has(c.name));
    if (left.length) out.push(`Left out: ${left.map((c) => `${c.name} (${c.type})`).join(', ')}`);
  }
  if (d.problems.length) {
    out.push('', 'Problems:');
    for (const p of d.problems)
      out.push(`  ${p.severity === 'error' ? '✗' : '!'} ${p.message}${p.hint ? `\n      → ${p.hint}` : ''}`);
  }
  return out.join('\n');
}

/** "28x28" or "28,28" as [28, 28]. */
function imageSize(text: string): [number, number] | undefined {
  const m = /^(\d+)\s*[x×,]\s*(\d+)$/i.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const hduOption = (v: string | undefined) => (v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : v);

/**
 * `deepwire data inspect PATH [options] [--json]`: what Deepwire reads in a data file or folder.
 * Exit 0 when it can be read (even with problems, which it lists), 2 when it cannot or the
 * arguments are wrong.
 */
export async function runData(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (sub !== 'inspect') {
    console.error(`deepwire data: ${sub === undefined ? 'say what to do' : `unknown subcommand "${sub}"`}.\n${USAGE}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        features: { type: 'string' },
        x: { type: 'string' },
        y: { type: 'string' },
        hdu: { type: 'string' },
        'label-hdu': { type: 'string' },
        format: { type: 'string' },
        'image-size': { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (err) {
    console.error(`deepwire data inspect: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    console.error(`deepwire data inspect: give exactly one file or folder.\n${USAGE}`);
    return 2;
  }
  const str = (k: string) => values[k] as string | undefined;
  const format = str('format');
  if (format !== undefined && !(DATA_FILE_FORMATS as readonly string[]).includes(format)) {
    console.error(`deepwire data inspect: --format must be one of ${DATA_FILE_FORMATS.join(', ')}, not "${format}".`);
    return 2;
  }
  const size = str('image-size') === undefined ? undefined : imageSize(str('image-size')!);
  if (str('image-size') !== undefined && !size) {
    console.error(
      `deepwire data inspect: --image-size is height x width, for example 64x64, not "${str('image-size')}".`,
    );
    return 2;
  }
  const options: DataOptions = {
    format: format as DataFileFormat | undefined,
    target: str('target'),
    features: str('features')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    x: str('x'),
    y: str('y'),
    hdu: hduOption(str('hdu')),
    labelHdu: hduOption(str('label-hdu')),
    imageSize: size,
  };
  for (const k of Object.keys(options) as (keyof DataOptions)[]) if (options[k] === undefined) delete options[k];
  try {
    const source = await openDataSource(positionals[0], options);
    await source.close();
    console.log(
      values.json ? JSON.stringify(dataInspectJson(source.description)) : dataInspectText(source.description),
    );
    return 0;
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    if (values.json) console.log(JSON.stringify({ error: { code: err.code, message: err.message, hint: err.hint } }));
    console.error(`deepwire: ${err.message}${err.hint ? `\n  → ${err.hint}` : ''}`);
    return 2;
  }
}
