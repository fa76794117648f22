import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetricValues, TrainerEvent } from '../../shared/protocol/trainer';
import { parseProject, type Project } from '../../shared/project';
import { setupRun, TrainingSession } from '../../main/engine/train';

export const templatesDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A template file's project (throws when it does not parse: the file tests say why). */
export function loadTemplateProject(id: string): Project {
  const r = parseProject(readFileSync(join(templatesDir, `${id}.deepwire.json`), 'utf8'));
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.errors)}`);
  return r.project;
}

interface EpochMetrics {
  train: MetricValues;
  validation?: MetricValues;
}

export interface TrainOutcome {
  /** Train and validation metrics of the first and last epoch. */
  first: EpochMetrics;
  last: EpochMetrics;
  test: MetricValues;
  seconds: number;
}

/**
 * Trains a template on its own default dataset, with only the dataset size, dataset parameters and
 * epochs changed (CI-sized). Everything else — graph, loss, optimizer, batch size, seed — is the file's.
 */
export async function trainTemplate(
  id: string,
  run: { size: number; epochs: number; params?: Record<string, number>; backend: { backend: string; device: string } },
): Promise<TrainOutcome> {
  const project = loadTemplateProject(id);
  const training = structuredClone(project.training ?? {}) as Record<string, unknown> & {
    dataset?: Record<string, unknown>;
  };
  training.dataset = {
    ...training.dataset,
    options: { size: run.size, ...(run.params ? { params: run.params } : {}) },
  };
  const runProject = { name: project.name, graph: project.graph, training: training as Project['training'] };
  const t0 = performance.now();
  const setup = await setupRun(runProject as Parameters<typeof setupRun>[0], { epochs: run.epochs });
  const epochs: Extract<TrainerEvent, { type: 'epoch' }>[] = [];
  const session = new TrainingSession(setup, project.graph, {
    runId: `template-${id}`,
    backend: run.backend,
    emit: (e) => {
      if (e.type === 'epoch') epochs.push(e);
    },
  });
  try {
    const end = await session.run();
    if (end.type !== 'finished') throw new Error(`${id}: training ended with ${JSON.stringify(end)}`);
    const pick = (e: (typeof epochs)[number]): EpochMetrics => ({ train: e.metrics, validation: e.validation });
    return {
      first: pick(epochs[0]),
      last: pick(epochs[epochs.length - 1]),
      test: end.final.test!.metrics,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    session.dispose();
  }
}
