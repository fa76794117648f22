import type { ArrayReader } from './arrays';
import type { ByteSource } from './byteSource';
import { DataError } from './errors';
import { decodeNumbers, type NumericType } from './numeric';

/**
 * FITS structure (FITS Standard 4.0): a file is a sequence of HDUs, each a header of 80-character
 * cards in 2880-byte blocks ending with END, then its data padded to 2880 bytes. Data is big-endian.
 */
export const BLOCK = 2880;

export type CardValue = string | number | boolean;

/** One header-data unit: its header values and where its data lies. */
export interface Hdu {
  index: number;
  /** 'PRIMARY', 'IMAGE', 'BINTABLE', 'TABLE' or another XTENSION. */
  kind: string;
  /** EXTNAME, if any. */
  name?: string;
  cards: Map<string, CardValue>;
  dataStart: number;
  dataBytes: number;
  /** Data bytes missing at the end of the file (0 when complete). */
  missing: number;
}

/** A card's value: 'text' (with '' as a quote), T/F, an integer or a float (D exponents too). */
function cardValue(raw: string): CardValue | undefined {
  const s = raw.trim();
  if (s.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'/.exec(s);
    return m ? m[1].replaceAll("''", "'").trimEnd() : undefined;
  }
  const v = s.split('/')[0].trim();
  if (v === 'T') return true;
  if (v === 'F') return false;
  const n = Number(v.replace(/[dD]/, 'E'));
  return v !== '' && Number.isFinite(n) ? n : undefined;
}

/** Every HDU's header, read block by block (data is skipped, never read here). */
export async function readHdus(bytes: ByteSource, where: string): Promise<Hdu[]> {
  const first = Buffer.from(await bytes.read(0, 80)).toString('latin1');
  if (!/^SIMPLE {2}=\s+T/.test(first)) {
    throw new DataError(
      'bad-header',
      `${where} is not a FITS file (it does not start with SIMPLE = T).`,
      'Pick a FITS file, or save the data as FITS again.',
    );
  }
  const hdus: Hdu[] = [];
  let offset = 0;
  while (offset < bytes.size) {
    const cards = new Map<string, CardValue>();
    let at = offset;
    let ended = false;
    while (!ended) {
      const block = Buffer.from(await bytes.read(at, BLOCK));
      if (block.length < BLOCK) {
        if (hdus.length === 0)
          throw new DataError(
            'truncated',
            `${where} is cut off inside its first header.`,
            'The file was probably not written or copied completely; copy it again.',
          );
        // A few bytes after the last HDU are tolerated; the start of another header is not.
        if (block.toString('latin1', 0, 8) !== 'XTENSION') return hdus;
        throw new DataError(
          'truncated',
          `${where} is cut off inside the header of HDU ${hdus.length}.`,
          'The file was probably not written or copied completely; copy it again.',
        );
      }
      at += BLOCK;
      for (let c = 0; c < BLOCK; c += 80) {
        const card = block.toString('latin1', c, c + 80);
        const key = card.slice(0, 8).trim();
        if (key === 'END') {
          ended = true;
          break;
        }
        if (card.slice(8, 10) === '= ' && !cards.has(key)) {
          const v = cardValue(card.slice(10));
          if (v !== undefined) cards.set(key, v);
        }
      }
    }
    if (hdus.length > 0 && typeof cards.get('XTENSION') !== 'string') return hdus; // not an extension: stop
    const naxis = num(cards, 'NAXIS');
    let values = naxis > 0 ? 1 : 0;
    for (let k = 1; k <= naxis; k++) values *= num(cards, `NAXIS${k}`);
    const dataBytes =
      (Math.abs(num(cards, 'BITPIX')) / 8) * num(cards, 'GCOUNT', 1) * (num(cards, 'PCOUNT', 0) + values);
    const extname = cards.get('EXTNAME');
    hdus.push({
      index: hdus.length,
      kind: hdus.length === 0 ? 'PRIMARY' : String(cards.get('XTENSION')).trim(),
      name: typeof extname === 'string' ? extname.trim() : undefined,
      cards,
      dataStart: at,
      dataBytes,
      missing: Math.max(0, at + dataBytes - bytes.size),
    });
    offset = at + Math.ceil(dataBytes / BLOCK) * BLOCK;
  }
  return hdus;
}

