import { zipSync } from 'fflate';

/**
 * NumPy's .npy (format version 1.0) and .npz (a zip of .npy files) for the data and check batches
 * the exports ship: float32 or int32 arrays, C order, little-endian.
 */

export interface NpyArray {
  shape: number[];
  values: Float32Array | Int32Array;
}

/** One array as a .npy file. */
export function encodeNpy({ shape, values }: NpyArray): Uint8Array {
  const descr = values instanceof Int32Array ? '<i4' : '<f4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // magic (6) + version (2) + header length (2) + header, padded with spaces to 64 bytes and ending in \n.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + values.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), total);
  return out;
}

/** Several arrays as an .npz (what numpy.savez writes: `<name>.npy` members of a zip). */
export function encodeNpz(arrays: Record<string, NpyArray>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpy(a);
  // Stored uncompressed, like numpy.savez: data of floats hardly compresses and loads faster.
  return zipSync(files, { level: 0 });
}

/** Reads a little-endian float32 / float64 / int32 .npy written by NumPy or {@link encodeNpy}. */
export function decodeNpy(bytes: Uint8Array): { shape: number[]; values: Float32Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = Buffer.from(bytes.subarray(start, start + headerLen)).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (/'fortran_order':\s*True/.test(header)) throw new Error('Fortran-ordered .npy arrays are not supported.');
  const count = shape.reduce((p, d) => p * d, 1);
  const at = start + headerLen;
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    if (descr === '<f4') values[i] = view.getFloat32(at + 4 * i, true);
    else if (descr === '<f8') values[i] = view.getFloat64(at + 8 * i, true);
    else if (descr === '<i4') values[i] = view.getInt32(at + 4 * i, true);
    else throw new Error(`.npy dtype ${descr} is not supported (float32, float64 or int32).`);
  }
  return { shape, values };
}
