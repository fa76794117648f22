/**
 * Small UI preferences (panel height, minimap on/off) kept in localStorage. Never throws: storage
 * can be missing or full (a locked-down browser, a sandboxed page), and a preference is not worth
 * an error.
 */
export function readStored<T>(key: string, valid: (v: unknown) => v is T): T | undefined {
  try {
    const text = globalThis.localStorage?.getItem(key);
    if (text == null) return undefined;
    const v: unknown = JSON.parse(text);
    return valid(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered; the UI still works.
  }
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
