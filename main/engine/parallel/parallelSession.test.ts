import type * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../../shared/protocol/trainer';
import { setupRun } from '../train/setupRun';
import { xorProject } from '../train/test/projects';
import { useTestBackend } from '../train/test/testBackend';
import { TrainingSession } from '../train/trainingSession';
import { startTrainingJob } from '../trainingJob';
import type { ParallelStepper } from './parallelStepper';
import { availableCores } from './threads';

let backend = '';
beforeAll(async () => {
  backend = await useTestBackend();
});

const sessions: TrainingSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

/** A training session as the trainer runs it, on `threads` threads; `during` sees each event. */
async function session(threads: number, epochs: number, during?: (e: TrainerEvent, s: TrainingSession) => void) {
  const project = xorProject({ epochs, batchSize: 50, dataset: { builtin: 'xor', options: { size: 300 } } });
  const setup = await setupRun(project, {});
  const events: TrainerEvent[] = [];
  const s: TrainingSession = new TrainingSession(setup, project.graph, {
    runId: 'threads',
    backend: { backend, device: 'test' },
    threads,
    waitForThreads: true,
    emit: (e) => {
      events.push(e);
      during?.(e, s);
    },
  });
  sessions.push(s);
  return { s, events };
}

const weightsOf = (model: tf.LayersModel) => model.weights.map((w) => Array.from(w.read().dataSync()));

describe('a training session on two threads', () => {
  it('trains to the same weights and epoch metrics as on one thread', async () => {
    const one = await session(1, 3);
    let parallelBatches = 0;
    const two = await session(2, 3, (e, live) => {
      if (e.type === 'batch' && live.stepper?.threads === 2) parallelBatches++;
    });
    const [a, b] = [await one.s.run(), await two.s.run()];
    expect(parallelBatches).toBeGreaterThan(0);
    expect(a.type).toBe('finished');
    expect(b.type).toBe('finished');
    const wa = weightsOf(one.s.model).flat();
    const wb = weightsOf(two.s.model).flat();
    expect(Math.max(...wa.map((v, i) => Math.abs(v - wb[i])))).toBeLessThan(1e-4);
    const epochLoss = (events: TrainerEvent[]) => events.flatMap((e) => (e.type === 'epoch' ? [e.metrics.loss] : []));
    expect(epochLoss(two.events)).toHaveLength(3);
    // Each epoch says the threads its batches ran on; a one-thread run leaves it out.
    expect(two.events.flatMap((e) => (e.type === 'epoch' ? [e.threads] : []))).toEqual([2, 2, 2]);
    expect(one.events.some((e) => e.type === 'epoch' && 'threads' in e)).toBe(false);
    epochLoss(two.events).forEach((l, i) => expect(l).toBeCloseTo(epochLoss(one.events)[i], 4));
  });

  it('a worker that dies fails the run in plain words; the weights of the last completed batch are kept', async () => {
    let kept: number[][] | null = null;
    const { s } = await session(2, 500, (e, live) => {
      const stepper = live.stepper as ParallelStepper | null;
      if (e.type !== 'batch' || kept || stepper?.threads !== 2) return;
      kept = weightsOf(live.model);
      void stepper.pool.kill(0);
    });
    await expect(s.run()).rejects.toMatchObject({
      code: 'crashed',
      message: expect.stringContaining('The training thread 2 of 2 stopped unexpectedly'),
    });
    expect(kept).not.toBeNull();
    expect(weightsOf(s.model)).toEqual(kept);
  });
});

describe('the training job and DEEPWIRE_THREADS', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'deepwire-threads-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function job(threadsEnv: string | undefined, runId: string) {
    const before = process.env.DEEPWIRE_THREADS;
    if (threadsEnv === undefined) delete process.env.DEEPWIRE_THREADS;
    else process.env.DEEPWIRE_THREADS = threadsEnv;
    const events: TrainerEvent[] = [];
    try {
      const project = xorProject({ epochs: 1, dataset: { builtin: 'xor', options: { size: 100 } } });
      const handle = await startTrainingJob({ runId, project, runDir: join(root, runId), backend }, (e) =>
        events.push(e),
      );
      const end = await handle.done;
      handle.session?.dispose();
      return { events, end };
    } finally {
      if (before === undefined) delete process.env.DEEPWIRE_THREADS;
      else process.env.DEEPWIRE_THREADS = before;
    }
  }

  it('refuses a thread count above the cores before training, in plain words', async () => {
    const { end } = await job('999', 'too-many');
    expect(end).toMatchObject({
      type: 'failed',
      code: 'backend',
      message: expect.stringMatching(/^DEEPWIRE_THREADS=999 is refused: this machine has \d+ cores?/),
      hint: expect.stringContaining('or unset it to train on all cores'),
    });
  });

  it('says the threads in the started event, and why a tiny network trains on one', async () => {
    const { events, end } = await job(undefined, 'tiny');
    expect(end.type).toBe('finished');
    const started = events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ device: expect.stringMatching(/, 1 thread\)$/) });
    const logs = events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
    expect(
      logs.some((m) =>
        /^Training on 1 thread: a batch of \d+ is about [\d.]+ thousand multiply-adds, too little to split/.test(m),
      ),
    ).toBe(availableCores() > 1);
  });
});
