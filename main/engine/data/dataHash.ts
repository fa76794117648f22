import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Files up to this size (a folder: in total) are hashed whole; bigger ones by samples. */
export const FULL_HASH_LIMIT = 1024 ** 3;
/** A sampled hash reads this many evenly spaced blocks (the first and the last included) … */
const SAMPLES = 64;
/** … of this size. */
const SAMPLE_BYTES = 1024 ** 2;

/** A file's or folder's identity as a run records it (`data.json`). */
export interface DataFingerprint {
  path: string;
  /** Bytes on disk (a folder: of every file in it). */
  bytes: number;
  /** Newest modification time of the file (or any file in the folder), ISO. */
  modified: string;
  /** Folders: how many files. */
  files?: number;
  /** SHA-256, hex. */
  sha256: string;
  /**
   * What the hash covers: `content` is every byte (for a folder also every file's name); `sampled`
   * is the size plus 64 evenly spaced 1 MiB blocks (a folder: every name and size, plus the content
   * of a spread of its files up to 64 MiB), so a change outside the samples can go unseen.
   */
  hashOf: 'content' | 'sampled';
}

async function hashWhole(path: string, hash: ReturnType<typeof createHash>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', resolve)
      .on('error', reject);
  });
}

async function hashSampled(path: string, bytes: number, hash: ReturnType<typeof createHash>): Promise<void> {
  hash.update(`size ${bytes}\n`);
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const last = Math.max(0, bytes - SAMPLE_BYTES);
    for (let k = 0; k < SAMPLES; k++) {
      const at = Math.round((last * k) / (SAMPLES - 1));
      const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, at);
      hash.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(dir);
  // Code-unit order, the same on every platform (not the locale's).
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Hashes the data a run trains on: a file whole when it is at most 1 GiB (about a second per GiB),
 * else by samples, said in `hashOf`; a folder (of images) by its files' names and contents.
 */
export async function fingerprintData(path: string): Promise<DataFingerprint> {
  const info = await stat(path);
  const hash = createHash('sha256');
  if (info.isFile()) {
    const sampled = info.size > FULL_HASH_LIMIT;
    if (sampled) await hashSampled(path, info.size, hash);
    else await hashWhole(path, hash);
    return {
      path,
      bytes: info.size,
      modified: info.mtime.toISOString(),
      sha256: hash.digest('hex'),
      hashOf: sampled ? 'sampled' : 'content',
    };
  }
  const files = await listFiles(path);
  const stats = await Promise.all(files.map((f) => stat(f)));
  const bytes = stats.reduce((s, x) => s + x.size, 0);
  const newest = stats.reduce((m, x) => Math.max(m, x.mtimeMs), info.mtimeMs);
  const sampled = bytes > FULL_HASH_LIMIT;
  // Every name and size, so a file added, removed or renamed always changes the hash.
  files.forEach((f, i) => hash.update(`${relative(path, f).split('\\').join('/')}\t${stats[i].size}\n`));
  const step = sampled ? Math.max(1, Math.ceil(bytes / (SAMPLES * SAMPLE_BYTES))) : 1;
  for (let i = 0; i < files.length; i += step) await hashWhole(files[i], hash);
  return {
    path,
    bytes,
    modified: new Date(newest).toISOString(),
    files: files.length,
    sha256: hash.digest('hex'),
    hashOf: sampled ? 'sampled' : 'content',
  };
}
