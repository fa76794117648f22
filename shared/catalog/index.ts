import { Dense, Input } from './core';
import type { LayerSpec } from './types';

export * from './types';
export * from './enums';

/**
 * Every layer kind, in palette order within each category. Adding a kind means adding its spec
 * here and its rows in the table-driven tests.
 */
export const LAYER_SPECS: readonly LayerSpec[] = [Input, Dense];

const byKind = new Map(LAYER_SPECS.map((s) => [s.kind, s]));

/** The spec of a kind, or undefined for a kind Deepwire does not know. */
export function getSpec(kind: string): LayerSpec | undefined {
  return byKind.get(kind);
}

export const KINDS: readonly string[] = LAYER_SPECS.map((s) => s.kind);
