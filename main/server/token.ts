import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The cookie the index page sets so that the page's assets and its WebSocket carry the token. Its
 * name carries the port: cookies are not port-scoped, so two `deepwire serve` on one machine would
 * otherwise overwrite each other's token (issue 13, item 9).
 */
export function tokenCookieName(port: number): string {
  return `deepwire_token_${port}`;
}

/** A fresh 128-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One cookie's value, or undefined. A value that is not valid percent-encoding (`%E0`) counts as
 * absent: the request is then simply unauthorized (regression: a URIError here, in the WebSocket
 * upgrade handler, used to kill `deepwire serve` and every run with it).
 */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Where a request may carry the token: `?token=` in the URL (the address the server printed) or
 * the HttpOnly, SameSite=Strict cookie the index page set. Returns how it was found, or null.
 */
export function findToken(
  req: IncomingMessage,
  url: URL,
  expected: string,
  cookieName: string,
): 'query' | 'cookie' | null {
  if (tokensEqual(url.searchParams.get('token'), expected)) return 'query';
  if (tokensEqual(cookieValue(req, cookieName), expected)) return 'cookie';
  return null;
}
