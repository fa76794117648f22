export type StepMode = 'parallel' | 'single';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Decides, from the first steps once the gradient workers are ready, whether splitting batches pays
 * on this machine now: blocks of `block` steps alternate between the threads and one thread,
 * `rounds` times each (the first step of a block longer than one is not timed), and the threads are kept only if
 * their median step is at least 5 % faster. Both ways compute the same step to float rounding, so
 * the trial costs nothing but the slower way's time; on a busy machine, or a network whose steps
 * are too small to split, it keeps training from getting slower than on one thread.
 */
export class ThreadTrial {
  private readonly times: Record<StepMode, number[]> = { parallel: [], single: [] };
  private steps = 0;
  decision: StepMode | null = null;

  constructor(
    private readonly block = 4,
    private readonly rounds = 2,
  ) {}

  /** How the next step should run. */
  next(): StepMode {
    return this.decision ?? (Math.floor(this.steps / this.block) % 2 === 0 ? 'parallel' : 'single');
  }

  /** Records how long a step took (ms); returns the decision once it is made. */
  record(mode: StepMode, ms: number): StepMode | null {
    if (this.decision) return this.decision;
    if (this.block === 1 || this.steps % this.block > 0) this.times[mode].push(ms);
    this.steps++;
    if (this.steps >= 2 * this.block * this.rounds) {
      this.decision = this.parallelMs() < 0.95 * this.singleMs() ? 'parallel' : 'single';
    }
    return this.decision;
  }

  parallelMs(): number {
    return median(this.times.parallel);
  }

  singleMs(): number {
    return median(this.times.single);
  }
}
