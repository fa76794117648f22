/** What one example's outputs mean, as the Try it view shows them. */
export type Reading =
  /** Class probabilities (softmax, or a sigmoid's p and 1 − p), or per-class scores when they are not probabilities. */
  | { kind: 'classes'; names: string[]; values: number[]; best: number; probabilities: boolean }
  /** One output that is a margin (hinge loss, tanh): above `threshold` is the second class. */
  | { kind: 'score'; names: string[]; score: number; threshold: number; said: string }
  /** Regression: values in the targets' own units. */
  | { kind: 'values'; names: string[]; values: number[] };

const isProbability = (v: number) => v >= 0 && v <= 1;

/**
 * Reads a model's outputs for one example. `classNames` say it is a classifier; `scored` that the
 * run's evaluation showed its outputs as scores (a hinge loss), never as probabilities (issue 14.4).
 */
export function readOutputs(
  outputs: readonly number[],
  opts: { classNames?: readonly string[]; targetNames?: readonly string[]; scored?: boolean },
): Reading {
  const names = opts.classNames;
  if (names && names.length >= 2) {
    if (outputs.length === 1) {
      const v = outputs[0];
      if (opts.scored || !isProbability(v)) {
        // A hinge margin or a tanh output: the sign decides (0 is the boundary).
        return { kind: 'score', names: [...names], score: v, threshold: 0, said: names[v > 0 ? 1 : 0] };
      }
      return { kind: 'classes', names: [...names], values: [1 - v, v], best: v > 0.5 ? 1 : 0, probabilities: true };
    }
    const values = [...outputs];
    const best = values.reduce((b, v, i) => (v > values[b] ? i : b), 0);
    const sum = values.reduce((a, b) => a + b, 0);
    const probabilities = !opts.scored && values.every(isProbability) && Math.abs(sum - 1) < 1e-3;
    const labels = values.map((_, i) => names[i] ?? `class ${i}`);
    return { kind: 'classes', names: labels, values, best, probabilities };
  }
  const targets = opts.targetNames ?? [];
  return {
    kind: 'values',
    names: outputs.map((_, i) => targets[i] ?? (outputs.length === 1 ? 'value' : `output ${i + 1}`)),
    values: [...outputs],
  };
}
