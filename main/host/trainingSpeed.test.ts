import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrainerCommand } from '../../shared/protocol/trainer';
import type { TrainerLauncher } from './trainerLauncher';
import { TrainingSpeeds } from './trainingSpeed';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'deepwire-speed-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

/** An in-process trainer that answers a speed measurement with `macsPerSecond` (or a failure). */
function launcher(macsPerSecond: number | Error, launched: string[]): TrainerLauncher {
  return () => {
    let listener: (m: unknown) => void = () => {};
    launched.push('trainer');
    setTimeout(() => listener({ type: 'ready', pid: 1 }), 0);
    return {
      send(command: TrainerCommand) {
        if (command.type !== 'measure-speed') return;
        const reply =
          macsPerSecond instanceof Error
            ? { type: 'speed-failed', requestId: command.requestId, message: macsPerSecond.message }
            : {
                type: 'speed-measured',
                requestId: command.requestId,
                speed: {
                  backend: 'wasm',
                  device: 'CPU',
                  macsPerSecond,
                  source: 'calibration',
                  measuredAt: '2026-01-01T00:00:00Z',
                },
              };
        setTimeout(() => listener(reply), 0);
      },
      onMessage: (l) => (listener = l),
      onExit: () => {},
      kill: () => {},
    };
  };
}

describe('training speed', () => {
  it('is measured once by a trainer process, kept in its file, and read back by the next host', async () => {
    const file = join(dir, '.training-speed.json');
    const launched: string[] = [];
    const speeds = new TrainingSpeeds(file, launcher(5e8, launched));
    const [a, b] = await Promise.all([speeds.get(), speeds.get()]);
    expect(a).toMatchObject({ backend: 'wasm', macsPerSecond: 5e8, source: 'calibration' });
    expect(b).toEqual(a);
    expect(launched).toHaveLength(1); // two asks, one measurement
    const again = new TrainingSpeeds(file, launcher(1, launched));
    expect(await again.get()).toEqual(a);
    expect(launched).toHaveLength(1);
  });

  it('takes a real run’s epoch over the calibration, but not a tiny network’s or a short epoch’s', async () => {
    const file = join(dir, 'speed.json');
    const speeds = new TrainingSpeeds(file, launcher(5e8, []));
    await speeds.get();
    await speeds.recordEpoch('wasm', 'CPU', 193, 50_000, 3); // XOR: overhead, not arithmetic
    await speeds.recordEpoch('wasm', 'CPU', 5e6, 100, 1); // a second-long epoch
    expect((await speeds.get()).macsPerSecond).toBe(5e8);
    await speeds.recordEpoch('wasm', 'CPU · 2 threads', 5e6, 300, 40);
    expect(await speeds.get()).toMatchObject({ macsPerSecond: 1.5e9, source: 'runs', device: 'CPU · 2 threads' });
    expect(JSON.parse(await readFile(file, 'utf8')).speeds.wasm.macsPerSecond).toBe(1.5e9);
  });

  it('measures again when the file is damaged, and says why a measurement failed', async () => {
    const file = join(dir, 'speed.json');
    await writeFile(file, '{"speeds": {"wasm": {"macsPerSecond": "fast"}}}');
    expect((await new TrainingSpeeds(file, launcher(2e8, [])).get()).macsPerSecond).toBe(2e8);
    await expect(new TrainingSpeeds(undefined, launcher(new Error('no backend'), [])).get()).rejects.toThrow(
      /could not be measured: no backend/,
    );
    // A reply that breaks the protocol is refused where it enters the host, naming the field.
    await expect(new TrainingSpeeds(undefined, launcher('fast' as unknown as number, [])).get()).rejects.toThrow(
      /"speed-measured" reply's field speed\.macsPerSecond: /,
    );
  });
});
