import { describe, expect, it } from 'vitest';
import { newProject, parseProject, serializeProject, withProjectId } from './projectFile';

const DESIGN_EXAMPLE = {
  format: 'deepwire-project',
  version: 2,
  name: 'Tiny CNN',
  description: 'Optional text shown in the template gallery.',
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
      { id: 'c1', kind: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu' } },
      { id: 'p1', kind: 'MaxPooling2D', params: { poolSize: 2 } },
      { id: 'f', kind: 'Flatten', params: {} },
      { id: 'out', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
    edges: [
      { source: 'in', target: 'c1' },
      { source: 'c1', target: 'p1' },
      { source: 'p1', target: 'f' },
      { source: 'f', target: 'out' },
    ],
  },
  training: {
    dataset: { builtin: 'mnist' },
    loss: 'categoricalCrossentropy',
    optimizer: { kind: 'adam', learningRate: 0.001 },
    metrics: ['accuracy'],
    batchSize: 32,
    epochs: 5,
    validationSplit: 0.1,
    seed: 42,
  },
};

describe('project file', () => {
  it('reads DESIGN.md’s example and round-trips it byte for byte', () => {
    const text = serializeProject(DESIGN_EXAMPLE as never);
    const r = parseProject(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(serializeProject(r.project)).toBe(text);
  });

  it('keeps unknown fields at every level', () => {
    const withExtras = structuredClone(DESIGN_EXAMPLE) as Record<string, unknown> & typeof DESIGN_EXAMPLE;
    withExtras.author = 'Ada';
    (withExtras.graph.nodes[1] as Record<string, unknown>).color = '#f00';
    (withExtras.graph.edges[0] as Record<string, unknown>).label = 'pixels';
    (withExtras.training as Record<string, unknown>).notes = 'n';
    const r = parseProject(JSON.stringify(withExtras));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.author).toBe('Ada');
    expect(r.project.graph.nodes[1].color).toBe('#f00');
    expect(r.project.graph.edges[0].label).toBe('pixels');
    expect(r.project.training?.notes).toBe('n');
  });

  it.each([
    ['not JSON', '{"format": ', /not valid JSON/],
    ['not an object', '[1,2]', /not a JSON object/],
    ['another format', '{"format":"keras","version":1}', /not a Deepwire project: its format is "keras"/],
    ['no format', '{"version":1,"graph":{"nodes":[]}}', /no "format"/],
    [
      'a future version',
      '{"format":"deepwire-project","version":7,"graph":{"nodes":[]}}',
      /newer Deepwire \(file version 7; this one reads up to 2\)/,
    ],
  ])('refuses %s with a clear message', (_, text, message) => {
    const r = parseProject(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(message);
  });

  it('gives the path of each schema error', () => {
    const bad = structuredClone(DESIGN_EXAMPLE) as {
      graph: { nodes: Record<string, unknown>[] };
      training: Record<string, unknown>;
    };
    bad.graph.nodes[2].kind = 7;
    bad.training.batchSize = -1;
    const r = parseProject(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['graph.nodes[2].kind', 'training.batchSize']));
  });

  it('migrates the version-0 layout', () => {
    const v0 = {
      version: 0,
      name: 'old',
      nodes: [{ id: 'in', type: 'Input', params: { shape: [2] } }],
      edges: [],
      extra: 1,
    };
    const r = parseProject(JSON.stringify(v0));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(0);
    expect(r.project).toMatchObject({
      format: 'deepwire-project',
      version: 2,
      extra: 1,
      graph: { nodes: [{ id: 'in', kind: 'Input' }] },
    });
  });

  it('migrates a version 1 file to version 2 unchanged but for the version', () => {
    const v1 = { ...structuredClone(DESIGN_EXAMPLE), version: 1, extra: { deep: [1, 2] } };
    const r = parseProject(JSON.stringify(v1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    expect(r.project).toEqual({ ...v1, version: 2 });
  });

  it('turns version 1’s never-implemented { path } dataset into { file }', () => {
    const v1 = { ...structuredClone(DESIGN_EXAMPLE), version: 1 };
    (v1.training as Record<string, unknown>).dataset = { path: 'data/stars.csv', target: 'class' };
    const r = parseProject(JSON.stringify(v1));
    expect(r.ok && r.project.training?.dataset).toEqual({ file: 'data/stars.csv', target: 'class' });
  });

  it('reads version 2’s own data, initial weights and frozen layers, and round-trips them', () => {
    // Deepwire writes `weights` right after the graph, where parsing puts it.
    const { training, ...head } = structuredClone(DESIGN_EXAMPLE);
    const v2 = { ...head, weights: 'tiny.weights/model.json', training } as Record<string, unknown> &
      typeof DESIGN_EXAMPLE;
    (v2.graph.nodes[1] as Record<string, unknown>).trainable = false;
    (v2.training as Record<string, unknown>).dataset = {
      file: 'data/galaxies.fits',
      format: 'fits',
      target: 'CLASS',
      imageSize: [64, 64],
      hdu: 1,
      size: 5000,
    };
    const text = serializeProject(v2 as never);
    const r = parseProject(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeProject(r.project)).toBe(text);
  });

  it('names what is wrong in a file dataset', () => {
    const v2 = structuredClone(DESIGN_EXAMPLE);
    (v2.training as Record<string, unknown>).dataset = { file: 'x.csv', format: 'xls' };
    const r = parseProject(JSON.stringify(v2));
    expect(r.ok).toBe(false);
  });

  it('fills defaults for a minimal file', () => {
    const r = parseProject('{"format":"deepwire-project","version":1,"graph":{"nodes":[]}}');
    expect(r.ok && r.project).toMatchObject({ name: 'Untitled', graph: { edges: [] } });
    expect(parseProject(serializeProject(newProject('x'))).ok).toBe(true);
  });
});

describe('project id', () => {
  it('keeps a file’s id through parse and save, byte for byte', () => {
    // Deepwire writes the id after the name (newProject, withProjectId), where parsing puts it.
    const { format, version, name, ...rest } = DESIGN_EXAMPLE;
    const text = serializeProject({
      format,
      version,
      name,
      id: 'b7e1c6a2-0000-4000-8000-000000000001',
      ...rest,
    } as never);
    const r = parseProject(text);
    expect(r.ok && r.project.id).toBe('b7e1c6a2-0000-4000-8000-000000000001');
    if (r.ok) expect(serializeProject(r.project)).toBe(text);
  });

  it('still opens a file without one, and writes it back unchanged', () => {
    const text = serializeProject(DESIGN_EXAMPLE as never);
    expect(text).not.toContain('"id": "b');
    const r = parseProject(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect('id' in r.project).toBe(false);
    expect(serializeProject(r.project)).toBe(text);
  });

  it('gives a project an id after its name, or replaces the one it has', () => {
    expect(Object.keys(newProject('x', 'i1'))).toEqual(['format', 'version', 'name', 'id', 'graph']);
    expect('id' in newProject('x')).toBe(false);
    const r = parseProject(serializeProject(DESIGN_EXAMPLE as never));
    if (!r.ok) throw new Error('unparsed');
    const given = withProjectId(r.project, 'i2');
    expect(Object.keys(given).slice(0, 4)).toEqual(['format', 'version', 'name', 'id']);
    expect(given).toEqual({ ...r.project, id: 'i2' });
    expect(withProjectId(given, 'i3').id).toBe('i3');
  });
});

describe('project file: groups (presentation only, optional)', () => {
  const withGroups = (groups: unknown) => ({ ...DESIGN_EXAMPLE, graph: { ...DESIGN_EXAMPLE.graph, groups } });

  it('round-trips a file with groups byte for byte', () => {
    const file = withGroups([{ id: 'features', label: 'Features', members: ['c1', 'p1'], collapsed: true }]);
    const text = serializeProject(file as never);
    const r = parseProject(text);
    expect(r.ok && serializeProject(r.project)).toBe(text);
  });

  it('refuses a group naming a missing layer, or two overlapping groups, saying where and what to do', () => {
    const missing = parseProject(JSON.stringify(withGroups([{ id: 'g', label: 'G', members: ['c1', 'nope'] }])));
    expect(missing).toEqual({
      ok: false,
      errors: [
        {
          path: 'graph.groups[0].members[1]',
          message:
            'Group "g" lists "nope", which is not a layer of this network; remove it from the group\'s members or add the layer.',
        },
      ],
    });
    const overlap = parseProject(
      JSON.stringify(
        withGroups([
          { id: 'g1', label: '1', members: ['c1', 'p1'] },
          { id: 'g2', label: '2', members: ['p1', 'f'] },
        ]),
      ),
    );
    expect(!overlap.ok && overlap.errors[0].path).toBe('graph.groups[1].members');
    expect(!overlap.ok && overlap.errors[0].message).toContain('overlap');
  });

  it('a file with groups still reads where code ignores them (the graph keeps them as a field)', () => {
    const r = parseProject(JSON.stringify(withGroups([{ id: 'g', label: 'G', members: ['c1'], extra: 1 }])));
    expect(r.ok && r.project.graph.nodes.length).toBe(5);
    expect(r.ok && r.project.graph.groups).toEqual([{ id: 'g', label: 'G', members: ['c1'], extra: 1 }]);
  });
});
