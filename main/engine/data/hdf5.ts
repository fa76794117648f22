import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import h5wasm from 'h5wasm/node';
import { arraySource } from './arraySource';
import { readLabels, type ArrayReader, type Labels } from './arrays';
import { DataError } from './errors';
import type { DataOptions, DataProblem, DataSource, OpenDataOptions } from './types';

type H5File = InstanceType<typeof h5wasm.File>;
type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

let ready: Promise<unknown> | undefined;
/** h5wasm, loaded once, with HDF5's errors thrown (by default the library prints them and goes on). */
function loadH5wasm() {
  ready ??= h5wasm.ready.then((m) => {
    (m as unknown as { activate_throwing_error_handler(): void }).activate_throwing_error_handler();
    return m;
  });
  return ready;
}

/** Every dataset in the file with its shape and type, for messages that say what there is. */
function listDatasets(f: H5File): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    const g = f.get(path) as unknown as { keys(): string[] };
    for (const k of g.keys()) {
      const p = path === '/' ? `/${k}` : `${path}/${k}`;
      const e = f.get(p);
      if (e instanceof h5wasm.Dataset) out.push(`${p} (${(e.shape ?? []).join('×') || 'one value'}, ${typeName(e)})`);
      else if (e instanceof h5wasm.Group) walk(p);
    }
  };
  walk('/');
  return out;
}

function typeName(d: H5Dataset): string {
  const m = d.metadata;
  const bits = m.size * 8;
  if (m.type === 0) return `${m.signed ? 'int' : 'uint'}${bits}`;
  if (m.type === 1) return `float${bits}`;
  if (m.type === 3) return 'text';
  return String(d.dtype);
}

/** An HDF5 dataset as an {@link ArrayReader}: rows read with `dataset.slice`, converted to float32. */
function datasetArray(d: H5Dataset, name: string): ArrayReader {
  const shape = d.shape ?? [];
  const m = d.metadata;
  const reader: ArrayReader = {
    name,
    shape: shape.length ? shape : [1],
    dtype: typeName(d),
    whole: m.type === 0 || m.type === 8,
    async read(start, end) {
      let v: unknown;
      try {
        v = d.slice([[start, end]]);
      } catch (e) {
        // HDF5 finds a damaged or missing chunk only when it reads it.
        throw new DataError(
          'truncated',
          `${name}: examples ${start}–${end - 1} cannot be read (${String((e as Error)?.message ?? e).split('\n')[0]}).`,
          'The file is probably cut off or damaged; write or copy it again.',
        );
      }
      if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float32Array.from(v, Number);
      if (ArrayBuffer.isView(v)) return new Float32Array(v as unknown as ArrayLike<number>);
      if (Array.isArray(v)) return Float32Array.from(v.flat(Infinity) as number[], Number);
      throw new DataError(
        'unsupported',
        `${name} holds values of type ${String(d.dtype)}, which Deepwire does not read.`,
        'Store x and y as arrays of numbers.',
      );
    },
  };
  if (m.type === 3) reader.strings = async () => (d.value as string[]).map(String);
  return reader;
}

/**
 * Open an HDF5 file with h5wasm: x and y are datasets named by path (default 'x' and 'y'), read
 * slice by slice along their first axis, so a file larger than memory stays on disk.
 */
export async function openHdf5(path: string, options: DataOptions, open?: OpenDataOptions): Promise<DataSource> {
  await loadH5wasm();
  const where = basename(path);
  let f: H5File;
  try {
    f = new h5wasm.File(path, 'r');
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/truncated|eof|end of file/i.test(msg)) {
      throw new DataError(
        'truncated',
        `${where} is cut off: HDF5 finds less data than the file says it holds.`,
        'The file was probably not written or copied completely; save or copy it again.',
      );
    }
    throw new DataError(
      'bad-header',
      `${where} is not an HDF5 file Deepwire can open.`,
      'Save the data with h5py (or another HDF5 library), or pick the right file.',
    );
  }
  try {
    const get = (name: string) => {
      const e = f.get(name);
      return e instanceof h5wasm.Dataset ? e : undefined;
    };
    type Found = [string, H5Dataset | undefined] | undefined;
    const find = (names: string[]): Found => names.map((n): Found => [n, get(n)]).find((p) => p?.[1]);
    const list = () => `Its datasets are: ${listDatasets(f).join('; ') || 'none'}.`;
    const xFound: Found = options.x !== undefined ? [options.x, get(options.x)] : find(['x', 'X']);
    if (!xFound || !xFound[1]) {
      const what = options.x !== undefined ? `no dataset '${options.x}'` : "no dataset named 'x'";
      throw new DataError(
        'no-such-array',
        `${where} has ${what} to read the examples from.`,
        `${list()} Name the examples' dataset as x (deepwire data inspect --x PATH).`,
      );
    }
    const problems: DataProblem[] = [];
    const x = datasetArray(xFound[1], xFound[0]);
    let labels: Labels | undefined;
    let target: string | undefined;
    const yFound: Found = options.y !== undefined ? [options.y, get(options.y)] : find(['y', 'Y', 'labels']);
    if (options.y !== undefined && !yFound?.[1])
      throw new DataError('no-such-array', `${where} has no dataset '${options.y}' for the labels.`, list());
    if (yFound?.[1]) {
      target = yFound[0];
      labels = await readLabels(datasetArray(yFound[1], target), where, problems);
    }
    const bytes = (await stat(path)).size;
    return await arraySource({
      format: 'hdf5',
      path,
      bytes,
      x,
      labels,
      target,
      size: options.size,
      open,
      problems,
      close: async () => void f.close(),
    });
  } catch (e) {
    f.close();
    if (e instanceof DataError) throw e;
    const msg = String((e as Error)?.message ?? e);
    if (/truncated|eof|end of file|addr overflow/i.test(msg)) {
      throw new DataError(
        'truncated',
        `${where} is cut off: part of its data is missing.`,
        'The file was probably not written or copied completely; save or copy it again.',
      );
    }
    throw e;
  }
}
