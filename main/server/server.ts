import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import { callMessageSchema, decodeFrame, encodeFrame, type HostMessage } from '../../shared/protocol/wire';
import type { Host } from '../host/host';
import { sendStatic } from './staticFiles';
import { findToken, tokenCookieName } from './token';

export interface ServerOptions {
  host: Host;
  /** Folder of the built renderer (dist/renderer). */
  rendererDir: string;
  /** Interface to bind; 127.0.0.1 unless the user asks otherwise. */
  hostname: string;
  /** 0 picks a free port. */
  port: number;
  /** Required on every request; null turns the check off (`--no-token`). */
  token: string | null;
}

export interface RunningServer {
  /** The address to open, with the token. */
  url: string;
  port: number;
  /** Number of open WebSocket connections. */
  connections(): number;
  /** Drops every WebSocket connection (clients reconnect); used by tests and on shutdown. */
  dropConnections(): void;
  close(): Promise<void>;
}

export const WS_PATH = '/ws';
/** Past this much unsent data to one client, superseded events (batch, activations) are skipped. */
const BACKPRESSURE_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // The token is in the page's URL: never leak it to another site through Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const LOOPBACK_V4 = new RegExp(`^127\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/**
 * Only a literal 127/8 address, `localhost` or `[::1]` is loopback. A prefix test let
 * `127.0.0.1.evil.com` through, which a DNS-rebinding page can point at this server (issue 13, item 8).
 */
export function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname.toLowerCase()) || LOOPBACK_V4.test(hostname);
}

/**
 * The request target as a URL, or null when it is not one (`GET http://[bad/ws`): such a request is
 * answered 400 instead of throwing out of the handler.
 */
function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

const BAD_REQUEST = 'Deepwire: that request address is not valid.\n';

const UNAUTHORIZED =
  'Deepwire: this server needs its access token. Open the exact address `deepwire serve` printed (it ends in ?token=…), or restart it to get a new one.\n';

/**
 * `deepwire serve`'s server: the built renderer over HTTP and the EngineClient protocol over a
 * WebSocket at /ws, both behind the token. The index page accepts the token in `?token=` and sets
 * it as an HttpOnly, SameSite=Strict cookie, so its scripts and its WebSocket carry it without
 * exposing it to page scripts of other origins. Bound to loopback, the Host header must name
 * loopback too (defeats DNS rebinding); a browser's WebSocket must come from this origin.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { host, rendererDir, token } = options;
  const checkHostHeader = isLoopback(options.hostname);

  function hostHeaderOk(req: IncomingMessage): boolean {
    if (!checkHostHeader) return true;
    const name = (req.headers.host ?? '').replace(/:\d{1,5}$/, '');
    return isLoopback(name);
  }

  // Known once listening (port 0 picks one); no request arrives before that.
  let cookieName = tokenCookieName(options.port);

  function authorized(req: IncomingMessage, url: URL): 'query' | 'cookie' | 'open' | null {
    if (token === null) return 'open';
    return findToken(req, url, token, cookieName);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = parseTarget(req.url);
    if (!url) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(BAD_REQUEST);
      return;
    }
    if (!hostHeaderOk(req)) {
      res
        .writeHead(421, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Deepwire only answers requests addressed to localhost.\n');
      return;
    }
    const how = authorized(req, url);
    if (!how) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end(UNAUTHORIZED);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        .end('Only GET and HEAD.\n');
      return;
    }
    if (how === 'query' && token !== null) {
      res.setHeader('set-cookie', `${cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    await sendStatic(res, rendererDir, url.pathname, req.method === 'HEAD', req.headers.host);
  }

  const http = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('deepwire serve:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error.\n');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });

  function refuseUpgrade(socket: Duplex, status: string, message: string): void {
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
    );
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands over the raw socket with no 'error' listener: a client that resets while we answer
    // would otherwise be an uncaught exception. Anything thrown while checking the request is
    // answered 400 on this socket; the server and its runs carry on (issue 13, item 1).
    socket.on('error', () => socket.destroy());
    try {
      onUpgrade(req, socket, head);
    } catch (error) {
      console.error('deepwire serve: a WebSocket request failed:', error);
      if (socket.writable) refuseUpgrade(socket, '400 Bad Request', BAD_REQUEST);
      else socket.destroy();
    }
  });

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = parseTarget(req.url);
    if (!url) return refuseUpgrade(socket, '400 Bad Request', BAD_REQUEST);
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, '404 Not Found', 'Not found.\n');
    if (!hostHeaderOk(req))
      return refuseUpgrade(
        socket,
        '421 Misdirected Request',
        'Deepwire only answers requests addressed to localhost.\n',
      );
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}`) {
      return refuseUpgrade(
        socket,
        '403 Forbidden',
        'Deepwire: WebSocket connections are only accepted from its own page.\n',
      );
    }
    if (!authorized(req, url)) return refuseUpgrade(socket, '401 Unauthorized', UNAUTHORIZED);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  wss.on('connection', (ws: WebSocket) => serveConnection(ws, host));

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      const alive = ws as WebSocket & { deepwireAlive?: boolean };
      if (alive.deepwireAlive === false) {
        ws.terminate();
        continue;
      }
      alive.deepwireAlive = false;
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.hostname, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  cookieName = tokenCookieName(port);
  const shownHost =
    options.hostname === '0.0.0.0' || options.hostname === '::'
      ? '127.0.0.1'
      : options.hostname.includes(':')
        ? `[${options.hostname}]`
        : options.hostname;
  const url = `http://${shownHost}:${port}/${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

  return {
    url,
    port,
    connections: () => wss.clients.size,
    dropConnections() {
      for (const ws of wss.clients) ws.terminate();
    },
    async close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, 'Deepwire is shutting down.');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** One browser tab: its calls go to the host, every host event comes back to it. */
