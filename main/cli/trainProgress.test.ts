import { describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import { progressPrinter } from './trainProgress';

const phase = (p: 'backend' | 'data', message: string, progress?: number): TrainerEvent => ({
  type: 'phase',
  runId: 'r',
  phase: p,
  message,
  ...(progress === undefined ? {} : { progress }),
});

describe('deepwire train before the first batch (issue 14.6)', () => {
  const events = [
    phase('backend', 'Starting the compute backend…'),
    phase('data', 'Generating 2,000 examples of light curves…', 0.4),
    phase('data', 'Generating 2,000 examples of light curves…', 0.9),
  ];

  it('a log gets each phase once, on its own line', () => {
    const lines: string[] = [];
    const print = progressPrinter({ isTTY: false, write: (s: string) => lines.push(s) });
    events.forEach(print);
    expect(lines).toEqual(['Starting the compute backend…\n', 'Generating 2,000 examples of light curves…\n']);
  });

  it('a terminal redraws one line with the progress', () => {
    const lines: string[] = [];
    const print = progressPrinter({ isTTY: true, write: (s: string) => lines.push(s) });
    events.forEach(print);
    expect(lines.at(-1)).toBe('\r\x1b[2KGenerating 2,000 examples of light curves… 90%');
  });
});

describe('deepwire train after an epoch', () => {
  const epoch = (threads?: number): TrainerEvent => ({
    type: 'epoch',
    runId: 'r',
    epoch: 0,
    epochs: 2,
    metrics: { loss: 0.5 },
    seconds: 1.5,
    examplesPerSecond: 1000,
    etaSeconds: 1.5,
    ...(threads ? { threads } : {}),
  });
  const print = (event: TrainerEvent) => {
    const lines: string[] = [];
    progressPrinter({ isTTY: false, write: (s: string) => lines.push(s) })(event);
    return lines.join('');
  };

  it('says the threads the epoch ran on when the run splits batches (and went back to one)', () => {
    expect(print(epoch(1))).toMatch(/\(1\.5 s, 1000 examples\/s on 1 thread\)\n$/);
    expect(print(epoch(2))).toMatch(/on 2 threads\)\n$/);
    expect(print(epoch())).toMatch(/\(1\.5 s, 1000 examples\/s\)\n$/);
  });
});
