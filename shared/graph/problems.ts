/**
 * Problem codes: every message about a graph carries one, so the UI, the CLI and tests can tell
 * problems apart without parsing words.
 */
export const PROBLEM_CODES = [
  'unknown-kind',
  'bad-param',
  'missing-input',
  'too-many-inputs',
  'cycle',
  'shape',
  'no-input',
  'no-output',
  'duplicate-id',
  'dangling-edge',
  'unused-input',
  /** A layer named like a property every JavaScript object has (`constructor`, `__proto__`, …). */
  'reserved-id',
  /** More weights than can be trained (error) or than most machines hold (warning). */
  'too-large',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A plain-words problem anchored to a node (or to the whole graph when nodeId is null). */
export interface Problem {
  code: ProblemCode;
  nodeId: string | null;
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Warnings do not stop training; errors do. */
  severity: 'error' | 'warning';
}
