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
