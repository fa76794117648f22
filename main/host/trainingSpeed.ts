import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { speedReplySchema, trainingSpeedSchema, type TrainingSpeed } from '../../shared/protocol/speed';
import { HostError } from './hostError';
import { checkedReply, runTrainerJob } from './trainerJob';
import type { TrainerLauncher } from './trainerLauncher';

const cacheSchema = z.object({ speeds: z.record(z.string(), trainingSpeedSchema) });

/** A run's epoch is a fair measurement only when the network does real work and the epoch is not tiny. */
const MIN_RUN_MACS = 1e6;
const MIN_EPOCH_SECONDS = 2;

let requests = 0;

/**
 * How fast this computer trains (shared/protocol/speed.ts), per backend: measured once by a short
 * calibration in a trainer process and kept in `file` (beside the runs), then replaced by what real
 * runs' epochs measure. The desktop app's main process never loads TF.js for it.
 */
export class TrainingSpeeds {
  private speeds: Record<string, TrainingSpeed> | null = null;
  private measuring: Promise<TrainingSpeed> | null = null;

  constructor(
    private readonly file: string | undefined,
    private readonly launch: TrainerLauncher,
  ) {}

  /** The latest speed known for this computer (measuring it the first time). */
  async get(): Promise<TrainingSpeed> {
    const known = Object.values(await this.load()).sort((a, b) => b.measuredAt.localeCompare(a.measuredAt))[0];
    if (known) return known;
    this.measuring ??= this.calibrate().finally(() => (this.measuring = null));
    return this.measuring;
  }

  /** A run's epoch: `macs` per example, `examplesPerSecond` measured, on `backend`/`device`. */
  async recordEpoch(backend: string, device: string, macs: number, examplesPerSecond: number, seconds: number) {
    if (macs < MIN_RUN_MACS || seconds < MIN_EPOCH_SECONDS || !(examplesPerSecond > 0)) return;
    await this.put({
      backend,
      device,
      macsPerSecond: macs * examplesPerSecond,
      source: 'runs',
      measuredAt: new Date().toISOString(),
    });
  }

  private async calibrate(): Promise<TrainingSpeed> {
    const requestId = `s${++requests}`;
    const speed = await runTrainerJob<TrainingSpeed>(this.launch, {
      what: 'speed measurement',
      command: { type: 'measure-speed', requestId },
      timeoutMs: 3 * 60_000,
      timeoutHint: 'The computer may be very busy; the estimate is shown once it has been measured.',
      reply: (message) => {
        const reply = checkedReply(speedReplySchema, ['speed-measured', 'speed-failed'], message, requestId, 'speed');
        if (!reply) return undefined;
        if (reply instanceof Error) return { error: reply };
        return reply.type === 'speed-measured'
          ? { ok: reply.speed }
          : { error: new HostError('internal', `The training speed could not be measured: ${reply.message}`) };
      },
      exitHint: () => 'Train anyway; the time per epoch shows once an epoch has run.',
    });
    await this.put(speed);
    return speed;
  }

  private async load(): Promise<Record<string, TrainingSpeed>> {
    if (this.speeds) return this.speeds;
    try {
      const parsed = cacheSchema.safeParse(JSON.parse(await readFile(this.file ?? '', 'utf8')));
      this.speeds = parsed.success ? parsed.data.speeds : {};
    } catch {
      this.speeds = {}; // none yet, or unreadable: measured again
    }
    return this.speeds;
  }

  private async put(speed: TrainingSpeed): Promise<void> {
    const speeds = await this.load();
    speeds[speed.backend] = speed;
    if (!this.file) return;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ speeds }, null, 2));
      await rename(tmp, this.file);
    } catch (error) {
      console.warn('deepwire host: could not keep the training speed:', (error as Error).message);
    }
  }
}
