import { z } from 'zod';

/**
 * What a backend probe process (main/engine/backend/probeMain.ts) reports: the backend a trainer
 * started the same way gets, why each better one was not used, and what kind of process it ran in.
 */
const attemptSchema = z.object({ name: z.string(), ok: z.boolean(), reason: z.string() });

export const trainerBackendReportSchema = z.object({
  backend: z.string(),
  package: z.string(),
  device: z.string(),
  tried: z.array(attemptSchema),
  forcedBy: z.string().optional(),
  trainingKernels: z.array(z.string()),
  /** "Electron 31.1.0 utility process (Node 20.14.0, N-API 9)", "Node 20.20.2 child process (N-API 9)". */
  runsIn: z.string(),
  /** ISO time of the probe. */
  probedAt: z.string(),
});
export type TrainerBackendReport = z.infer<typeof trainerBackendReportSchema>;

export const backendProbeReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('backend-probed'), report: trainerBackendReportSchema }),
  z.object({
    type: z.literal('backend-probe-failed'),
    message: z.string(),
    hint: z.string().optional(),
    tried: z.array(attemptSchema),
    runsIn: z.string(),
  }),
]);
export type BackendProbeReply = z.infer<typeof backendProbeReplySchema>;
