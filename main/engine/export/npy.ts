/**
 * NumPy `.npy` files for `deepwire predict`: read what users have (float32/64, int8–64, uint8–32,
 * bool; C order; any format version) as float32, and write float32. Fortran-order and big-endian
 * arrays are refused with a message saying how to fix them, not read wrongly.
 */

export interface NpyFloat32 {
  shape: number[];
  values: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Thrown for a file that is not a .npy Deepwire can read; the message says why and what to do. */
export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

type Reader = (view: DataView, offset: number) => number;
const READERS: Record<string, { size: number; read: Reader }> = {
  f4: { size: 4, read: (v, o) => v.getFloat32(o, true) },
  f8: { size: 8, read: (v, o) => v.getFloat64(o, true) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => v.getUint8(o) },
  i2: { size: 2, read: (v, o) => v.getInt16(o, true) },
  u2: { size: 2, read: (v, o) => v.getUint16(o, true) },
  i4: { size: 4, read: (v, o) => v.getInt32(o, true) },
  u4: { size: 4, read: (v, o) => v.getUint32(o, true) },
  i8: { size: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  u8: { size: 8, read: (v, o) => Number(v.getBigUint64(o, true)) },
};

/** Parses a .npy file into float32 values (C order) and its shape. */
export function readNpy(bytes: Uint8Array): NpyFloat32 {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new NpyError('This is not a NumPy .npy file (it does not start with "\\x93NUMPY"). Save it with numpy.save.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new NpyError(`The .npy header cannot be read: ${header.trim()}`);
  if (fortran === 'True')
    throw new NpyError('The array is stored in Fortran order. Save numpy.ascontiguousarray(x) instead.');
  const order = descr[0];
  const kind = descr.slice(1);
  if (order === '>' && kind !== 'i1' && kind !== 'u1' && kind !== 'b1')
    throw new NpyError(`The array is big-endian (${descr}). Save x.astype("<f4") instead.`);
  const reader = READERS[kind];
  if (!reader)
    throw new NpyError(`Arrays of type ${descr} cannot be used as network input. Save x.astype("float32") instead.`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const count = shape.reduce((p, d) => p * d, 1);
  const dataStart = start + headerLength;
  if (bytes.length - dataStart < count * reader.size)
    throw new NpyError(
      `The file is cut short: shape (${shape.join(', ')}) needs ${count * reader.size} bytes of data.`,
    );
  const values = new Float32Array(count);
  if (kind === 'f4' && (bytes.byteOffset + dataStart) % 4 === 0) {
    values.set(new Float32Array(bytes.buffer, bytes.byteOffset + dataStart, count));
  } else {
    for (let i = 0; i < count; i++) values[i] = reader.read(view, dataStart + i * reader.size);
  }
  return { shape, values };
}

/** A float32 array as a .npy file (format version 1.0, C order, little-endian). */
export function writeNpy({ shape, values }: NpyFloat32): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // magic + version + length (10 bytes) + header padded with spaces to a multiple of 64, ending in \n.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 11, ' ') + '\n';
  const out = new Uint8Array(total + values.byteLength);
  out.set([...MAGIC, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), total);
  return out;
}
