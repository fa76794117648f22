import { basename } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { arraySource } from './arraySource';
import { readLabels, type ArrayReader } from './arrays';
import { fileBytes, memoryBytes, windowBytes, type ByteSource } from './byteSource';
import { DataError } from './errors';
import { npyArray, readNpyHeader } from './npy';
import type { DataOptions, DataProblem, DataSource, OpenDataOptions } from './types';

/** One member of a zip file, as its central directory lists it. */
interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

/**
 * The members of a zip file from its central directory (zip64 too: NumPy writes it for big arrays).
 */
async function zipMembers(bytes: ByteSource, where: string): Promise<ZipMember[]> {
  const tailLength = Math.min(bytes.size, 65557);
  const tail = Buffer.from(await bytes.read(bytes.size - tailLength, tailLength));
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0)
    throw new DataError(
      'truncated',
      `${where} is not a complete .npz (zip) file: its table of contents is missing.`,
      'The file was probably cut off; save or copy it again.',
    );
  let count = tail.readUInt16LE(eocd + 10);
  let dirSize = tail.readUInt32LE(eocd + 12);
  let dirOffset = tail.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && tail.readUInt32LE(locator) === 0x07064b50) {
    const z64 = Buffer.from(await bytes.read(Number(tail.readBigUInt64LE(locator + 8)), 56));
    count = Number(z64.readBigUInt64LE(32));
    dirSize = Number(z64.readBigUInt64LE(40));
    dirOffset = Number(z64.readBigUInt64LE(48));
  }
  const dir = Buffer.from(await bytes.read(dirOffset, dirSize));
  const members: ZipMember[] = [];
  for (let p = 0, k = 0; k < count && p + 46 <= dir.length; k++) {
    if (dir.readUInt32LE(p) !== 0x02014b50)
      throw new DataError(
        'bad-header',
        `${where}: its zip table of contents is damaged.`,
        'Save the file again with numpy.savez.',
      );
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const m: ZipMember = {
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      headerOffset: dir.readUInt32LE(p + 42),
    };
    readZip64Extra(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), m);
    members.push(m);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

/** Sizes and offsets that do not fit 32 bits are 0xFFFFFFFF, the real values in the zip64 extra field. */
function readZip64Extra(extra: Buffer, m: ZipMember) {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (m.size === 0xffffffff) m.size = next();
      if (m.compressedSize === 0xffffffff) m.compressedSize = next();
      if (m.headerOffset === 0xffffffff) m.headerOffset = next();
    }
    p += 4 + length;
  }
}

/** A member's bytes: a window onto the file when stored, inflated into memory when compressed. */
async function memberBytes(bytes: ByteSource, m: ZipMember, where: string): Promise<ByteSource> {
  const local = Buffer.from(await bytes.read(m.headerOffset, 30));
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50)
    throw new DataError(
      'bad-header',
      `${where}: the array ${m.name} is damaged.`,
      'Save the file again with numpy.savez.',
    );
  const start = m.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + m.compressedSize > bytes.size)
    throw new DataError(
      'truncated',
      `${where} is cut off inside the array ${m.name}.`,
      'The file was probably not copied completely; copy it again.',
    );
  if (m.method === 0) return windowBytes(bytes, start, m.size);
  if (m.method !== 8)
    throw new DataError(
      'unsupported',
      `${where}: the array ${m.name} is compressed in a way Deepwire does not read (zip method ${m.method}).`,
      'Save it with numpy.savez or numpy.savez_compressed.',
    );
  return memoryBytes(inflateRawSync(await bytes.read(start, m.compressedSize)));
}

const arrayName = (member: string) => member.replace(/\.npy$/, '');

/**
 * Open a `.npz` file: x and y are the arrays named by the options, by default 'x' and 'y', else
 * the first two arrays. Stored arrays (numpy.savez) are read by range from the file; compressed
 * ones (numpy.savez_compressed) are inflated into memory when opened.
 */
export async function openNpz(path: string, options: DataOptions, open?: OpenDataOptions): Promise<DataSource> {
  const where = basename(path);
  const bytes = await fileBytes(path);
  try {
    const members = (await zipMembers(bytes, where)).filter((m) => m.name.endsWith('.npy'));
    const names = members.map((m) => arrayName(m.name));
    const pick = (wanted: string | undefined, fallback: string, position: number, role: string) => {
      const name =
        wanted ??
        (names.includes(fallback) ? fallback : (names.find((n) => n.toLowerCase() === fallback) ?? names[position]));
      const m = members.find((x) => arrayName(x.name) === name);
      if (wanted !== undefined && !m)
        throw new DataError(
          'no-such-array',
          `${where} has no array named '${wanted}' (asked for as ${role}).`,
          `Its arrays are: ${names.join(', ') || 'none'}.`,
        );
      return m;
    };
    const xm = pick(options.x, 'x', 0, 'x');
    if (!xm)
      throw new DataError(
        'no-such-array',
        `${where} holds no arrays.`,
        'Save x and y into it with numpy.savez(path, x=x, y=y).',
      );
    const ym = pick(options.y, 'y', names.indexOf(arrayName(xm.name)) === 0 ? 1 : 0, 'y');
    const reader = async (m: ZipMember): Promise<ArrayReader> => {
      const b = await memberBytes(bytes, m, where);
      return npyArray(b, await readNpyHeader(b, `${where}:${m.name}`), arrayName(m.name));
    };
    const problems: DataProblem[] = [];
    const x = await reader(xm);
    const labels = ym && ym !== xm ? await readLabels(await reader(ym), where, problems) : undefined;
    const target = ym && ym !== xm ? arrayName(ym.name) : undefined;
    return await arraySource({
      format: 'npz',
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
