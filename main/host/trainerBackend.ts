import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BackendInfo } from '../../shared/protocol/client';
import {
  backendProbeReplySchema,
  trainerBackendReportSchema,
  type TrainerBackendReport,
} from '../../shared/protocol/backendProbe';
import { HostError } from './hostError';
import type { TrainerLauncher } from './trainerLauncher';

/**
 * Starts one backend probe process (main/engine/backend/probeMain.ts) with `launch` — the same
 * launcher kind the trainers use — and resolves with what it reports. TF.js loads only there.
 */
export function probeTrainerBackend(launch: TrainerLauncher, timeoutMs = 120_000): Promise<TrainerBackendReport> {
  return new Promise((resolve, reject) => {
    const handle = launch({ runId: 'backend-probe' });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new HostError('internal', 'The backend check did not answer within two minutes.', busy)));
      handle.kill();
    }, timeoutMs);
    timer.unref?.();
    handle.onMessage((message) => {
      const parsed = backendProbeReplySchema.safeParse(message);
      if (!parsed.success) return;
      const reply = parsed.data;
      if (reply.type === 'backend-probed') finish(() => resolve(reply.report));
      else finish(() => reject(new HostError('internal', reply.message, reply.hint)));
    });
    handle.onExit((exit) => {
      const last = exit.stderrTail?.trim().split('\n').at(-1);
      finish(() =>
        reject(
          new HostError(
            'internal',
            `The backend check ended before answering (${exit.signal ?? `exit code ${exit.code}`}).${last ? ` ${last}` : ''}`,
            'Run deepwire doctor in a terminal to see which backend loads and why.',
          ),
        ),
      );
    });
  });
}

const busy = 'The computer may be very busy; the backend shows once it has answered.';

/** What the Train panel shows: the backend, its device and the process training runs in. */
export function backendInfoOf(report: TrainerBackendReport): BackendInfo {
  return { backend: report.backend, device: `${report.device} · trainer: ${report.runsIn}`, tried: report.tried };
}

/**
 * The backend the trainers of this host get, asked once of a probe process and kept (a failed probe
 * is asked again next time). Each answer is also written to `file` so `deepwire doctor` can say what
 * the desktop app's trainer got last, which a terminal cannot check itself.
 */
export class TrainerBackend {
  private asked: Promise<TrainerBackendReport> | null = null;

  constructor(
    private readonly launch: TrainerLauncher,
    private readonly file?: string,
  ) {}

  report(): Promise<TrainerBackendReport> {
    this.asked ??= probeTrainerBackend(this.launch).then(
      async (report) => {
        await this.keep(report);
        return report;
      },
      (error: unknown) => {
        this.asked = null;
        throw error;
      },
    );
    return this.asked;
  }

  async info(): Promise<BackendInfo> {
    return backendInfoOf(await this.report());
  }

  private async keep(report: TrainerBackendReport): Promise<void> {
    if (!this.file) return;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(report, null, 2));
      await rename(tmp, this.file);
    } catch (error) {
      console.warn('deepwire host: could not keep the backend report:', (error as Error).message);
    }
  }
}

/** The last report a host kept in `file`, or undefined when there is none or it is unreadable. */
export async function lastTrainerBackend(file: string): Promise<TrainerBackendReport | undefined> {
  try {
    const parsed = trainerBackendReportSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Where the desktop app keeps its trainer's last backend report, beside the runs. */
export function desktopBackendFile(runsRoot: string): string {
  return `${runsRoot.replace(/[\\/]+$/, '')}/.desktop-trainer-backend.json`;
}
