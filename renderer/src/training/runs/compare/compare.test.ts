import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../../shared/protocol/client';
import { runSettings } from '../../../../../shared/training/runSettings';
import { chartSvg, metricsCsv } from './compareExport';
import { compareLines, runColor } from './compareLines';
import { filterRuns, sortRuns } from './runTable';
import { smooth } from './smoothing';

describe('smooth (TensorBoard)', () => {
  it('is the raw curve at 0 and a debiased moving average above', () => {
    expect([...smooth([1, 2, 3], 0)]).toEqual([1, 2, 3]);
    const s = smooth([10, 0, 0, 0], 0.5);
    // Debiased: the first point is itself, not pulled towards zero.
    expect(s[0]).toBeCloseTo(10);
    expect(s[1]).toBeCloseTo((0.5 * 5 + 0) / (1 - 0.25));
    expect(s[3]).toBeLessThan(s[2]);
    // A constant stays constant at any weight.
    for (const v of smooth([4, 4, 4, 4], 0.95)) expect(v).toBeCloseTo(4);
  });

  it('keeps a NaN point (a diverged loss) without poisoning the rest', () => {
    const s = smooth([1, Number.NaN, 1], 0.6);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(s[2]).toBeCloseTo(1);
  });
});

describe('compareLines', () => {
  it('gives every run its own colour, train solid and validation dashed, with the smoothing', () => {
    const lines = compareLines(
      [1, 2, 3].map((i) => ({ runId: `r${i}`, name: `r${i}` })),
      'loss',
      0.6,
    );
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((l) => l.color)).size).toBe(3);
    expect(lines[0]).toMatchObject({ color: runColor(0), column: 'loss', smoothing: 0.6 });
    expect(lines[1]).toMatchObject({ color: runColor(0), column: 'val_loss', dash: [5, 3] });
  });
});

const summary = (id: string, over: Partial<RunSummary> & { training?: Record<string, unknown> } = {}): RunSummary => {
  const { training, ...rest } = over;
  return {
    runId: id,
    projectName: 'p',
    createdAt: `2026-11-29T10:00:0${id.at(-1)}Z`,
    status: 'completed',
    epochsCompleted: 5,
    settings: runSettings({ graph: { nodes: [] }, training: training ?? {} }),
    ...rest,
  };
};

describe('the runs table', () => {
  const runs = [
    summary('run-1', { training: { optimizer: { kind: 'sgd', learningRate: 0.1 } }, final: { train: { loss: 0.5 } } }),
    summary('run-2', { training: { optimizer: { kind: 'adam' } }, status: 'stopped', final: { train: { loss: 0.2 } } }),
    summary('run-3', { training: { optimizer: { kind: 'sgd', learningRate: 0.01 } } }),
  ];

  it('sorts by any column, missing values last, and reverses', () => {
    expect(sortRuns(runs, { by: 'started', desc: true }).map((r) => r.runId)).toEqual(['run-3', 'run-2', 'run-1']);
    expect(sortRuns(runs, { by: 'learningRate', desc: false }).map((r) => r.runId)).toEqual([
      'run-2',
      'run-3',
      'run-1',
    ]);
    expect(sortRuns(runs, { by: 'loss', desc: false }).map((r) => r.runId)).toEqual(['run-2', 'run-1', 'run-3']);
    expect(sortRuns(runs, { by: 'loss', desc: true }).map((r) => r.runId)).toEqual(['run-1', 'run-2', 'run-3']);
  });

  it('filters by status and by every word typed', () => {
    expect(filterRuns(runs, { text: '', status: 'stopped' }).map((r) => r.runId)).toEqual(['run-2']);
    expect(filterRuns(runs, { text: 'sgd 0.01', status: '' }).map((r) => r.runId)).toEqual(['run-3']);
    expect(filterRuns(runs, { text: 'nothing-like-it', status: '' })).toEqual([]);
  });
});

describe('exports', () => {
  it('writes one CSV row per run and epoch with every metric column, quoting where needed', () => {
    const csv = metricsCsv([
      { name: 'a,1', x: [1, 2], columns: { loss: [0.5, 0.25], accuracy: [0.5, 0.75] } },
      { name: 'b', x: [1], columns: { loss: [0.4], val_loss: [Number.NaN] } },
    ]);
    expect(csv.split('\n')).toEqual([
      'run,epoch,loss,accuracy,val_loss',
      '"a,1",1,0.5,0.5,',
      '"a,1",2,0.25,0.75,',
      'b,1,0.4,,',
      '',
    ]);
  });

  it('draws an SVG with a polyline per line, its legend and escaped labels', () => {
    const svg = chartSvg('Loss <train>', [
      { label: 'r1 train', color: '#3b6fd8', x: [1, 2, 3], y: [1, 0.5, 0.25] },
      { label: 'r1 validation', color: '#3b6fd8', dash: [5, 3], x: [1, 2, 3], y: [1.1, Number.NaN, 0.3] },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('Loss &lt;train&gt;');
    expect(svg).toContain('stroke-dasharray="5 3"');
    // The NaN point is left out, not drawn at NaN.
    expect(svg).not.toContain('NaN');
    const validation = /<polyline[^>]*stroke-dasharray[^>]*points="([^"]*)"/.exec(svg)![1];
    expect(validation.split(' ')).toHaveLength(2);
  });
});
