import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyzeGraph';
import type { Graph } from './types';

// Regressions for issue 13, item 10: graphs that passed validation and then failed in training.

const mlp = (inputId: string, units: unknown, shape: unknown = [4]): Graph =>
  ({
    nodes: [
      { id: inputId, kind: 'Input', params: { shape } },
      { id: 'd', kind: 'Dense', params: { units } },
    ],
    edges: [{ source: inputId, target: 'd' }],
  }) as Graph;

describe('sizes, reserved names and prototype keys', () => {
  it.each([1e308, 2 ** 31, 1e15])('refuses units = %d with a message', (units) => {
    const a = analyzeGraph(mlp('in', units));
    expect(a.valid).toBe(false);
    expect(a.problems[0]).toMatchObject({ code: 'bad-param', message: expect.stringContaining('at most 10,000,000') });
  });

  it.each([[[1e308]], [[2 ** 31, 2]], [[1e15, 1, 1]]])('refuses an Input shape of %j', (shape) => {
    expect(analyzeGraph(mlp('in', 4, shape)).problems[0]).toMatchObject({ code: 'bad-param' });
  });

  it('totals stay finite numbers, and a huge but legal network gets a size warning or error', () => {
    const big = analyzeGraph(mlp('in', 100_000, [100_000]));
    expect(Number.isFinite(big.totals.total)).toBe(true);
    expect(big.problems).toContainEqual(expect.objectContaining({ code: 'too-large', severity: 'error' }));
    const large = analyzeGraph(mlp('in', 10_000, [30_000]));
    expect(large.problems).toContainEqual(expect.objectContaining({ code: 'too-large', severity: 'warning' }));
    expect(large.valid).toBe(true);
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])('refuses a layer called %s', (id) => {
    const a = analyzeGraph(mlp(id, 4));
    expect(a.valid).toBe(false);
    expect(a.problems).toContainEqual(expect.objectContaining({ code: 'reserved-id', nodeId: id }));
  });

  it.each(['hasOwnProperty', '__proto__', 'toString', 'constructor'])('treats a param called %s as unknown', (name) => {
    const params = JSON.parse(`{"units": 4, "${name}": 1}`) as Record<string, unknown>;
    const graph = { ...mlp('in', 4), nodes: [mlp('in', 4).nodes[0], { id: 'd', kind: 'Dense', params }] } as Graph;
    const a = analyzeGraph(graph);
    expect(a.problems[0]).toMatchObject({
      code: 'bad-param',
      message: `d (Dense): ${name} Dense has no parameter "${name}".`,
    });
    expect(a.problems[0].hint).toBe(`Remove "${name}".`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
