import { describe, expect, it } from 'vitest';
import { ThreadTrial, type StepMode } from './threadTrial';

/** Runs a trial where a parallel step takes `parallel` ms and a single one `single` ms. */
function decide(parallel: number, single: number) {
  const trial = new ThreadTrial(4, 2);
  const modes: StepMode[] = [];
  let decision: StepMode | null = null;
  while (!decision) {
    const mode = trial.next();
    modes.push(mode);
    // The first step of each block is slow (it is not timed).
    const ms = (mode === 'parallel' ? parallel : single) * (modes.length % 4 === 1 ? 10 : 1);
    decision = trial.record(mode, ms);
  }
  return { decision, modes, next: trial.next() };
}

describe('ThreadTrial', () => {
  it('alternates blocks of steps, then keeps the threads when they are faster', () => {
    const { decision, modes, next } = decide(6, 10);
    expect(modes.join(',')).toBe(
      'parallel,parallel,parallel,parallel,single,single,single,single,parallel,parallel,parallel,parallel,single,single,single,single',
    );
    expect(decision).toBe('parallel');
    expect(next).toBe('parallel');
  });

  it('goes back to one thread when splitting is slower or gains under 5 %', () => {
    expect(decide(12, 10).decision).toBe('single');
    expect(decide(9.7, 10).decision).toBe('single');
    expect(decide(9.4, 10).decision).toBe('parallel');
  });
});
