import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** What a raw HTTP exchange on a socket got back: the status line's code and everything after. */
export interface RawReply {
  status: number;
  head: string;
  socket: Socket;
  /** Bytes received after the response head (WebSocket frames once upgraded). */
  rest: Buffer;
}

/**
 * Sends `request` (a complete HTTP request head, CRLF line ends) on a fresh TCP socket and resolves
 * with the response status once the head has arrived. The socket stays open for frames; tests
 * bypass the ws client on purpose, to send what no well-behaved client would.
 */
export function rawRequest(port: number, request: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const head = buffer.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, socket, rest: buffer.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.on('close', () =>
      reject(new Error(`socket closed before a response; got ${JSON.stringify(buffer.toString('latin1'))}`)),
    );
    socket.write(request);
  });
}

/** A WebSocket upgrade request for `target`, with extra header lines. */
export function upgradeRequest(target: string, port: number, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Resolves with the close code of the first close frame the server sends on an upgraded socket
 * (server frames are unmasked), or null if the socket ends without one.
 */
export function closeCode(reply: RawReply): Promise<number | null> {
  return new Promise((resolve) => {
    let buffer = reply.rest;
    const scan = (): boolean => {
      let at = 0;
      while (buffer.length - at >= 2) {
        const opcode = buffer[at] & 0x0f;
        let length = buffer[at + 1] & 0x7f;
        let offset = at + 2;
        if (length === 126) {
          if (buffer.length - at < 4) return false;
          length = buffer.readUInt16BE(at + 2);
          offset = at + 4;
        } else if (length === 127) {
          if (buffer.length - at < 10) return false;
          length = Number(buffer.readBigUInt64BE(at + 2));
          offset = at + 10;
        }
        if (buffer.length < offset + length) return false;
        if (opcode === 0x8) {
          resolve(length >= 2 ? buffer.readUInt16BE(offset) : null);
          return true;
        }
        at = offset + length;
      }
      return false;
    };
    if (scan()) return;
    reply.socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      scan();
    });
    reply.socket.on('close', () => resolve(null));
    reply.socket.on('error', () => resolve(null));
  });
}

/** A client frame, masked with a zero mask unless `masked` is false. */
export function clientFrame(first: number, payload: Buffer, masked = true): Buffer {
  const len = payload.length;
  const mask = masked ? 0x80 : 0;
  let head: Buffer;
  if (len < 126) head = Buffer.from([first, mask | len]);
  else if (len < 65536) head = Buffer.from([first, mask | 126, len >> 8, len & 0xff]);
  else {
    head = Buffer.alloc(10);
    head[0] = first;
    head[1] = mask | 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, masked ? Buffer.alloc(4) : Buffer.alloc(0), payload]);
}

/** A whole HTTP exchange: status, head and body (read until the server closes). */
export interface RawExchange {
  status: number;
  head: string;
  body: string;
}

/**
 * Sends `request` (bytes as given: a string is sent as latin1, so a test can put raw high bytes in
 * a request target) on a fresh socket and reads the whole answer. The request should say
 * `Connection: close`; the server closing without an answer gives status 0.
 */
export function rawExchange(port: number, request: string | Buffer): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks).toString('latin1');
      const end = all.indexOf('\r\n\r\n');
      const head = end < 0 ? all : all.slice(0, end);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        body: end < 0 ? '' : all.slice(end + 4),
      });
    });
    socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  });
}
