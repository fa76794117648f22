import { open, type FileHandle } from 'node:fs/promises';

/**
 * Random access to bytes: a file read by range (pread, so concurrent reads are safe), or bytes
 * already in memory (a gunzipped FITS file, a compressed npz member). Readers never ask for more
 * than they need, so a file larger than memory stays on disk.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes [offset, offset + length), shorter only where the source ends. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A file on disk, read by range through one file handle. */
export async function fileBytes(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      let done = 0;
      while (done < n) {
        const { bytesRead } = await handle.read(buf, done, n - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === n ? buf : buf.subarray(0, done);
    },
    close: () => handle.close(),
  };
}

/** Bytes held in memory. */
export function memoryBytes(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
    close: async () => {},
  };
}

/** The window [start, start + size) of another source (a stored member of a zip file). */
export function windowBytes(source: ByteSource, start: number, size: number): ByteSource {
  return {
    size,
    read: (offset, length) => source.read(start + offset, Math.max(0, Math.min(length, size - offset))),
    close: () => source.close(),
  };
}
