import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDatasetInfo } from '../../main/engine/datasets';
import { analyzeGraph } from '../graph/analyzeGraph';
import { applyEdit } from '../graph/edits';
import { parseProject } from '../project';
import type { TrainingConfig } from './options';
import { smallerInputPlan, smallerSides, worksAtSide } from './smallerInput';

const template = (id: string) => {
  const r = parseProject(readFileSync(join(__dirname, '../../templates', `${id}.deepwire.json`), 'utf8'));
  if (!r.ok) throw new Error(id);
  return r.project;
};
const shapes = getDatasetInfo('shapes');

describe('the smallest input side an architecture accepts', () => {
  // By hand: VGG halves five times (2×2 pools, valid) → 32; AlexNet's 11×11/4 conv and three 3×3/2
  // valid pools need (((s − 11)/4 + 1 − 3)/2 + 1 − 3)/2 + 1 ≥ 3 → s ≥ 67; GoogLeNet's same-padded
  // strides leave ⌈s/32⌉, and its final 7×7 average pooling (valid) needs 7 → s ≥ 193; ResNet-50
  // pads before its strided layers and ends in global pooling, so even 1 pixel goes through.
  it.each([
    ['vgg16', 32, 64],
    ['alexnet', 67, 67],
    ['googlenet', 193, 193],
    ['resnet50', 1, 64],
  ])('%s: smallest %i, trains at %i', (id, smallest, side) => {
    const graph = template(id).graph;
    expect(smallerSides(graph)).toEqual({ smallest, side });
    expect(worksAtSide(graph, smallest)).toBe(true);
    if (smallest > 1) expect(worksAtSide(graph, smallest - 1)).toBe(false);
  });
});

describe('the plan', () => {
  it('sets the Input and the dataset together and says what changed (VGG16)', () => {
    const project = template('vgg16');
    const plan = smallerInputPlan(project.graph, project.training as TrainingConfig, shapes)!;
    expect(plan.side).toBe(64);
    expect(plan.training.dataset).toEqual({ builtin: 'shapes', options: { imageSize: 64 } });
    const graph = applyEdit(project.graph, plan.edit).graph;
    const a = analyzeGraph(graph);
    expect(a.valid).toBe(true);
    expect(a.nodes.get('input')!.outputShape).toEqual([null, 64, 64, 3]);
    // Same layers, same kinds: only the Input's shape moved.
    expect(graph.nodes.map((n) => n.kind)).toEqual(project.graph.nodes.map((n) => n.kind));
    expect(plan.changes[0]).toBe('Input 224×224×3 → 64×64×3');
    expect(plan.changes[2]).toMatch(
      /^Parameters 134\.3 M → 39\.9 M, multiply-adds per example 15\.\d\d G → 1\.\d\d G$/,
    );
  });

  it('says when the architecture allows nothing as small as asked (AlexNet: 67)', () => {
    const project = template('alexnet');
    const plan = smallerInputPlan(project.graph, project.training as TrainingConfig, shapes)!;
    expect(plan.side).toBe(67);
    expect(plan.changes).toContain('67×67 is the smallest this architecture accepts');
  });

  it('is not offered for small inputs or datasets of one size', () => {
    const lenet = template('lenet5');
    expect(smallerInputPlan(lenet.graph, lenet.training as TrainingConfig, getDatasetInfo('mnist'))).toBeNull();
    const vgg = template('vgg16');
    const mnist = { ...(vgg.training as TrainingConfig), dataset: { builtin: 'mnist' } };
    expect(smallerInputPlan(vgg.graph, mnist, getDatasetInfo('mnist'))).toBeNull();
  });
});
