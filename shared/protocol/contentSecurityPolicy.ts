/** How the renderer page reaches the engine: the preload's IPC (desktop) or a WebSocket (`deepwire serve`). */
export type PageTransport = 'ipc' | 'websocket';

/**
 * The renderer page's Content-Security-Policy, the one policy every shell serves it with. Scripts
 * only from the app itself, never inline; inline styles because React Flow positions nodes with
 * style attributes; images from data: and blob: URLs (activation maps, previews). The page connects
 * only to its own origin: in the desktop app every engine call goes through the preload, so nothing
 * more; served, it also opens a WebSocket back to the server (ws:/wss:).
 *
 * @param delivery - `meta` for a `<meta http-equiv>` tag, which leaves out frame-ancestors
 *   (browsers ignore it there, with a warning); the HTTP header is the one that counts
 * @param host - the served page's own `host:port`: its WebSocket may then go there only, not to
 *   any host (issue 13, item 15). Without it (the build-time meta tag) any ws:/wss: is allowed, and
 *   the header's narrower policy wins, since a browser enforces both.
 */
export function contentSecurityPolicy(
  transport: PageTransport,
  delivery: 'header' | 'meta' = 'header',
  host?: string,
): string {
  const sockets = host ? `ws://${host} wss://${host}` : 'ws: wss:';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    transport === 'websocket' ? `connect-src 'self' ${sockets}` : "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(delivery === 'header' ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}
