import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendProbeReply, TrainerBackendReport } from '../../shared/protocol/backendProbe';
import { engineCatalog } from './engineCatalog';
import { desktopBackendFile, lastTrainerBackend, probeTrainerBackend, TrainerBackend } from './trainerBackend';
import { forkTrainerLauncher, type TrainerExit, type TrainerLauncher } from './trainerLauncher';

const PROBE_ENTRY = join(import.meta.dirname, '..', 'engine', 'backend', 'probeMain.ts');

const report: TrainerBackendReport = {
  backend: 'tensorflow',
  package: '@tensorflow/tfjs-node-gpu',
  device: 'GPU (CUDA, libtensorflow)',
  tried: [{ name: '@tensorflow/tfjs-node-gpu', ok: true, reason: 'best available' }],
  trainingKernels: [],
  runsIn: 'Electron 31.1.0 utility process (Node 20.14.0, N-API 9)',
  probedAt: '2026-11-29T12:00:00.000Z',
};

/** An in-process stand-in for a probe process: answers with `reply` (or exits with `exit`). */
function fakeProbe(answer: () => BackendProbeReply | TrainerExit) {
  const launched = { n: 0 };
  const launch: TrainerLauncher = () => {
    launched.n++;
    const listeners: { message?: (m: unknown) => void; exit?: (e: TrainerExit) => void } = {};
    setTimeout(() => {
      const a = answer();
      if ('type' in a) {
        listeners.message?.({ type: 'log', level: 'info', message: 'noise first' });
        listeners.message?.(a);
      }
      listeners.exit?.('type' in a ? { code: 0, signal: null } : a);
    }, 1);
    return {
      send: () => undefined,
      onMessage: (l) => (listeners.message = l),
      onExit: (l) => (listeners.exit = l),
      kill: () => undefined,
    };
  };
  return { launch, launched };
}

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('the backend the trainers get (issue 15, item 4)', () => {
  it('asks a probe process once, keeps the answer, and says which process training runs in', async () => {
    const { launch, launched } = fakeProbe(() => ({ type: 'backend-probed', report }));
    const catalog = engineCatalog('/nowhere', new TrainerBackend(launch));
    const first = await catalog.backendInfo();
    const second = await catalog.backendInfo();
    expect(launched.n).toBe(1);
    expect(second).toEqual(first);
    expect(first).toEqual({
      backend: 'tensorflow',
      device: 'GPU (CUDA, libtensorflow) · trainer: Electron 31.1.0 utility process (Node 20.14.0, N-API 9)',
      tried: report.tried,
    });
  });

  it('a failed probe says why and what to do, and is asked again next time', async () => {
    let calls = 0;
    const { launch, launched } = fakeProbe(() =>
      ++calls === 1
        ? {
            type: 'backend-probe-failed',
            message: 'DEEPWIRE_BACKEND=gpu asks for a backend that cannot be used here.',
            hint: 'Unset DEEPWIRE_BACKEND.',
            tried: [],
            runsIn: 'Node 20 child process',
          }
        : { type: 'backend-probed', report },
    );
    const backend = new TrainerBackend(launch);
    await expect(backend.info()).rejects.toMatchObject({
      message: expect.stringContaining('DEEPWIRE_BACKEND=gpu'),
      hint: 'Unset DEEPWIRE_BACKEND.',
    });
    expect((await backend.info()).backend).toBe('tensorflow');
    expect(launched.n).toBe(2);
  });

  it('a probe that dies before answering is reported in plain words with its last stderr line', async () => {
    const { launch } = fakeProbe(() => ({
      code: 1,
      signal: null,
      stderrTail: 'warming up\nError: libtensorflow.so.2: cannot open',
    }));
    await expect(new TrainerBackend(launch).info()).rejects.toMatchObject({
      message: expect.stringMatching(/ended before answering \(exit code 1\)\. Error: libtensorflow\.so\.2/),
      hint: expect.stringContaining('deepwire doctor'),
    });
  });

  it('keeps the report in a file for deepwire doctor; a damaged file reads as none', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dw-trainer-backend-'));
    const file = desktopBackendFile(dir);
    expect(await lastTrainerBackend(file)).toBeUndefined();
    const { launch } = fakeProbe(() => ({ type: 'backend-probed', report }));
    await new TrainerBackend(launch, file).info();
    expect(await lastTrainerBackend(file)).toEqual(report);
    writeFileSync(file, '{"backend": 3');
    expect(await lastTrainerBackend(file)).toBeUndefined();
  });

  it('the real probe, in a Node child process, reports the backend a trainer started the same way gets', async () => {
    const probed = await probeTrainerBackend(
      forkTrainerLauncher(PROBE_ENTRY, { env: { ...process.env, DEEPWIRE_BACKEND: 'cpu' } }),
    );
    // The device says the training threads (cpu and wasm train on every core, issue 12).
    expect(probed).toMatchObject({
      backend: 'cpu',
      device: expect.stringMatching(/^CPU \(plain JavaScript, \d+ threads?\)$/),
      forcedBy: 'cpu',
    });
    expect(probed.runsIn).toMatch(/^Node \d+\.\d+\.\d+ child process/);
  });
});
