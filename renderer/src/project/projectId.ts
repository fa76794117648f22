/**
 * A fresh project identity (a UUID v4). `crypto.randomUUID` needs a secure context, which a
 * `deepwire serve` page opened over plain http from another machine is not; `getRandomValues` works
 * everywhere, so it is the fallback.
 */
export function newProjectId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
