import type { TryResult } from '../../shared/protocol/client';
import type { LayerActivation } from '../../shared/protocol/trainer';
import { HostError } from './hostError';
import type { TrainerHandle, TrainerLauncher } from './trainerLauncher';

/** A first answer loads TF.js and the run's model (seconds); later ones take milliseconds. */
const TRY_TIMEOUT_MS = 120_000;
/** A process nobody asked for this long is ended (it holds TF.js and a model in memory). */
const IDLE_MS = 5 * 60_000;

interface Pending {
  resolve(result: TryResult): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One trainer process kept for the Train panel's "Try it" view (issue 14, section 2.3): it opens a
 * finished run's saved model once (`predict` with `runDir`) and answers each example with its
 * outputs and every layer's activations. Started on the first example; ended by {@link close} or
 * when it dies (the next example starts another).
 */
export class RunPredictor {
  private handle: TrainerHandle | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<string, Pending>();
  private counter = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly launch: TrainerLauncher,
    private readonly idleMs = IDLE_MS,
  ) {}

  async tryInput(runDir: string, input: number[]): Promise<TryResult> {
    clearTimeout(this.idle);
    const handle = this.start();
    await this.ready;
    const requestId = `t${++this.counter}`;
    return new Promise<TryResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new HostError('internal', 'The model did not answer within two minutes.', 'Try again.'));
      }, TRY_TIMEOUT_MS);
      timer.unref?.();
      this.pending.set(requestId, {
        resolve: (r) => (this.restartIdle(), resolve(r)),
        reject: (e) => (this.restartIdle(), reject(e)),
        timer,
      });
      handle.send({ type: 'predict', requestId, inputs: [input], runDir, activations: true });
    });
  }

  private restartIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.pending.size === 0) this.close();
    }, this.idleMs);
    this.idle.unref?.();
  }

  /** Ends the process (the host is closing, or it was idle). */
  close(): void {
    clearTimeout(this.idle);
    this.handle?.send({ type: 'shutdown' });
    this.handle = null;
    this.ready = null;
  }

  private start(): TrainerHandle {
    if (this.handle) return this.handle;
    const handle = this.launch({ runId: 'try-input' });
    this.handle = handle;
    this.ready = new Promise<void>((resolve, reject) => {
      handle.onMessage((message) => {
        const m = (message ?? {}) as { type?: string; requestId?: string; message?: string };
        if (m.type === 'ready') return resolve();
        const waiting = m.requestId ? this.pending.get(m.requestId) : undefined;
        if (!waiting || !m.requestId) return;
        this.pending.delete(m.requestId);
        clearTimeout(waiting.timer);
        if (m.type === 'prediction') {
          const p = message as { outputs: number[][]; layers?: LayerActivation[] };
          waiting.resolve({ outputs: p.outputs[0] ?? [], layers: p.layers ?? [] });
        } else
          waiting.reject(
            new HostError('bad-request', m.message ?? 'The model could not use this example.', 'Check the example.'),
          );
      });
      handle.onExit((exit) => {
        if (this.handle === handle) {
          this.handle = null;
          this.ready = null;
        }
        const error = new HostError(
          'internal',
          `The process answering "Try it" ended (${exit.signal ?? `exit code ${exit.code}`}).`,
          'Try again.',
        );
        reject(error);
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(error);
          this.pending.delete(id);
        }
      });
    });
    return handle;
  }
}
