import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listDatasets, previewDataset } from '../main/engine/datasets';
import { trainingReadiness } from '../renderer/src/training/setup/trainingChecks';
import { analyzeGraph } from '../shared/graph';
import { parseProject } from '../shared/project';
import { checkTraining, proposeLoss } from '../shared/training/checkTraining';
import { datasetRequest } from '../shared/training/datasetOptions';
import { modelFacts } from '../shared/training/modelFacts';

/**
 * Issue 14.1: the Train panel said the exoplanet template's data were [256, 1] (ignoring the
 * template's `length: 180`) and refused to train, while the trainer used the options. For every
 * template that names a built-in dataset, the panel's verdict must be the trainer's: the same
 * problem (or none), with the example shape the engine really generates for the template's options.
 */

const dir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.deepwire.json'))
  .sort();

const catalogue = listDatasets();

function load(file: string) {
  const r = parseProject(readFileSync(join(dir, file), 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return r.project;
}

const withBuiltin = files.filter((f) => {
  const ref = load(f).training?.dataset;
  return !!ref && 'builtin' in ref;
});

describe('every template with a built-in dataset: the Train panel says what the trainer says', () => {
  it('covers the templates that train on built-in data', () => {
    expect(withBuiltin).toContain('exoplanet.deepwire.json');
    // Issue 14, 2.1: every template trains on a built-in set (the ImageNet-size ones on shapes).
    expect(withBuiltin).toEqual(files);
    expect(files.length).toBe(26);
  });

  it.each(withBuiltin)('%s', async (file) => {
    const project = load(file);
    const training = project.training!;
    const ref = training.dataset as { builtin: string; options?: Record<string, unknown> };
    const analysis = analyzeGraph(project.graph);
    const panel = trainingReadiness(project.graph, analysis, training, catalogue);

    // What the trainer does (setupRun): generate with the options, then the shared pairing check.
    const generated = await previewDataset(ref.builtin, { seed: 1, ...datasetRequest(ref.options) }, 1);
    const info = catalogue.find((d) => d.id === ref.builtin)!;
    const facts = modelFacts(project.graph, analysis)!;
    const data = {
      id: info.id,
      task: info.task,
      inputShape: generated.inputShape,
      classes: info.classNames?.length,
      targets: info.targetNames?.length,
    };
    const target = training.target ?? 'labels';
    const loss = training.loss ?? proposeLoss(facts.outputShape, facts.outputActivation, data, target);
    const trainer = checkTraining(loss, facts, data, target);

    expect(panel.problems.map((p) => p.message)).toEqual(trainer ? [trainer.message] : []);
    // Every template that names a built-in dataset is meant to train as shipped.
    expect(panel.problems).toEqual([]);
  });

  it('refuses options the trainer would refuse, in the same words', () => {
    const project = load('exoplanet.deepwire.json');
    const training = { ...project.training, dataset: { builtin: 'exoplanet-transits', options: { length: 9000 } } };
    const panel = trainingReadiness(project.graph, analyzeGraph(project.graph), training, catalogue);
    expect(panel.problems[0]?.message).toBe(
      'Parameter "length" of dataset "exoplanet-transits" must be a whole number from 64 to 2048; got 9000.',
    );
  });
});
