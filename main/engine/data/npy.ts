import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { arraySource } from './arraySource';
import { exampleSize, readLabels, type ArrayReader, type Labels } from './arrays';
import { fileBytes, type ByteSource } from './byteSource';
import { DataError } from './errors';
import { decodeNumbers, isWhole, parseNumpyDtype, type NumericType } from './numeric';
import type { DataProblem, DataSource, DataOptions, OpenDataOptions } from './types';

/** A parsed `.npy` header: where the values start and how they are laid out. */
export interface NpyHeader {
  descr: string;
  /** Numbers; undefined for text ('U', 'S'). */
  type?: NumericType;
  /** Text: bytes per value and how characters are stored. */
  text?: { size: number; utf32: boolean; littleEndian: boolean };
  fortran: boolean;
  shape: number[];
  dataOffset: number;
  itemSize: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * Parse the header of a `.npy` array (format versions 1–3): the dtype, C or Fortran order and the
 * shape. Throws a {@link DataError} for anything that is not a plain array of numbers or text, and
 * for a file shorter than its header says.
 */
export async function readNpyHeader(bytes: ByteSource, where: string): Promise<NpyHeader> {
  const head = await bytes.read(0, 12);
  if (head.length < 10 || MAGIC.some((b, i) => head[i] !== b)) {
    throw new DataError(
      'bad-header',
      `${where} is not a NumPy .npy file (it does not start with \\x93NUMPY).`,
      'Save the array with numpy.save.',
    );
  }
  const major = head[6];
  const dv = new DataView(head.buffer, head.byteOffset, head.length);
  const long = major >= 2;
  const headerLength = long ? dv.getUint32(8, true) : dv.getUint16(8, true);
  const start = long ? 12 : 10;
  const text = Buffer.from(await bytes.read(start, headerLength)).toString(major >= 3 ? 'utf8' : 'latin1');
  if (text.length < headerLength) throw truncated(where);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*True/.test(text);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || shapeText === undefined) {
    const what = /'descr'\s*:\s*\[/.test(text) ? 'a record (structured) array' : 'an array Deepwire cannot read';
    throw new DataError(
      'unsupported',
      `${where} holds ${what}.`,
      'Save plain arrays of numbers: one for x and one for y.',
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const header: NpyHeader = { descr, fortran, shape, dataOffset: start + headerLength, itemSize: 0 };
  const type = parseNumpyDtype(descr);
  const t = /^([<>|=]?)([US])(\d+)$/.exec(descr);
  if (type) {
    header.type = type;
    header.itemSize = type.size;
  } else if (t) {
    const utf32 = t[2] === 'U';
    header.text = { size: Number(t[3]), utf32, littleEndian: t[1] !== '>' };
    header.itemSize = Number(t[3]) * (utf32 ? 4 : 1);
  } else {
    const why = descr.includes('O')
      ? 'Python objects (saved with pickle)'
      : descr.includes('c')
        ? 'complex numbers'
        : `values of type ${descr}`;
    throw new DataError(
      'unsupported',
      `${where} holds ${why}, which Deepwire does not read.`,
      'Save arrays of plain numbers (integers or floats), for example with x.astype("float32").',
    );
  }
  const need = header.dataOffset + shape.reduce((a, b) => a * b, 1) * header.itemSize;
  if (bytes.size < need) throw truncated(where, need, bytes.size);
  return header;
}

const truncated = (where: string, need?: number, have?: number) =>
  new DataError(
    'truncated',
    `${where} is cut off${need ? `: its header promises ${need} bytes but it has ${have}` : ''}.`,
    'The file was probably not written or copied completely; save or copy it again.',
  );

/**
 * An {@link ArrayReader} over a `.npy` array that reads only the rows asked for: one range read
 * for C order; for Fortran order (examples vary fastest) one run of examples per value position.
 */
export function npyArray(bytes: ByteSource, h: NpyHeader, name: string): ArrayReader {
  const n = h.shape[0] ?? 1;
  const shape = h.shape.length === 0 ? [1] : h.shape;
  const width = exampleSize(shape);
  const reader: ArrayReader = {
    name,
    shape,
    dtype: h.descr,
    whole: h.type ? isWhole(h.type) : false,
    async read(start, end) {
      const count = end - start;
      const out = new Float32Array(count * width);
      if (!h.type)
        throw new DataError('unsupported', `${name} holds text, not numbers.`, 'Use an array of numbers for x.');
      if (!h.fortran || shape.length === 1) {
        const raw = await bytes.read(h.dataOffset + start * width * h.itemSize, count * width * h.itemSize);
        decodeNumbers(raw, h.type, count * width, out);
        return out;
      }
      const cIndex = fortranToC(shape.slice(1));
      const run = new Float32Array(count);
      for (let f = 0; f < width; f++) {
        const raw = await bytes.read(h.dataOffset + (f * n + start) * h.itemSize, count * h.itemSize);
        decodeNumbers(raw, h.type, count, run);
        const c = cIndex[f];
        for (let i = 0; i < count; i++) out[i * width + c] = run[i];
      }
      return out;
    },
  };
  if (h.text) {
    const text = h.text;
    reader.strings = async () => {
      const raw = Buffer.from(await bytes.read(h.dataOffset, n * h.itemSize));
      return Array.from({ length: n }, (_, i) => decodeText(raw.subarray(i * h.itemSize, (i + 1) * h.itemSize), text));
    };
  }
  return reader;
}

/** For each position of an example in Fortran order (first axis fastest), its position in C order. */
function fortranToC(dims: number[]): Int32Array {
  const size = exampleSize([0, ...dims]);
  const out = new Int32Array(size);
  const idx = new Array<number>(dims.length).fill(0);
  for (let f = 0; f < size; f++) {
    let c = 0;
    for (let k = 0; k < dims.length; k++) c = c * dims[k] + idx[k];
    out[f] = c;
    for (let k = 0; k < dims.length; k++) {
      if (++idx[k] < dims[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}

function decodeText(raw: Buffer, t: NonNullable<NpyHeader['text']>): string {
  let s = '';
  if (t.utf32) {
    for (let i = 0; i + 4 <= raw.length; i += 4) {
      const cp = t.littleEndian ? raw.readUInt32LE(i) : raw.readUInt32BE(i);
      if (cp === 0) break;
      s += String.fromCodePoint(cp);
    }
  } else {
    const end = raw.indexOf(0);
    s = raw.toString('utf8', 0, end < 0 ? raw.length : end);
  }
  return s;
}

/** The labels file for `x.npy` when none is named: y.npy, y_train.npy for x_train.npy, labels.npy for images.npy. */
export function siblingLabels(path: string): string | undefined {
  const name = basename(path);
  const candidates = [
    name.replace(/(^|[_\-.])x(?=[_\-.])/, '$1y'),
    name.replace(/(^|[_\-.])X(?=[_\-.])/, '$1Y'),
    name.replace(/(^|[_\-.])X(?=[_\-.])/, '$1y'),
    name.replace(/^images/, 'labels'),
    name.replace(/^data/, 'labels'),
  ];
  return candidates
    .filter((c) => c !== name)
    .map((c) => resolve(dirname(path), c))
    .find((p) => existsSync(p));
}

/** Open `x.npy` (and its labels: `options.y`, relative to it, or a sibling found by name). */
export async function openNpy(path: string, options: DataOptions, open?: OpenDataOptions): Promise<DataSource> {
  const problems: DataProblem[] = [];
  const xBytes = await fileBytes(path);
  const sources: ByteSource[] = [xBytes];
  const close = async () => void (await Promise.all(sources.map((s) => s.close())));
  try {
    const x = npyArray(xBytes, await readNpyHeader(xBytes, basename(path)), basename(path));
    const yPath = options.y !== undefined ? resolve(dirname(path), options.y) : siblingLabels(path);
    let labels: Labels | undefined;
    let bytes = xBytes.size;
    if (yPath !== undefined) {
      if (!existsSync(yPath)) {
        throw new DataError(
          'not-found',
          `The labels file ${options.y} was not found beside ${basename(path)}.`,
          'Give the y option as a path relative to the x file.',
        );
      }
      const yBytes = await fileBytes(yPath);
      sources.push(yBytes);
      bytes += yBytes.size;
      const y = npyArray(yBytes, await readNpyHeader(yBytes, basename(yPath)), basename(yPath));
      labels = await readLabels(y, basename(yPath), problems);
    }
    const target = yPath ? basename(yPath) : undefined;
    return await arraySource({
      format: 'npy',
      path,
      bytes,
      x,
      labels,
      target,
      size: options.size,
      open,
      problems,
      close,
    });
  } catch (e) {
    await close();
    throw e;
  }
}
