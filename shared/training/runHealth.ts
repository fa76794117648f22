/**
 * Whether a run that ended without an error actually learned. A learning rate of 10 sent the loss
 * of an MNIST network from 2 to 16 and its accuracy to 1 %, and the run still ended under a green
 * "Finished" (issue 14.5). The trainer asks this at the end of a run and sends the answer with its
 * `finished` event; the panel shows it as a warning with the likely cause. Pure: no tfjs.
 */

/** A finished run that did not learn: what happened and what to try. */
export interface RunWarning {
  code: 'diverged' | 'chance-accuracy';
  message: string;
  hint: string;
}

export interface RunHealthFacts {
  /** Training loss at the start: the first batch's. */
  startLoss?: number;
  /** Training loss of each completed epoch, in order. */
  epochLosses: readonly number[];
  /** Final accuracy (validation when there is one, else training), 0–1; absent without the metric. */
  accuracy?: number;
  /** Classification: the number of classes. */
  classes?: number;
  /** The optimizer's learning rate. */
  learningRate?: number;
  optimizer?: string;
}

/** A loss this many times its start has diverged rather than wandered … */
const DIVERGED_RATIO = 2;
/**
 * … when it also rose by at least this much. A continued run starts near a minimum (XOR at 0.07),
 * where noise of a few hundredths doubles the loss without anything going wrong; a diverging run
 * climbs by whole units (MNIST at learning rate 10: 2 → 16).
 */
const DIVERGED_RISE = 0.25;

const num = (v: number) => Number(v.toPrecision(3)).toString();

function lowerRate(facts: RunHealthFacts): string {
  const lr = facts.learningRate;
  if (lr === undefined) return 'The learning rate is probably too high: try one 10 times lower.';
  return `The learning rate (${num(lr)}) is probably too high: try ${num(lr / 10)}, or ${
    facts.optimizer === 'adam' ? 'the default 0.001' : 'adam with 0.001'
  }, and train again.`;
}

/**
 * Null when the run looks healthy; otherwise a warning: the loss ended far above where it began
 * (diverged), or the accuracy is no better than guessing after at least one epoch.
 */
export function diagnoseRun(facts: RunHealthFacts): RunWarning | null {
  const losses = facts.epochLosses.filter(Number.isFinite);
  const start = facts.startLoss ?? losses[0];
  const end = losses.at(-1);
  if (
    start !== undefined &&
    end !== undefined &&
    start > 0 &&
    end > start * DIVERGED_RATIO &&
    end - start >= DIVERGED_RISE
  ) {
    return {
      code: 'diverged',
      message: `The training diverged: the loss rose from ${num(start)} to ${num(end)} instead of falling.`,
      hint: lowerRate(facts),
    };
  }
  const k = facts.classes;
  if (facts.accuracy !== undefined && k && k >= 2 && losses.length > 0) {
    const chance = 1 / k;
    // Within a few points of guessing (or below it): the network has not learned the classes.
    if (facts.accuracy <= chance + Math.max(0.02, chance * 0.1)) {
      const rising = start !== undefined && end !== undefined && end >= start;
      return {
        code: 'chance-accuracy',
        message: `The network did not learn: its accuracy (${(facts.accuracy * 100).toFixed(1)} %) is no better than guessing among ${k} classes (${(chance * 100).toFixed(1)} %).`,
        hint: rising
          ? lowerRate(facts)
          : 'Train for more epochs, or check the learning rate (too high or too low), the output layer and the loss.',
      };
    }
  }
  return null;
}
