/**
 * A streaming CSV record scanner over bytes, so a record's byte offset is known exactly (the sparse
 * index that lets `readRange` seek stores them). RFC 4180 quoting ("a, b", "say ""hi"""), fields
 * spanning lines inside quotes, LF, CRLF or CR line ends; blank lines are not records.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Called per record with its fields, the byte offset where it starts, and its first line (1-based). Return false to stop. */
export type OnRecord = (fields: string[], offset: number, line: number) => boolean | void;

export class CsvScanner {
  private rest: Buffer = Buffer.alloc(0);
  private restOffset: number;
  private line: number;

  /**
   * @param delimiter - the separator byte (`,` `\t` `;` `|`)
   * @param offset - the file offset of the first byte that will be pushed
   * @param line - the line number of that byte
   */
  constructor(
    readonly delimiter: number,
    offset = 0,
    line = 1,
  ) {
    this.restOffset = offset;
    this.line = line;
  }

  /** Scan the next bytes; records cut by the chunk's end wait for the next push. False once stopped. */
  push(chunk: Uint8Array, onRecord: OnRecord): boolean {
    const buf = this.rest.length
      ? Buffer.concat([this.rest, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    return this.scan(buf, false, onRecord);
  }

  /** The last record, when the file does not end with a line break. */
  end(onRecord: OnRecord): boolean {
    return this.rest.length ? this.scan(this.rest, true, onRecord) : true;
  }

  private scan(buf: Buffer, final: boolean, onRecord: OnRecord): boolean {
    const base = this.restOffset;
    const len = buf.length;
    const delim = this.delimiter;
    let pos = 0;
    while (pos < len) {
      const b0 = buf[pos];
      if (b0 === LF || b0 === CR) {
        if (b0 === CR && pos + 1 >= len && !final) break;
        pos += b0 === CR && buf[pos + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      const fields: string[] = [];
      let p = pos;
      let lines = 1;
      let complete = false;
      for (;;) {
        let value: string;
        if (buf[p] === QUOTE) {
          let q = p + 1;
          let close = -1;
          let escaped = false;
          for (;;) {
            const i = buf.indexOf(QUOTE, q);
            if (i < 0) break;
            if (i + 1 < len && buf[i + 1] === QUOTE) {
              escaped = true;
              q = i + 2;
              continue;
            }
            if (i + 1 >= len && !final) break;
            close = i;
            break;
          }
          if (close < 0) {
            if (!final) break;
            close = len; // an unterminated quote takes the rest of the file
          }
          value = buf.toString('utf8', p + 1, close);
          if (escaped) value = value.replaceAll('""', '"');
          for (let i = p + 1; i < close; i++) if (buf[i] === LF) lines++;
          p = close + 1;
          // Text after the closing quote ("a"b) belongs to the same field.
          let q2 = p;
          while (q2 < len && buf[q2] !== delim && buf[q2] !== LF && buf[q2] !== CR) q2++;
          if (q2 >= len && !final) break;
          if (q2 > p) value += buf.toString('utf8', p, q2);
          p = q2;
        } else {
          let q = p;
          while (q < len) {
            const b = buf[q];
            if (b === delim || b === LF || b === CR) break;
            q++;
          }
          if (q >= len && !final) break;
          value = buf.toString('utf8', p, q);
          p = q;
        }
        fields.push(value);
        if (p >= len) {
          complete = final;
          break;
        }
        const b = buf[p];
        if (b === delim) {
          p++;
          if (p >= len) {
            if (final) {
              fields.push('');
              complete = true;
            }
            break;
          }
          continue;
        }
        if (b === CR && p + 1 >= len && !final) break;
        p += b === CR && buf[p + 1] === LF ? 2 : 1;
        complete = true;
        break;
      }
      if (!complete) break;
      const line = this.line;
      this.line += lines;
      const go = onRecord(fields, base + pos, line);
      pos = p;
      if (go === false) {
        this.rest = Buffer.alloc(0);
        this.restOffset = base + pos;
        return false;
      }
    }
    this.rest = pos < len ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
    this.restOffset = base + pos;
    return true;
  }
}

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * The delimiter of a table from its first bytes: the candidate that splits the header into the most
 * columns while the following rows agree with it.
 */
export function detectDelimiter(sample: Uint8Array): string {
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts: number[] = [];
    const scanner = new CsvScanner(d.charCodeAt(0));
    scanner.push(sample, (fields) => counts.push(fields.length) < 50);
    if (counts.length === 0) continue;
    const header = counts[0];
    const agree = counts.filter((c) => c === header).length / counts.length;
    const score = header > 1 && agree >= 0.8 ? header + agree : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
