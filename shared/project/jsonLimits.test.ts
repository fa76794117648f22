import { describe, expect, it } from 'vitest';
import { validateCall } from '../protocol/wire';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './jsonLimits';
import { parseProject } from './projectFile';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const minimal = (extra = ''): string =>
  `{"format":"deepwire-project","version":2,"name":"N","graph":{"nodes":[],"edges":[]}${extra}}`;

describe('jsonDepthExceeds', () => {
  it('draws the line at MAX_JSON_DEPTH levels', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(42)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: null }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('does not overflow the stack itself on 50,000 levels', () => {
    expect(jsonDepthExceeds(nested(50_000))).toBe(true);
  });

  it('treats a cycle as too deep, a shared object as fine, and is quick on a shared-node lattice', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonDepthExceeds(cyclic)).toBe(true);
    const shared = { x: 1 };
    expect(jsonDepthExceeds({ a: shared, b: shared, c: [shared, shared] })).toBe(false);
    // 40 levels where each level points twice at the next: 2^40 paths if walked naively.
    let lattice: unknown = {};
    for (let i = 0; i < 40; i++) lattice = { l: lattice, r: lattice };
    expect(jsonDepthExceeds(lattice)).toBe(false);
    expect(jsonDepthExceeds(lattice, 30)).toBe(true);
  });
});

describe('deep nesting is refused where files and calls enter (issue 13, item 3)', () => {
  it('a project file with a field nested 3,500 deep is refused with a message, not a crash', () => {
    const r = parseProject(minimal(`,"extra":${'['.repeat(3500)}${']'.repeat(3500)}`));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].message).toMatch(/nests more than 64 levels/);
  });

  it('a startRun call with a deep loose field is a bad-request', () => {
    const project = JSON.parse(minimal()) as Record<string, unknown>;
    project.extra = nested(6000);
    const r = validateCall('startRun', [project]);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!r.ok && r.error.message).toContain('nest more than 64 levels');
  });

  it('echoes at most 80 characters of an unknown method name (issue 13, item 14)', () => {
    const r = validateCall('x'.repeat(1_000_000), []);
    expect(!r.ok && r.error.message.length).toBeLessThan(200);
  });

  it('reads a file that starts with a UTF-8 byte-order mark (issue 13, item 15)', () => {
    expect(parseProject(`\uFEFF${minimal()}`).ok).toBe(true);
  });

  it('refuses a graph with more than 10,000 layers with a message', () => {
    const nodes = Array.from({ length: 10_001 }, (_, i) => ({ id: `n${i}`, kind: 'Dense', params: {} }));
    const r = parseProject(JSON.stringify({ ...JSON.parse(minimal()), graph: { nodes, edges: [] } }));
    expect(!r.ok && r.errors[0]).toMatchObject({
      path: 'graph.nodes',
      message: expect.stringContaining('at most 10,000'),
    });
  });
});
