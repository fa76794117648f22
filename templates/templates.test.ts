import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getDatasetInfo, loadDataset } from '../main/engine/datasets';
import { buildTemplates } from '../scripts/templates';
import { TEMPLATE_CATEGORIES } from '../scripts/templates/templateDef';
import { analyzeGraph } from '../shared/graph';
import { parseProject, serializeProject, type Project } from '../shared/project';
import { PUBLISHED, referenceCounts } from './referenceCounts';

const dir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.deepwire.json'))
  .sort();
const idOf = (file: string) => file.replace(/\.deepwire\.json$/, '');

function load(file: string): { text: string; project: Project } {
  const text = readFileSync(join(dir, file), 'utf8');
  const r = parseProject(text);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return { text, project: r.project };
}

const inputShape = (p: Project) => p.graph.nodes.find((n) => n.kind === 'Input')!.params.shape as number[];
const exoplanetLength = inputShape(load('exoplanet.deepwire.json').project)[0];
const REFERENCE = referenceCounts(exoplanetLength);

/**
 * The templates that name no built-in dataset, and why, with the input they take and the output they
 * give, so each is still checked against what it is for. A new template without a dataset fails
 * until it is listed here.
 */
// Issue 14, 2.1: none any more — the ImageNet-size networks train on the built-in shapes pictures,
// the Keras Sequential example on the ten clusters.
const WITHOUT_BUILTIN_DATASET: Record<string, { input: number[]; output: (number | null)[] }> = {};

describe('template files', () => {
  it('are exactly the files the generator produces, and every template has a reference count', () => {
    expect(files).toEqual(
      buildTemplates()
        .map((t) => t.file)
        .sort(),
    );
    expect(files.map(idOf).sort()).toEqual(Object.keys(REFERENCE).sort());
    for (const id of Object.keys(WITHOUT_BUILTIN_DATASET)) expect(files.map(idOf)).toContain(id);
  });

  describe.each(files)('%s', (file) => {
    const { text, project } = load(file);
    const meta = project.template!;

    it('parses as a current-version project and round-trips byte for byte', () => {
      const r = parseProject(text);
      expect(r.ok && r.migratedFrom).toBe(undefined);
      expect(serializeProject(project)).toBe(text);
      const again = parseProject(serializeProject(project));
      expect(again.ok && again.project).toEqual(project);
    });

    it('has complete gallery metadata', () => {
      expect(meta.title.length).toBeGreaterThan(0);
      expect(meta.summary.length).toBeGreaterThan(40);
      expect(meta.teachingNotes.length).toBeGreaterThan(0);
      expect(meta.citation?.length).toBeGreaterThan(20);
      expect(TEMPLATE_CATEGORIES).toContain(meta.category);
      expect(meta.reference?.source.length).toBeGreaterThan(10);
      expect(Array.isArray((meta as Record<string, unknown>).deviations)).toBe(true);
    });

    it('is a valid graph whose Keras parameter count equals the recorded reference', () => {
      const a = analyzeGraph(project.graph);
      expect(a.problems).toEqual([]);
      expect(a.valid).toBe(true);
      const ref = meta.reference as { params: number; trainable?: number };
      expect(a.totals.total).toBe(ref.params);
      expect(a.totals.trainable).toBe(ref.trainable ?? ref.params);
    });

    it('records the count the paper’s table gives by hand formula (independent of the catalog)', () => {
      const [total, trainable] = REFERENCE[idOf(file)];
      const ref = meta.reference as { params: number; trainable?: number };
      expect(ref.params).toBe(total);
      expect(ref.trainable ?? ref.params).toBe(trainable);
    });

    it('fits its default dataset (input shape, outputs for the task), or is listed with the input it expects', async () => {
      const ref = project.training?.dataset as { builtin?: string; options?: Record<string, unknown> } | undefined;
      const a = analyzeGraph(project.graph);
      const out = a.nodes.get(a.outputs[0])!.outputShape!;
      if (!ref?.builtin) {
        const expected = WITHOUT_BUILTIN_DATASET[idOf(file)];
        expect(expected, `${file} names no built-in dataset: list it in WITHOUT_BUILTIN_DATASET`).toBeDefined();
        expect(inputShape(project)).toEqual(expected.input);
        expect(out).toEqual(expected.output);
        return;
      }
      expect(WITHOUT_BUILTIN_DATASET).not.toHaveProperty(idOf(file));
      const info = getDatasetInfo(ref.builtin);
      // The shape can depend on the dataset's options (a light curve's length): generate a few examples to see it.
      const params = ref.options && Object.keys(ref.options).length ? ref.options : undefined;
      const sample = await loadDataset(ref.builtin, { seed: 1, size: 20, params });
      expect(inputShape(project)).toEqual(sample.inputShape);
      if ((project.training as { target?: string }).target === 'input') {
        expect(out).toEqual([null, ...sample.inputShape]);
      } else if (info.task === 'regression') {
        expect(out).toEqual([null, info.targetNames!.length]);
      } else {
        const classes = info.classNames!.length;
        expect(out[1] === classes || (classes === 2 && out[1] === 1)).toBe(true);
      }
    });
  });
});

describe('reference formulas', () => {
  it('reproduce the published Keras / torchvision figures (ImageNet-size networks with 1000 classes)', () => {
    const IMAGENET = referenceCounts(exoplanetLength, 1000);
    expect(IMAGENET.vgg16[0]).toBe(PUBLISHED.vgg16);
    expect(IMAGENET.vgg19[0]).toBe(PUBLISHED.vgg19);
    expect(IMAGENET.resnet50[0]).toBe(PUBLISHED.resnet50);
    expect(IMAGENET.resnet18[1]).toBe(PUBLISHED.resnet18Torchvision);
    expect(IMAGENET.alexnet[0]).toBe(PUBLISHED.alexnetOneTower);
    expect(REFERENCE.lenet5[0]).toBe(PUBLISHED.lenet5Keras);
    expect(REFERENCE['dropout-example'][0]).toBe(PUBLISHED.kerasMnistMlp);
    expect(REFERENCE['conv-autoencoder'][0]).toBe(PUBLISHED.kerasConvAutoencoder);
  });
});

describe('generator', () => {
  it('is deterministic: two in-memory builds are identical and equal the committed files', () => {
    const a = buildTemplates().map((t) => [t.file, serializeProject(t.project)]);
    const b = buildTemplates().map((t) => [t.file, serializeProject(t.project)]);
    expect(a).toEqual(b);
    for (const [file, text] of a) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
  });

  it('lays every node out (simple top-to-bottom positions)', () => {
    for (const { project } of buildTemplates()) {
      for (const n of project.graph.nodes) expect(n.position, n.id).toBeDefined();
    }
  });
});
