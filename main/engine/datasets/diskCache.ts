import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { type GeneratedData } from './definition';
import { type DatasetParamValue } from './types';

/**
 * The on-disk cache of generated built-in datasets (issue 12, item 3): generating star-galaxy takes
 * seconds before the first batch; reading it back takes tens of milliseconds.
 *
 * One file per (dataset, seed, size, params, generator version): a 64-byte header (magic, format,
 * lengths of x and y, SHA-256 of the payload) then x and y as little-endian float32. Written to a
 * temporary name and renamed, so a reader never sees half a file; read back only when the magic,
 * the lengths, the file size and the checksum all agree, otherwise deleted and regenerated.
 */
export interface DatasetCacheKey {
  id: string;
  seed: number;
  size: number;
  params: Record<string, DatasetParamValue>;
  /** The generator's version: bumped whenever its output changes, so old entries are never read. */
  version: number;
}

const MAGIC = 'DWDSET01';
const HEADER_BYTES = 64;

/** File name of an entry: the dataset id (for people looking in the folder) and a hash of the key. */
export function cacheFileName(key: DatasetCacheKey): string {
  const params = Object.fromEntries(Object.entries(key.params).sort(([a], [b]) => a.localeCompare(b)));
  const canonical = JSON.stringify({ id: key.id, seed: key.seed, size: key.size, params, version: key.version });
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 32);
  return `${key.id.replace(/[^a-z0-9-]/gi, '_')}-${hash}.f32`;
}

function checksum(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function bytesOf(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * The cached arrays for `key`, or undefined when there is no entry or it is damaged (wrong magic,
 * lengths other than `expect`, truncated, checksum mismatch); a damaged entry is deleted.
 */
export async function readCachedDataset(
  dir: string,
  key: DatasetCacheKey,
  expect: { xLength: number; yLength: number },
): Promise<GeneratedData | undefined> {
  const file = join(dir, cacheFileName(key));
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  const header = bytes.subarray(0, HEADER_BYTES);
  const xLength = header.length === HEADER_BYTES ? header.readUInt32LE(8) : -1;
  const yLength = header.length === HEADER_BYTES ? header.readUInt32LE(12) : -1;
  const payload = bytes.subarray(HEADER_BYTES);
  const ok =
    header.toString('latin1', 0, 8) === MAGIC &&
    xLength === expect.xLength &&
    yLength === expect.yLength &&
    payload.length === 4 * (xLength + yLength) &&
    checksum(payload).equals(header.subarray(16, 48));
  if (!ok) {
    await rm(file, { force: true }).catch(() => undefined);
    return undefined;
  }
  // Views on the file's own buffer when it is 4-byte aligned (readFile's is), else aligned copies.
  const start = bytes.byteOffset + HEADER_BYTES;
  let x: Float32Array;
  let y: Float32Array;
  if (start % 4 === 0) {
    x = new Float32Array(bytes.buffer, start, xLength);
    y = new Float32Array(bytes.buffer, start + 4 * xLength, yLength);
  } else {
    x = new Float32Array(xLength);
    bytesOf(x).set(payload.subarray(0, 4 * xLength));
    y = new Float32Array(yLength);
    bytesOf(y).set(payload.subarray(4 * xLength));
  }
  // Mark it recently used for pruning; best effort.
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return { x, y };
}

/**
 * Stores `data` under `key`, atomically (temporary file, then rename). Best effort: a full or
 * read-only disk leaves the cache without the entry and training goes on.
 *
 * @returns whether the entry was written
 */
export async function writeCachedDataset(dir: string, key: DatasetCacheKey, data: GeneratedData): Promise<boolean> {
  const file = join(dir, cacheFileName(key));
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    const x = bytesOf(data.x);
    const y = bytesOf(data.y);
    const header = Buffer.alloc(HEADER_BYTES);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(data.x.length, 8);
    header.writeUInt32LE(data.y.length, 12);
    checksum(x, y).copy(header, 16);
    const handle = await open(tmp, 'w');
    try {
      await handle.writev([header, x, y]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    return true;
  } catch {
    await unlink(tmp).catch(() => undefined);
    return false;
  }
}
