// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { LAYER_SPECS } from '../../../shared/catalog';
import { allParams, checkParam, withDefaults } from '../../../shared/catalog/paramValues';
import { otherValue } from '../../../shared/catalog/testKit';
import { newProject, serializeProject } from '../../../shared/project';
import { openProjectText } from '../project/useProjectActions';
import { resetEditor, useEditor } from './index';

/**
 * Every parameter of every layer kind, set the way the inspector sets it (the store's setParam),
 * saved as the app saves (serializeProject) and opened as the app opens (openProjectText): the file
 * holds only what differs from the Keras default, and opening it gives back the same values.
 */
const s = () => useEditor.getState();
const node = () => s().project.graph.nodes[0];

/** Saves the open project and opens the saved text again, as File → Save and File → Open do. */
function saveAndReopen(): string {
  const text = serializeProject(s().project);
  expect(openProjectText(text, 'p.deepwire.json', 'p')).toBe(true);
  return text;
}

describe.each(LAYER_SPECS.map((spec) => [spec.kind, spec] as const))('%s', (kind, spec) => {
  beforeEach(() => {
    resetEditor();
    s().loadProject({ ...newProject('p'), graph: { nodes: [{ id: 'n', kind, params: {} }], edges: [] } }, null);
  });

  it('saves no parameter while every one is at its default, even one set to it', () => {
    for (const [name, p] of Object.entries(allParams(spec))) s().setParam('n', name, p.default);
    saveAndReopen();
    expect(node().params).toEqual({});
  });

  it.each(Object.entries(allParams(spec)))('round-trips an edited %s, and forgets it when set back', (name, p) => {
    const value = otherValue(p);
    expect(checkParam(p, value)).toBeNull();
    s().setParam('n', name, value);
    const text = saveAndReopen();
    expect(JSON.parse(text).graph.nodes[0].params).toEqual({ [name]: value });
    expect(node().params).toEqual({ [name]: value });
    expect(withDefaults(spec, node().params)).toEqual(withDefaults(spec, { [name]: value }));

    s().setParam('n', name, p.default);
    saveAndReopen();
    expect(node().params).toEqual({});
  });
});
