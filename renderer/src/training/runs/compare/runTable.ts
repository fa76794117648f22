import type { RunSummary } from '../../../../../shared/protocol/client';

export type RunSortKey =
  'started' | 'status' | 'optimizer' | 'learningRate' | 'batchSize' | 'epochs' | 'loss' | 'result';

/** The run's final loss: validation where there is one, else train. */
export function finalLoss(s: RunSummary): number | undefined {
  return s.final?.validation?.loss ?? s.final?.train?.loss;
}

/** The number the Result column shows: test accuracy, else validation, else train (undefined: none). */
export function resultValue(s: RunSummary): number | undefined {
  const f = s.final;
  const m = (f?.test?.metrics ?? f?.validation ?? f?.train) as Record<string, number> | undefined;
  return m?.accuracy;
}

function sortValue(s: RunSummary, by: RunSortKey): string | number | undefined {
  switch (by) {
    case 'started':
      return s.createdAt;
    case 'status':
      return s.status;
    case 'optimizer':
      return s.settings?.optimizer;
    case 'learningRate':
      return s.settings?.learningRate;
    case 'batchSize':
      return s.settings?.batchSize;
    case 'epochs':
      return s.epochsCompleted;
    case 'loss':
      return finalLoss(s);
    case 'result':
      return resultValue(s);
  }
}

/** Sorted by one column; runs without a value for it go last either way, ties newest first. */
export function sortRuns(runs: readonly RunSummary[], sort: { by: RunSortKey; desc: boolean }): RunSummary[] {
  return [...runs].sort((a, b) => {
    const va = sortValue(a, sort.by);
    const vb = sortValue(b, sort.by);
    const missingA = va === undefined || (typeof va === 'number' && Number.isNaN(va));
    const missingB = vb === undefined || (typeof vb === 'number' && Number.isNaN(vb));
    if (missingA !== missingB) return missingA ? 1 : -1;
    let c = 0;
    if (!missingA && !missingB)
      c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    if (sort.desc) c = -c;
    return c || b.createdAt.localeCompare(a.createdAt);
  });
}

/** Runs with the given status (empty: all) whose id, status or settings contain every word typed. */
export function filterRuns(runs: readonly RunSummary[], filter: { text: string; status: string }): RunSummary[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return runs.filter((r) => {
    if (filter.status && r.status !== filter.status) return false;
    if (words.length === 0) return true;
    const hay = [r.runId, r.status, ...(r.settings ? Object.values(r.settings).map(String) : [])]
      .join(' ')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
