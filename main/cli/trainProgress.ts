import type { MetricValues, TrainerEvent } from '../../shared/protocol/trainer';

const BAR = 24;

/** `loss 0.3412 · accuracy 0.912` */
export function formatMetrics(m: MetricValues | undefined, prefix = ''): string {
  if (!m) return '';
  return Object.entries(m)
    .map(([k, v]) => `${prefix}${k} ${Number.isInteger(v) ? v : v.toFixed(4)}`)
    .join(' · ');
}

/**
 * Turns training events into terminal output: on a TTY, one line redrawn in place with a progress
 * bar per epoch; otherwise (CI logs, pipes) one plain line per epoch, no control characters.
 */
export function progressPrinter(out: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown }) {
  const tty = out.isTTY === true;
  let live = false;
  const endLine = () => {
    if (live) out.write('\n');
    live = false;
  };
  let lastPhase = '';
  return (event: TrainerEvent): void => {
    switch (event.type) {
      case 'phase': {
        // What the trainer does before the first batch; a plain log gets each phase once.
        const pct = event.progress === undefined ? '' : ` ${Math.round(event.progress * 100)}%`;
        if (tty) {
          out.write(`\r\x1b[2K${event.message}${pct}`);
          live = true;
        } else if (event.phase !== lastPhase) out.write(`${event.message}\n`);
        lastPhase = event.phase;
        return;
      }
      case 'started':
        endLine();
        out.write(
          `Training on ${event.backend} (${event.device}): ${(event.params.trainable + event.params.nonTrainable).toLocaleString('en-US')} weights, ` +
            `dataset ${event.dataset.id} (${event.dataset.train} train / ${event.dataset.validation} validation / ${event.dataset.test} test), ${event.epochs} epochs\n`,
        );
        return;
      case 'batch': {
        if (!tty) return;
        const done = (event.batch + 1) / event.batchesPerEpoch;
        const filled = Math.round(done * BAR);
        out.write(
          `\r\x1b[2Kepoch ${event.epoch + 1} [${'█'.repeat(filled)}${'·'.repeat(BAR - filled)}] ${Math.round(done * 100)}% ${formatMetrics(event.metrics)}`,
        );
        live = true;
        return;
      }
      case 'epoch':
        if (tty) out.write('\r\x1b[2K');
        live = false;
        out.write(
          `epoch ${event.epoch + 1}/${event.epochs}: ${formatMetrics(event.metrics)}${event.validation ? ` | ${formatMetrics(event.validation, 'val_')}` : ''} ` +
            `(${event.seconds.toFixed(1)} s, ${Math.round(event.examplesPerSecond)} examples/s` +
            `${event.threads ? ` on ${event.threads} thread${event.threads === 1 ? '' : 's'}` : ''})\n`,
        );
        return;
      case 'evaluation':
        endLine();
        out.write(`${event.result.split}: ${formatMetrics(event.result.metrics)}\n`);
        return;
      case 'log':
        endLine();
        out.write(`${event.level}: ${event.message}\n`);
        return;
      case 'finished':
      case 'failed':
        endLine();
        return;
      case 'ready':
      case 'activations':
      case 'boundary':
      case 'prediction':
        return;
      default: {
        const unknown: never = event;
        throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
      }
    }
  };
}
