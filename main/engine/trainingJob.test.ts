import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import { RUN_FILES } from './runs';
import { xorProject } from './train/test/projects';
import { useTestBackend } from './train/test/testBackend';
import { startTrainingJob } from './trainingJob';

let backend: string;
let root: string;
beforeAll(async () => {
  backend = await useTestBackend();
  root = await mkdtemp(join(tmpdir(), 'deepwire-job-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** What the run folder says at the moment the run's ending event is emitted. */
function folderAt(runDir: string) {
  const summary = JSON.parse(readFileSync(join(runDir, RUN_FILES.summary), 'utf8')) as {
    status: string;
    epochsCompleted: number;
  };
  return {
    status: summary.status,
    epochs: summary.epochsCompleted,
    model: existsSync(join(runDir, RUN_FILES.model, 'model.json')),
  };
}

describe('startTrainingJob', () => {
  // Regression: listRuns showed a just-finished run as 'running' because summary.json was written after `finished`.
  it('emits finished only once summary.json and the model say so', async () => {
    const runDir = join(root, 'done');
    let seen: ReturnType<typeof folderAt> | null = null;
    const emit = (e: TrainerEvent) => {
      if (e.type === 'finished') seen = folderAt(runDir);
    };
    const job = await startTrainingJob({ runId: 'done', project: xorProject({ epochs: 2 }), runDir, backend }, emit);
    await job.done;
    expect(seen).toEqual({ status: 'completed', epochs: 2, model: true });
    job.session?.dispose();
  });

  it('emits failed only once summary.json says so', async () => {
    const runDir = join(root, 'failed');
    let seen: ReturnType<typeof folderAt> | null = null;
    const project = xorProject({ dataset: { builtin: 'no-such-dataset' } });
    const job = await startTrainingJob({ runId: 'failed', project, runDir, backend }, (e) => {
      if (e.type === 'failed') seen = folderAt(runDir);
    });
    expect((await job.done).type).toBe('failed');
    expect(seen).toMatchObject({ status: 'failed' });
  });
});
