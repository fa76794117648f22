import { Worker } from 'node:worker_threads';
import { TrainingError } from '../train/trainingError';
import type { FromWorker, ToWorker, WorkerInit } from './layout';
import { gradientWorkerScript, type WorkerScript } from './workerScript';

function spawn(script: WorkerScript, init: WorkerInit): Worker {
  return 'file' in script
    ? new Worker(script.file, { workerData: init })
    : new Worker(script.eval, { eval: true, workerData: init });
}

interface Pending {
  resolve(ms: number): void;
  reject(error: Error): void;
}

/**
 * The trainer's gradient workers. Each is told to compute its shard (`step`), which settles when it
 * has written its shared slot. A worker that exits, throws or fails to start fails every
 * waiting and later step with a TrainingError ('crashed') in plain words.
 */
export class GradientPool {
  private readonly workers: Worker[] = [];
  private readonly count: number;
  private readonly pending = new Map<number, Pending>();
  private readyCount = 0;
  private closing = false;
  /** Why the pool cannot be used any more (a worker died or failed to start). */
  failure: TrainingError | null = null;

  constructor(inits: WorkerInit[]) {
    this.count = inits.length;
    gradientWorkerScript().then(
      (script) => {
        if (!this.closing) this.spawnAll(script, inits);
      },
      (error: Error) => this.die('training threads', `they could not be built: ${error.message}`),
    );
  }

  private spawnAll(script: WorkerScript, inits: WorkerInit[]): void {
    const threads = inits.length + 1;
    inits.forEach((init, k) => {
      const worker = spawn(script, init);
      const name = `training thread ${k + 2} of ${threads}`;
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') this.readyCount++;
        else if (m.type === 'done') this.settle(k, undefined, m.ms);
        else if (!this.pending.has(k))
          this.die(name, m.message); // it could not start
        else this.settle(k, new Error(`The ${name} failed: ${m.message}`));
      });
      worker.on('error', (error) => this.die(name, `it threw ${error.message}`));
      worker.on('exit', (code) => {
        if (!this.closing) this.die(name, `it exited with code ${code}`);
      });
      this.workers.push(worker);
    });
  }

  /** True once every worker has its backend and model. */
  get ready(): boolean {
    return this.readyCount === this.count && !this.failure;
  }

  get size(): number {
    return this.count;
  }

  /** Tells worker `k` to compute its shard; resolves, with the milliseconds it computed, when it has written its slot. */
  step(k: number, message: ToWorker): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<number>((resolve, reject) => {
      this.pending.set(k, { resolve, reject });
      this.workers[k].postMessage(message);
    });
  }

  private settle(k: number, error?: Error, ms = 0): void {
    const p = this.pending.get(k);
    this.pending.delete(k);
    if (error) p?.reject(error);
    else p?.resolve(ms);
  }

  private die(name: string, why: string): void {
    if (this.failure || this.closing) return;
    this.failure = new TrainingError(
      'crashed',
      `The ${name} stopped unexpectedly (${why}), so training stopped. The weights from the last completed batch are kept.`,
      'Train again (Continue goes on from the kept weights). If it happens again, set DEEPWIRE_THREADS=1 to train on one thread.',
    );
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  /** Ends every worker (a test uses `kill` to end one as a crash would). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Ends worker `k` without warning, as a crash would (for tests). */
  kill(k: number): Promise<number> {
    return this.workers[k].terminate();
  }
}
