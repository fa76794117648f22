/** Numbers the way the summary and the nodes print them. */

/** 1234567 → "1,234,567". */
export const formatInt = (n: number): string => n.toLocaleString('en-US');

/** A short count for a node: 320, 9.2K, 23.5M. */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}K`;
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)}M`;
  return `${(n / 1e9).toFixed(2)}B`;
}

/** Bytes as MB with enough digits to mean something for small models. */
export function formatMB(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 0.1 ? mb.toFixed(3) : mb < 10 ? mb.toFixed(2) : mb.toFixed(1)} MB`;
}

/** Multiply-accumulates: 1.2 MMACs, 3.9 GMACs. */
export function formatMacs(n: number): string {
  if (n < 1e3) return `${n} MACs`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} KMACs`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MMACs`;
  return `${(n / 1e9).toFixed(2)} GMACs`;
}
