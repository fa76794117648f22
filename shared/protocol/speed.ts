import { z } from 'zod';

/**
 * How fast this computer trains, so the Train panel can say before Train how long an epoch will
 * take (issue 14.6: nobody starts a 3-day VGG16 run by accident). Speed is measured in
 * multiply-accumulates of the network's forward pass per second of training (forward, backward and
 * the update together): seconds per epoch ≈ training examples × the network's MACs ÷ that speed.
 * Measured once per backend by a short calibration in a trainer process, then by real runs.
 */

export const trainingSpeedSchema = z.object({
  backend: z.string(),
  /** The backend's device as it reports it ("CPU · 2 threads"). */
  device: z.string(),
  /** Forward-pass MACs per second of training. */
  macsPerSecond: z.number().positive(),
  /** A calibration network, or the epochs of real runs on this computer. */
  source: z.enum(['calibration', 'runs']),
  /** ISO time of the measurement. */
  measuredAt: z.string(),
});
export type TrainingSpeed = z.infer<typeof trainingSpeedSchema>;

/** Host → trainer: measure the training speed on `backend` (default: the best that loads). */
export const speedCommandSchema = z.object({
  type: z.literal('measure-speed'),
  requestId: z.string(),
  backend: z.string().optional(),
});
export type SpeedCommand = z.infer<typeof speedCommandSchema>;

/** Trainer → host: the measurement, or why it could not be made. */
export const speedReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('speed-measured'), requestId: z.string(), speed: trainingSpeedSchema }),
  z.object({ type: z.literal('speed-failed'), requestId: z.string(), message: z.string() }),
]);
export type SpeedReply = z.infer<typeof speedReplySchema>;

/** Seconds one epoch takes: `examples` training examples of a network of `macs` MACs each. */
export function epochSeconds(macs: number, examples: number, speed: Pick<TrainingSpeed, 'macsPerSecond'>): number {
  return (macs * examples) / speed.macsPerSecond;
}

/** "a few seconds", "about 40 s", "about 3 min", "about 2.5 h", "about 3 days": for an estimate. */
export function roughDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'an unknown time';
  if (seconds < 5) return 'a few seconds';
  if (seconds < 90) return `about ${Math.round(seconds / 5) * 5} s`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `about ${round2(seconds / 3600)} h`;
  return `about ${round2(seconds / 86400)} days`;
}

const round2 = (v: number) => (v < 10 ? Math.round(v * 2) / 2 : Math.round(v));

/** An epoch this long (or longer) is worth a warning before Train. */
export const LONG_EPOCH_SECONDS = 30 * 60;
