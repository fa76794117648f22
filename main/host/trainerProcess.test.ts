import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import { loadRun } from '../engine/runs';
import { xorProject } from '../engine/train/test/projects';
import { forkTrainerLauncher } from './trainerLauncher';
import { crashFailure, startTrainer, TRAINER_ENTRY } from './trainerProcess';

const root = mkdtempSync(join(tmpdir(), 'deepwire-runs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The pure-JS backend in the child keeps these tests independent of wasm being loadable.
const backend = 'cpu';

function run(runId: string, project = xorProject({ epochs: 3 }), extra: { resumeFrom?: string; epochs?: number } = {}) {
  const events: TrainerEvent[] = [];
  const runDir = join(root, runId);
  const trainer = startTrainer({
    start: { type: 'start', runId, project: { ...project }, runDir, backend, ...extra },
    onEvent: (e) => events.push(e),
  });
  return { trainer, events, runDir };
}

const waitFor = async (events: TrainerEvent[], pred: (e: TrainerEvent) => boolean, ms = 60_000) => {
  const t0 = Date.now();
  while (!events.some(pred)) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for an event');
    await new Promise((r) => setTimeout(r, 20));
  }
  return events.find(pred)!;
};

describe('crashFailure words', () => {
  it.each<[string, Parameters<typeof crashFailure>[1], Parameters<typeof crashFailure>[2], RegExp]>([
    [
      'killed after 2 epochs',
      { code: null, signal: 'SIGKILL' },
      { epochsCompleted: 2, params: 100 },
      /^It may have run out of memory or been closed by the system\. Your project is untouched; the weights from the last finished epoch are in the run folder\. Try a smaller batch size or model, then train again\. \(Detail: signal SIGKILL\.\)$/,
    ],
    [
      'killed before any epoch',
      { code: null, signal: 'SIGKILL' },
      { epochsCompleted: 0 },
      /no epoch had finished, so there are no trained weights to keep/,
    ],
    [
      'too big to save each epoch',
      { code: null, signal: 'SIGKILL' },
      { epochsCompleted: 3, params: 20_000_000 },
      /too big to save after every epoch/,
    ],
    [
      'exit code with last words',
      { code: 3, signal: null, stderrTail: 'warming up\nError: boom\n' },
      { epochsCompleted: 1 },
      /^Your project is untouched;.*report it with the run folder\. \(Detail: exit code 3; last message: Error: boom\.\)$/,
    ],
    [
      'heap exhausted',
      { code: 134, signal: null, stderrTail: 'FATAL ERROR: JavaScript heap out of memory' },
      undefined,
      /^It may have run out of memory.*\(Detail: exit code 134; last message: FATAL ERROR: JavaScript heap out of memory\.\)$/,
    ],
  ])('%s', (_name, exit, progress, hint) => {
    const f = crashFailure('r', exit, progress);
    expect(f).toMatchObject({
      type: 'failed',
      code: 'crashed',
      message: 'The training process ended unexpectedly, so this run stopped.',
    });
    expect(f.hint).toMatch(hint);
  });
});

describe('trainer process', () => {
  it('trains, writes the run folder, and the reloaded run predicts identically; it can continue', async () => {
    const { trainer, events, runDir } = run('run-a');
    const end = await trainer.ended;
    expect(end.type).toBe('finished');
    const inputs = [
      [1, 2],
      [-3, 4],
      [0.5, -0.5],
    ];
    trainer.send({ type: 'predict', requestId: 'p1', inputs });
    const pred = (await waitFor(events, (e) => e.type === 'prediction')) as Extract<
      TrainerEvent,
      { type: 'prediction' }
    >;
    // Activations travel as binary with 'advanced' serialization.
    const act = events.find((e) => e.type === 'activations');
    expect(act?.type === 'activations' && act.layers[1].data).toBeInstanceOf(Uint8Array);
    trainer.send({ type: 'shutdown' });
    await trainer.exited;

    const lines = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TrainerEvent);
    expect(lines.filter((l) => l.type === 'epoch')).toHaveLength(3);
    expect(lines.at(-1)?.type).toBe('finished');
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ runId: 'run-a', status: 'completed', epochsCompleted: 3, backend: 'cpu' });
    expect(existsSync(join(runDir, 'project.deepwire.json'))).toBe(true);

    const loaded = await loadRun(runDir);
    const mine = tf.tidy(() => (loaded.model.predict(tf.tensor2d(inputs)) as tf.Tensor).arraySync() as number[][]);
    expect(mine).toEqual(pred.outputs);
    loaded.model.dispose();

    const next = run('run-b', xorProject({ epochs: 3 }), { resumeFrom: runDir, epochs: 1 });
    const end2 = await next.trainer.ended;
    expect(end2.type === 'finished' && end2.epochsCompleted).toBe(4);
    expect(next.events.find((e) => e.type === 'started')).toMatchObject({ initialEpoch: 3 });
    next.trainer.send({ type: 'shutdown' });
    await next.trainer.exited;
  }, 120_000);

  it('a fresh trainer evaluates and predicts with a finished run it did not train (runDir on the command)', async () => {
    const { trainer, events, runDir } = run('run-saved', xorProject({ epochs: 2 }));
    const end = await trainer.ended;
    const inputs = [
      [1, 2],
      [-3, 4],
    ];
    trainer.send({ type: 'predict', requestId: 'mine', inputs });
    const own = (await waitFor(events, (e) => e.type === 'prediction')) as Extract<
      TrainerEvent,
      { type: 'prediction' }
    >;
    trainer.send({ type: 'shutdown' });
    await trainer.exited;

    const fresh = forkTrainerLauncher(TRAINER_ENTRY, { env: { ...process.env, DEEPWIRE_BACKEND: backend } })({
      runId: 'reader',
    });
    const got: TrainerEvent[] = [];
    fresh.onMessage((m) => got.push(m as TrainerEvent));
    const exited = new Promise((r) => fresh.onExit(r));
    await waitFor(got, (e) => e.type === 'ready');
    fresh.send({ type: 'evaluate', requestId: 'e1', runDir });
    fresh.send({ type: 'predict', requestId: 'p1', inputs, runDir });
    fresh.send({ type: 'evaluate', requestId: 'e2', runDir: join(root, 'no-such-run') });
    const evaluation = (await waitFor(got, (e) => e.type === 'evaluation')) as Extract<
      TrainerEvent,
      { type: 'evaluation' }
    >;
    const prediction = (await waitFor(got, (e) => e.type === 'prediction')) as Extract<
      TrainerEvent,
      { type: 'prediction' }
    >;
    const warning = await waitFor(got, (e) => e.type === 'log' && e.level === 'warn');
    expect(evaluation).toMatchObject({ runId: 'run-saved', requestId: 'e1' });
    const final = end.type === 'finished' ? end.final.test! : undefined;
    expect(evaluation.result.metrics.loss).toBeCloseTo(final!.metrics.loss, 5);
    expect(evaluation.result.confusion).toEqual(final!.confusion);
    expect(prediction.requestId).toBe('p1');
    prediction.outputs.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(own.outputs[i][j], 5)));
    expect(warning.type === 'log' && warning.message).toMatch(/could not be opened/);
    // Try it (issue 14, 2.3): one example with every layer's activations; a wrong one is answered, not fatal.
    fresh.send({ type: 'predict', requestId: 't1', inputs: [inputs[1]], runDir, activations: true });
    fresh.send({ type: 'predict', requestId: 't2', inputs: [[1, 2, 3]], runDir, activations: true });
    const tried = (await waitFor(got, (e) => e.type === 'prediction' && e.requestId === 't1')) as Extract<
      TrainerEvent,
      { type: 'prediction' }
    >;
    tried.outputs[0].forEach((v, j) => expect(v).toBeCloseTo(own.outputs[1][j], 5));
    expect(tried.layers!.length).toBeGreaterThan(1);
    expect(tried.layers!.every((l) => l.data.length === l.channels * l.height * l.width)).toBe(true);
    const refused = await waitFor(got, (e) => e.type === 'log' && e.requestId === 't2');
    expect(refused.type === 'log' && refused.message).toMatch(/needs 2 numbers.*has 3/);
    fresh.send({ type: 'shutdown' });
    await exited;
  }, 120_000);

  it('a SIGKILLed trainer is reported as a crashed run, and the host can start another', async () => {
    const { trainer, events } = run('run-killed', xorProject({ epochs: 500 }));
    await waitFor(events, (e) => e.type === 'epoch');
    trainer.kill();
    const end = await trainer.ended;
    expect(end).toMatchObject({ type: 'failed', code: 'crashed' });
    expect(end.type === 'failed' && end.message).toBe('The training process ended unexpectedly, so this run stopped.');
    expect(end.type === 'failed' && end.hint).toMatch(
      /out of memory.*last finished epoch are in the run folder.*\(Detail: signal SIGKILL\.\)$/,
    );

    const again = run('run-after-kill', xorProject({ epochs: 1 }));
    expect((await again.trainer.ended).type).toBe('finished');
    again.trainer.send({ type: 'shutdown' });
    await again.trainer.exited;
  }, 120_000);

  it('stop ends the run as stopped; a bad graph fails with its message', async () => {
    const { trainer, events } = run('run-stop', xorProject({ epochs: 500 }));
    await waitFor(events, (e) => e.type === 'batch');
    trainer.stop();
    const end = await trainer.ended;
    expect(end.type === 'finished' && end.reason).toBe('stopped');
    trainer.send({ type: 'shutdown' });
    await trainer.exited;

    const bad = xorProject();
    bad.graph.edges.pop();
    bad.graph.nodes.push({ id: 'c', kind: 'Conv2D', params: {} });
    bad.graph.edges.push({ source: 'h2', target: 'c' });
    const b = run('run-bad', bad);
    expect(await b.trainer.ended).toMatchObject({ type: 'failed', code: 'invalid-graph' });
    b.trainer.kill();
  }, 120_000);
});
