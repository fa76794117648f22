import { useEffect, useMemo } from 'react';
import { useEngine } from '../../engine/EngineProvider';
import type { RunRecord } from './runModel';
import { useRuns, type RunsState } from './runsStore';

/** An earlier run whose curves lead up to this one, drawn up to `xTo` (where the next run took over). */
export interface Ancestor {
  runId: string;
  xTo: number;
}

/** How many runs back a chain of Continues is drawn. */
const MAX_DEPTH = 8;

/** The runs `run` continues, nearest first, each clipped where its continuation starts. */
export function lineage(runs: RunsState['runs'], run: RunRecord): { ancestors: Ancestor[]; missing?: string } {
  const ancestors: Ancestor[] = [];
  let child = run;
  const seen = new Set([run.runId]);
  while (child.continues && ancestors.length < MAX_DEPTH && !seen.has(child.continues)) {
    const parent = runs[child.continues];
    if (!parent) return { ancestors, missing: child.continues };
    seen.add(parent.runId);
    ancestors.push({ runId: parent.runId, xTo: child.start?.initialEpoch ?? parent.epochs.lastX() });
    child = parent;
  }
  return { ancestors };
}

/**
 * The earlier runs a continued run goes on from (Continue after Continue), so its dashboard can
 * draw their curves first and the x axis is not empty before the run's first epoch. A parent not in
 * memory (a run reopened from the runs list) is read from the engine once.
 */
export function useRunLineage(run: RunRecord): Ancestor[] {
  const client = useEngine();
  // A string, so the selector's answer is stable while the chain is the same.
  const key = useRuns((s) => {
    const l = lineage(s.runs, run);
    return `${l.ancestors.map((a) => `${a.xTo}@${a.runId}`).join('\n')}\t${l.missing ?? ''}`;
  });
  const [chain, missing] = key.split('\t');
  useEffect(() => {
    if (!missing) return;
    let live = true;
    client.getRun(missing).then(
      (detail) => live && useRuns.getState().loadDetail(detail),
      () => {}, // deleted or unreadable: the run's own curves are still drawn
    );
    return () => {
      live = false;
    };
  }, [client, missing]);
  return useMemo(
    () =>
      chain
        ? chain.split('\n').map((line) => {
            const at = line.indexOf('@');
            return { xTo: Number(line.slice(0, at)), runId: line.slice(at + 1) };
          })
        : [],
    [chain],
  );
}
