import type { FakeEngine } from '../fakeEngine';
import { fakeLayer } from '../fakeEngine';

export interface BenchResult {
  done: boolean;
  events: number;
  /** Time between consecutive animation frames (ms): what the user sees. */
  frameIntervals: number[];
  /** Script time spent ingesting events per frame (ms). */
  ingestPerFrame: number[];
}

declare global {
  interface Window {
    __bench?: BenchResult;
  }
}

/**
 * Streams `rate` synthetic batch events a second (plus an epoch and activations every
 * `batchesPerEpoch` batches) into the fake engine for `seconds`, recording every frame's interval
 * and the ingestion time in it.
 */
export function startBench(engine: FakeEngine, rate: number, seconds: number): void {
  const result: BenchResult = { done: false, events: 0, frameIntervals: [], ingestPerFrame: [] };
  window.__bench = result;
  const runId = 'bench-run';
  const bpe = 500;
  const epochs = Math.max(1, Math.ceil((rate * seconds) / bpe));
  const start = () => {
    engine.emit({
      type: 'started',
      runId,
      backend: 'fake',
      device: 'synthetic',
      params: { trainable: 54170, nonTrainable: 0 },
      epochs,
      initialEpoch: 0,
      batchesPerEpoch: bpe,
      dataset: { id: 'mnist', train: 60000, validation: 6000, test: 10000 },
    });
  };
  // Adopt the run the way the panel does after its Train click.
  engine.startRun = async () => ({ runId });
  document.querySelector<HTMLButtonElement>('[data-testid="train-button"]')?.click();
  setTimeout(() => {
    start();
    let sent = 0;
    let ingest = 0;
    const t0 = performance.now();
    let last = t0;
    const frame = (now: number) => {
      result.frameIntervals.push(now - last);
      result.ingestPerFrame.push(ingest);
      ingest = 0;
      last = now;
      if (!result.done) requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(frame);
    });
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      const due = Math.min(Math.floor((elapsed / 1000) * rate), rate * seconds);
      const a = performance.now();
      while (sent < due) {
        const epoch = Math.floor(sent / bpe);
        const batch = sent % bpe;
        const loss = 2.3 * Math.exp(-sent / (rate * 2)) + 0.1 + Math.random() * 0.1;
        engine.emit({
          type: 'batch',
          runId,
          epoch,
          batch,
          batchesPerEpoch: bpe,
          metrics: { loss, accuracy: 1 - loss / 2.5 },
        });
        if (batch === bpe - 1) {
          engine.emit({
            type: 'epoch',
            runId,
            epoch,
            epochs,
            metrics: { loss, accuracy: 1 - loss / 2.5 },
            validation: { loss: loss * 1.1, accuracy: 1 - (loss * 1.1) / 2.5 },
            seconds: bpe / rate,
            examplesPerSecond: rate * 32,
            etaSeconds: (epochs - epoch - 1) * (bpe / rate),
          });
          engine.emit({
            type: 'activations',
            runId,
            epoch,
            layers: [
              fakeLayer('in', 'Input', [null, 28, 28, 1], 1, 28, 28, epoch),
              fakeLayer('conv', 'Conv2D', [null, 26, 26, 8], 8, 26, 26, epoch),
              fakeLayer('out', 'Dense', [null, 10], 1, 1, 10, epoch),
            ],
          });
        }
        sent++;
      }
      result.events = sent;
      ingest += performance.now() - a;
      if (sent >= rate * seconds && elapsed >= seconds * 1000) {
        clearInterval(timer);
        setTimeout(() => (result.done = true), 300);
      }
    }, 5);
  }, 300);
}