/** A header value as a number (`fallback` when absent). */
export function num(cards: Map<string, CardValue>, key: string, fallback = 0): number {
  const v = cards.get(key);
  return typeof v === 'number' ? v : fallback;
}

/** How an HDU is named in messages: "HDU 1 (CUTOUTS)". */
export const hduName = (h: Hdu) => `HDU ${h.index}${h.name ? ` (${h.name})` : ''}`;

/** Stops with a plain message when an HDU's data is cut off. */
export function checkComplete(h: Hdu, where: string): void {
  if (h.missing > 0) {
    throw new DataError(
      'truncated',
      `${where} is cut off: ${hduName(h)} needs ${h.dataBytes} bytes of data but the file ends ${h.missing} bytes short.`,
      'The file was probably not written or copied completely; copy it again.',
    );
  }
}

const BITPIX_TYPES: Record<number, NumericType> = {
  8: { kind: 'u', size: 1, littleEndian: false },
  16: { kind: 'i', size: 2, littleEndian: false },
  32: { kind: 'i', size: 4, littleEndian: false },
  64: { kind: 'i', size: 8, littleEndian: false },
  [-32]: { kind: 'f', size: 4, littleEndian: false },
  [-64]: { kind: 'f', size: 8, littleEndian: false },
};

/**
 * An image HDU as an {@link ArrayReader} in NumPy axis order (NAXISn … NAXIS1), so a cube of
 * NAXIS3 = N cut-outs is N examples of NAXIS2 × NAXIS1. BSCALE/BZERO are applied (in float64, so
 * unsigned 32-bit data stored with BZERO = 2^31 comes out exact before the cast to float32) and
 * BLANK integers become NaN.
 */
export function imageArray(bytes: ByteSource, h: Hdu, where: string): ArrayReader {
  const bitpix = num(h.cards, 'BITPIX');
  const type = BITPIX_TYPES[bitpix];
  if (!type)
    throw new DataError(
      'bad-header',
      `${where}: ${hduName(h)} has BITPIX = ${bitpix}, which FITS does not allow.`,
      'The header is damaged; write the file again.',
    );
  const naxis = num(h.cards, 'NAXIS');
  const shape = Array.from({ length: naxis }, (_, k) => num(h.cards, `NAXIS${naxis - k}`));
  const scale = num(h.cards, 'BSCALE', 1);
  const zero = num(h.cards, 'BZERO', 0);
  const blank = h.cards.get('BLANK');
  const scaled = scale !== 1 || zero !== 0;
  const width = shape.slice(1).reduce((a, b) => a * b, 1);
  return {
    name: hduName(h),
    shape,
    dtype: `BITPIX ${bitpix}${scaled ? ` (BSCALE ${scale}, BZERO ${zero})` : ''}`,
    whole: bitpix > 0 && Number.isInteger(scale) && Number.isInteger(zero),
    async read(start, end) {
      const count = (end - start) * width;
      const raw = await bytes.read(h.dataStart + start * width * type.size, count * type.size);
      const out = new Float32Array(count);
      if (!scaled && (bitpix < 0 || typeof blank !== 'number')) {
        decodeNumbers(raw, type, count, out);
        return out;
      }
      const wide = new Float64Array(count);
      decodeNumbers(raw, type, count, wide);
      const isBlank = bitpix > 0 && typeof blank === 'number';
      for (let i = 0; i < count; i++) out[i] = isBlank && wide[i] === blank ? NaN : wide[i] * scale + zero;
      return out;
    },
  };
}
