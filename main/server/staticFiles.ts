import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../../shared/protocol/contentSecurityPolicy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Marks the page as served by `deepwire serve`, so the renderer picks its WebSocket client. */
export const SERVED_MARKER = '<meta name="deepwire-transport" content="websocket" />';

/**
 * Resolves a URL path to a file inside `root`, or null if it would leave `root` (`..`, encoded
 * separators, NUL bytes).
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  if (relative.split(/[/\\]/).includes('..')) return null;
  const full = join(root, relative);
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/**
 * {@link resolveInside}, then the same check on the real path: a symbolic link in the renderer
 * folder pointing out of it (`dist/renderer/x -> ../../secret`) is not served (issue 13 security
 * suite). A missing file stays missing (null either way).
 */
async function confinedFile(root: string, urlPath: string): Promise<string | null> {
  const file = resolveInside(root, urlPath);
  if (!file) return null;
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]).catch(() => [null, null]);
  if (!realRoot || !realFile) return null;
  return realFile === realRoot || realFile.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)
    ? realFile
    : null;
}

/** Sends one file of the built renderer; index.html gets the served marker and the CSP header. */
export async function sendStatic(
  res: ServerResponse,
  root: string,
  urlPath: string,
  headOnly: boolean,
  host?: string,
): Promise<void> {
  const file = await confinedFile(root, urlPath);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
    return;
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  let body: Buffer = await readFile(file);
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-cache' };
  if (type.startsWith('text/html')) {
    body = Buffer.from(body.toString('utf8').replace(/<head>/i, (head) => `${head}\n    ${SERVED_MARKER}`));
    // Only a plain host[:port] goes into the header (the Host header is the client's to write).
    const own = host && /^[\w.-]+(:\d{1,5})?$|^\[[\da-f:]+\](:\d{1,5})?$/i.test(host) ? host : undefined;
    headers['content-security-policy'] = contentSecurityPolicy('websocket', 'header', own);
    headers['cache-control'] = 'no-store';
  }
  headers['content-length'] = String(body.byteLength);
  res.writeHead(200, headers);
  res.end(headOnly ? undefined : body);
}