function serveConnection(ws: WebSocket, host: Host): void {
  (ws as WebSocket & { deepwireAlive?: boolean }).deepwireAlive = true;
  // A protocol violation from this client (invalid UTF-8, an unmasked frame, RSV bits, a bad close
  // code, a message over maxPayload): ws has already sent the close frame with the fitting code
  // (1002/1007/1009); without this listener the 'error' event would kill the whole server.
  ws.on('error', (error) => {
    console.error(`deepwire serve: closed a connection that broke the WebSocket protocol: ${error.message}`);
    ws.terminate();
  });
  ws.on('pong', () => ((ws as WebSocket & { deepwireAlive?: boolean }).deepwireAlive = true));

  const send = (message: HostMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(encodeFrame(message));
  };
  const sendEvent = (event: TrainerEvent): void => {
    if (
      (event.type === 'batch' || event.type === 'activations' || event.type === 'boundary') &&
      !('requestId' in event && event.requestId) &&
      ws.bufferedAmount > BACKPRESSURE_BYTES
    ) {
      return; // a slow link: skip superseded updates rather than queue them without bound
    }
    send({ type: 'event', event });
  };

  const unsubscribe = host.subscribe(sendEvent);
  host.replay(sendEvent);
  ws.on('close', unsubscribe);

  ws.on('message', (data, isBinary) => {
    try {
      onMessage(data, isBinary);
    } catch (error) {
      // Whatever this one message did, it must not escape into ws's socket handler (uncaught).
      console.error('deepwire serve: a message failed:', error);
      ws.close(1011, 'Deepwire could not handle that message.');
    }
  });

  function onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    let parsed: unknown;
    try {
      parsed = decodeFrame(isBinary ? toBytes(data) : data.toString());
    } catch {
      ws.close(1007, 'Deepwire: that message was not valid.');
      return;
    }
    const call = callMessageSchema.safeParse(parsed);
    if (!call.success) {
      const id = (parsed as { id?: unknown } | null)?.id;
      if (typeof id === 'number') {
        send({
          type: 'result',
          id,
          ok: false,
          error: {
            code: 'bad-request',
            message: 'The engine received a malformed call.',
            hint: 'This is a bug in the app; please report it.',
          },
        });
      } else {
        ws.close(1008, 'Deepwire: expected {type:"call", id, method, args}.');
      }
      return;
    }
    const { id, method, args } = call.data;
    host
      .call(method, args)
      .then((outcome) => send({ type: 'result', id, ...outcome }))
      .catch((error: unknown) => {
        console.error('deepwire serve: could not answer a call:', error);
        ws.close(1011, 'Deepwire could not answer that call.');
      });
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
