/**
 * Numbers as stored on disk (NumPy dtypes, FITS BITPIX and table columns) decoded into Float32Array.
 * One decoder serves every reader: the fast path views the bytes as a typed array (copying only to
 * align or to swap big-endian bytes) and lets `TypedArray.set` convert.
 */

/** A stored number type: integer, unsigned, float or boolean, its width in bytes, its byte order. */
export interface NumericType {
  kind: 'i' | 'u' | 'f' | 'b';
  size: 1 | 2 | 4 | 8;
  littleEndian: boolean;
}

const hostLittle = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A NumPy dtype string ('<f4', '>i2', '|u1', '?', '|b1', 'float32') as a {@link NumericType}, or
 * undefined when it is not a plain number (strings, objects, records, complex).
 */
export function parseNumpyDtype(descr: string): NumericType | undefined {
  const m = /^([<>|=]?)([iufb?])(\d*)$/.exec(descr.trim());
  if (!m) return undefined;
  const order = m[1];
  const kind = m[2] === '?' ? 'b' : (m[2] as NumericType['kind']);
  const size = Number(m[3] || (kind === 'b' ? 1 : 0));
  if (![1, 2, 4, 8].includes(size) || (kind === 'f' && size === 1) || (kind === 'b' && size !== 1)) return undefined;
  return { kind, size: size as NumericType['size'], littleEndian: order === '>' ? false : order === '<' || hostLittle };
}

/** The type as NumPy spells it ('<f4'), for descriptions. */
export function numpyName(t: NumericType): string {
  return `${t.size === 1 ? '|' : t.littleEndian ? '<' : '>'}${t.kind}${t.size}`;
}

/** True for integer and boolean types (labels of classes), false for floats. */
export const isWhole = (t: NumericType) => t.kind !== 'f';

let halfTable: Float32Array | undefined;
/** IEEE half → float for all 65 536 bit patterns (256 KB, built on first use). */
function halves(): Float32Array {
  if (halfTable) return halfTable;
  halfTable = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const f = h & 0x3ff;
    halfTable[h] =
      e === 0 ? s * 2 ** -14 * (f / 1024) : e === 31 ? (f ? NaN : s * Infinity) : s * 2 ** (e - 15) * (1 + f / 1024);
  }
  return halfTable;
}

/**
 * Decode `count` values of type `t` from `bytes` (starting at byte 0) into `out` at `outOffset`.
 * Values are converted exactly where Float32 can hold them (int64 beyond 2^24 is rounded).
 */
export function decodeNumbers(
  bytes: Uint8Array,
  t: NumericType,
  count: number,
  out: Float32Array | Float64Array,
  outOffset = 0,
): void {
  if (bytes.length < count * t.size) throw new RangeError(`need ${count * t.size} bytes, have ${bytes.length}`);
  if (t.size === 1) {
    const view = t.kind === 'i' ? new Int8Array(bytes.buffer, bytes.byteOffset, count) : bytes.subarray(0, count);
    if (t.kind === 'b') for (let i = 0; i < count; i++) out[outOffset + i] = view[i] ? 1 : 0;
    else out.set(view, outOffset);
    return;
  }
  const n = count * t.size;
  let src = bytes;
  if (t.littleEndian !== hostLittle) {
    // A copy, byte-swapped by Node's native swap (big-endian FITS data is the common case).
    // (allocUnsafeSlow: never from Buffer's shared pool, so the copy starts aligned.)
    const copy = Buffer.allocUnsafeSlow(n);
    copy.set(bytes.subarray(0, n));
    src = t.size === 2 ? copy.swap16() : t.size === 4 ? copy.swap32() : copy.swap64();
  } else if (bytes.byteOffset % t.size !== 0) {
    src = bytes.slice(0, n);
  }
  const buf = src.buffer;
  const at = src.byteOffset;
  if (t.kind === 'f' && t.size === 2) {
    const h = new Uint16Array(buf, at, count);
    const table = halves();
    for (let i = 0; i < count; i++) out[outOffset + i] = table[h[i]];
  } else if (t.size === 8 && t.kind !== 'f') {
    const v = t.kind === 'i' ? new BigInt64Array(buf, at, count) : new BigUint64Array(buf, at, count);
    for (let i = 0; i < count; i++) out[outOffset + i] = Number(v[i]);
  } else {
    out.set(typedView(buf, at, count, t), outOffset);
  }
}

function typedView(buf: ArrayBufferLike, at: number, count: number, t: NumericType) {
  if (t.kind === 'f') return t.size === 4 ? new Float32Array(buf, at, count) : new Float64Array(buf, at, count);
  if (t.size === 2) return t.kind === 'i' ? new Int16Array(buf, at, count) : new Uint16Array(buf, at, count);
  return t.kind === 'i' ? new Int32Array(buf, at, count) : new Uint32Array(buf, at, count);
}
