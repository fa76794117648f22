import type { ArrayReader } from './arrays';
import type { ByteSource } from './byteSource';
import { hduName, num, type Hdu } from './fitsHdu';
import type { Cell } from './tableColumns';

/** Bytes per element of each binary-table TFORM letter (FITS Standard table 18). */
const ELEMENT_BYTES: Record<string, number> = {
  L: 1,
  X: 1,
  B: 1,
  I: 2,
  J: 4,
  K: 8,
  A: 1,
  E: 4,
  D: 8,
  C: 8,
  M: 16,
  P: 8,
  Q: 16,
};

/** One column of a binary table. */
export interface FitsColumn {
  name: string;
  /** The TFORM letter. */
  code: string;
  repeat: number;
  offset: number;
  scale: number;
  zero: number;
  nullValue?: number;
  /** Bits, complex and variable-length arrays are not read. */
  readable: boolean;
}

/** The columns of a BINTABLE HDU from TTYPEn / TFORMn / TSCALn / TZEROn / TNULLn. */
export function tableColumns(h: Hdu): FitsColumn[] {
  const out: FitsColumn[] = [];
  let offset = 0;
  for (let n = 1; n <= num(h.cards, 'TFIELDS'); n++) {
    const form = String(h.cards.get(`TFORM${n}`) ?? '').trim();
    const m = /^(\d*)([LXBIJKAEDCMPQ])/.exec(form);
    const repeat = m ? (m[1] === '' ? 1 : Number(m[1])) : 0;
    const code = m?.[2] ?? '?';
    const bytes =
      code === 'X'
        ? Math.ceil(repeat / 8)
        : code === 'P' || code === 'Q'
          ? ELEMENT_BYTES[code]
          : repeat * (ELEMENT_BYTES[code] ?? 0);
    const tnull = h.cards.get(`TNULL${n}`);
    out.push({
      name: String(h.cards.get(`TTYPE${n}`) ?? `column ${n}`).trim() || `column ${n}`,
      code,
      repeat,
      offset,
      scale: num(h.cards, `TSCAL${n}`, 1),
      zero: num(h.cards, `TZERO${n}`, 0),
      nullValue: typeof tnull === 'number' ? tnull : undefined,
      readable: m !== null && !'XCMPQ'.includes(code) && repeat > 0,
    });
    offset += bytes;
  }
  return out;
}

/** One cell of a row: text (A), a number, or a vector (repeat > 1), scaled, nulls as NaN. */
export function readCell(row: Buffer, c: FitsColumn): Cell {
  if (!c.readable) return null;
  const o = c.offset;
  if (c.code === 'A') {
    const end = row.indexOf(0, o);
    return row.toString('latin1', o, end >= o && end < o + c.repeat ? end : o + c.repeat).trimEnd();
  }
  if (c.repeat === 1) return element(row, c, o);
  const size = ELEMENT_BYTES[c.code];
  const v = new Float64Array(c.repeat);
  for (let i = 0; i < c.repeat; i++) v[i] = element(row, c, o + i * size);
  return v;
}

function element(row: Buffer, c: FitsColumn, o: number): number {
  let raw: number;
  switch (c.code) {
    case 'L':
      return row[o] === 0x54 ? 1 : row[o] === 0x46 ? 0 : NaN; // 'T', 'F', 0 = undefined
    case 'B':
      raw = row[o];
      break;
    case 'I':
      raw = row.readInt16BE(o);
      break;
    case 'J':
      raw = row.readInt32BE(o);
      break;
    case 'K':
      raw = Number(row.readBigInt64BE(o));
      break;
    case 'E':
      return row.readFloatBE(o) * c.scale + c.zero;
    default:
      return row.readDoubleBE(o) * c.scale + c.zero;
  }
  return raw === c.nullValue ? NaN : raw * c.scale + c.zero;
}

/** Reads rows [start, end) of a table HDU, `chunkRows` at a time. */
export async function* tableRows(
  bytes: ByteSource,
  h: Hdu,
  start: number,
  end: number,
  chunkRows = 4096,
): AsyncGenerator<Buffer> {
  const rowBytes = num(h.cards, 'NAXIS1');
  for (let r = start; r < end; r += chunkRows) {
    const n = Math.min(chunkRows, end - r);
    const buf = Buffer.from(await bytes.read(h.dataStart + r * rowBytes, n * rowBytes));
    for (let i = 0; i < n; i++) yield buf.subarray(i * rowBytes, (i + 1) * rowBytes);
  }
}

/**
 * One table column as an {@link ArrayReader} (labels for the images of another HDU): integers
 * without a fractional scale name classes, text names classes, other numbers are regression targets.
 */
export function columnArray(bytes: ByteSource, h: Hdu, c: FitsColumn): ArrayReader {
  const rows = num(h.cards, 'NAXIS2');
  const width = c.code === 'A' ? 1 : c.repeat;
  const readAll = async () => {
    const cells: Cell[] = [];
    for await (const row of tableRows(bytes, h, 0, rows)) cells.push(readCell(row, c));
    return cells;
  };
  const reader: ArrayReader = {
    name: c.name,
    shape: width === 1 ? [rows] : [rows, width],
    dtype: `TFORM ${c.repeat}${c.code}`,
    whole: 'LBIJK'.includes(c.code) && Number.isInteger(c.scale) && Number.isInteger(c.zero),
    async read(start, end) {
      const out = new Float32Array((end - start) * width);
      let i = 0;
      for await (const row of tableRows(bytes, h, start, end)) {
        const v = readCell(row, c);
        if (typeof v === 'number') out[i++] = v;
        else if (v && typeof v === 'object') for (let k = 0; k < width; k++) out[i++] = v[k];
      }
      return out;
    },
  };
  if (c.code === 'A') reader.strings = async () => (await readAll()).map((v) => String(v ?? ''));
  return reader;
}

export const columnWhere = (h: Hdu, file: string) => (row: number) => `${file}, ${hduName(h)}, row ${row + 1}`;
