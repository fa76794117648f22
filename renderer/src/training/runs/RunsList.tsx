import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunSummary } from '../../../../shared/protocol/client';
import { useEngine } from '../../engine/EngineProvider';
import { useEditor } from '../../store';
import { formatValue, formatWhen, metricLabel } from '../format';
import { CompareRuns, shortId } from './compare/CompareRuns';
import { sortRuns, filterRuns, type RunSortKey } from './compare/runTable';
import { isActive } from './runModel';
import { useRuns } from './runsStore';

/** The headline number of a run: test accuracy, else validation, else train; or the loss. */
function headline(s: RunSummary): { label: string; value: string } {
  const f = s.final;
  const m = f?.test?.metrics ?? f?.validation ?? f?.train;
  if (!m) return { label: '', value: '–' };
  const key = 'accuracy' in m ? 'accuracy' : 'loss';
  const where = f?.test ? 'test' : f?.validation ? 'validation' : 'train';
  return { label: `${where} ${metricLabel(key).toLowerCase()}`, value: formatValue(key, m[key]) };
}

/** A sortable column head: click (or Enter) sorts by it, again reverses. */
function SortHead(props: {
  label: string;
  by: RunSortKey;
  sort: { by: RunSortKey; desc: boolean };
  onSort(by: RunSortKey): void;
  num?: boolean;
}) {
  const on = props.sort.by === props.by;
  return (
    <th
      scope="col"
      className={props.num ? 'num' : undefined}
      aria-sort={on ? (props.sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="dw-runs__sort"
        onClick={() => props.onSort(props.by)}
        data-testid={`sort-${props.by}`}
      >
        {props.label}
        {on ? (props.sort.desc ? ' ▾' : ' ▴') : ''}
      </button>
    </th>
  );
}

/**
 * This project's runs with their settings and final numbers, newest first; sort by any column and
 * filter by status or words. Open one to see its curves again on the dashboard; tick any number to
 * compare their settings and curves (CompareRuns).
 */
export function RunsList({ onOpen }: { onOpen(): void }) {
  const client = useEngine();
  const projectName = useEditor((s) => s.project.name);
  const projectId = useEditor((s) => s.project.id);
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [sort, setSort] = useState<{ by: RunSortKey; desc: boolean }>({ by: 'started', desc: true });
  const [filter, setFilter] = useState({ text: '', status: '' });
  const onSort = (by: RunSortKey) => setSort((s) => ({ by, desc: s.by === by ? !s.desc : by === 'started' }));
  const shown = useMemo(() => (runs ? sortRuns(filterRuns(runs, filter), sort) : null), [runs, filter, sort]);
  // Compared oldest first, so "what changed" reads forwards in time.
  const compared = useMemo(
    () => (runs ?? []).filter((r) => picked.includes(r.runId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    [runs, picked],
  );
  const [opening, setOpening] = useState<string | null>(null);
  // Refresh when a run of this window ends, so its numbers show up.
  const currentStatus = useRuns((s) => (s.currentRunId ? s.runs[s.currentRunId]?.status : undefined));

  const refresh = useCallback(() => {
    client.listRuns(projectName, projectId).then(
      (list) => {
        setRuns([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
        setError(null);
      },
      (err: Error) => setError(err.message),
    );
  }, [client, projectName, projectId]);
  // A run listed `running` that ends in this window (one still training when the page was reloaded:
  // the host streams its events to the new page too) is listed again with its result (issue 13, item 5).
  const listedRunning = runs?.filter((r) => r.status === 'running').map((r) => r.runId) ?? [];
  const endedHere = useRuns((s) => listedRunning.filter((id) => s.runs[id] && !isActive(s.runs[id].status)).join(' '));
  useEffect(refresh, [refresh, currentStatus, endedHere]);

  const load = useCallback(
    async (runId: string) => {
      const have = useRuns.getState().runs[runId];
      if (have && (have.batches.length > 0 || have.epochs.length > 0)) return;
      useRuns.getState().loadDetail(await client.getRun(runId));
    },
    [client],
  );

  const open = async (runId: string) => {
    setOpening(runId);
    try {
      await load(runId);
      useRuns.getState().reopen(runId);
      onOpen();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setOpening(null);
    }
  };

  const togglePick = (runId: string, on: boolean) =>
    setPicked((p) => (on ? [...p.filter((x) => x !== runId), runId] : p.filter((x) => x !== runId)));

  return (
    <div className="dw-runs" data-testid="runs-list">
      <div className="dw-runs__head">
        <h3 className="dw-section__title">Runs of “{projectName}”</h3>
        <button type="button" className="dw-button dw-button--small" onClick={refresh}>
          Refresh
        </button>
      </div>
      {error && <p className="dw-error">{error}</p>}
      {runs && runs.length === 0 && (
        <p className="dw-muted">No runs yet. Press Train; every run is kept here with its numbers.</p>
      )}
      {runs && runs.length > 1 && (
        <div className="dw-runs__filters" data-testid="runs-filters">
          <label>
            Show{' '}
            <select
              value={filter.status}
              onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value }))}
              data-testid="runs-filter-status"
            >
              <option value="">every run</option>
              <option value="completed">completed</option>
              <option value="stopped">stopped</option>
              <option value="failed">failed</option>
              <option value="running">running</option>
            </select>
          </label>
          <input
            type="search"
            placeholder="Filter: id, optimizer, data…"
            aria-label="Filter runs"
            value={filter.text}
            onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
            data-testid="runs-filter-text"
          />
          <span className="dw-muted">
            {shown?.length ?? 0} of {runs.length} shown · tick runs to compare them
          </span>
        </div>
      )}
      {shown && runs && runs.length > 0 && (
        <table className="dw-table dw-runs__table">
          <thead>
            <tr>
              <th scope="col" title="Tick runs to compare their settings and curves">
                Compare
              </th>
              <SortHead label="Started" by="started" sort={sort} onSort={onSort} />
              <th scope="col">Run</th>
              <SortHead label="Status" by="status" sort={sort} onSort={onSort} />
              <SortHead label="Optimizer" by="optimizer" sort={sort} onSort={onSort} />
              <SortHead label="Learning rate" by="learningRate" sort={sort} onSort={onSort} num />
              <SortHead label="Batch" by="batchSize" sort={sort} onSort={onSort} num />
              <SortHead label="Epochs" by="epochs" sort={sort} onSort={onSort} num />
              <SortHead label="Final loss" by="loss" sort={sort} onSort={onSort} num />
              <SortHead label="Result" by="result" sort={sort} onSort={onSort} num />
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const h = headline(r);
              const loss = r.final?.validation?.loss ?? r.final?.train?.loss;
              return (
                <tr key={r.runId} data-testid={`run-row-${r.runId}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare run ${shortId(r.runId)}`}
                      checked={picked.includes(r.runId)}
                      onChange={(e) => togglePick(r.runId, e.target.checked)}
                    />
                  </td>
                  <td>{formatWhen(r.createdAt)}</td>
                  <td>
                    <span className="dw-mono">{shortId(r.runId)}</span>
                    {r.continues && (
                      <span
                        className="dw-muted dw-small dw-runs__continues"
                        data-testid="run-continues"
                        title={`Continued from run ${r.continues}: it started from that run's weights.`}
                      >
                        {' '}
                        continues <span className="dw-mono">{shortId(r.continues)}</span>
                      </span>
                    )}
                  </td>
                  <td>
                    <span
                      className={`dw-status dw-status--${r.status}`}
                      title={
                        r.failure ? `${r.failure.message}${r.failure.hint ? `\n${r.failure.hint}` : ''}` : undefined
                      }
                    >
                      {r.status}
                    </span>
                  </td>
                  <td>{r.settings?.optimizer ?? '–'}</td>
                  <td className="num dw-mono">{r.settings?.learningRate ?? '–'}</td>
                  <td className="num">{r.settings?.batchSize ?? '–'}</td>
                  <td className="num" data-testid="run-epochs">
                    {r.epochsCompleted}
                  </td>
                  <td className="num dw-mono">{formatValue('loss', loss)}</td>
                  <td className="num" title={h.label}>
                    <span className="dw-mono">{h.value}</span> <span className="dw-muted dw-small">{h.label}</span>
                  </td>
                  <td className="num">
                    <button
                      type="button"
                      className="dw-button dw-button--small"
                      disabled={opening === r.runId}
                      onClick={() => open(r.runId)}
                      data-testid={`open-run-${r.runId}`}
                    >
                      Open
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {compared.length >= 2 && <CompareRuns runs={compared} load={load} />}
      {compared.length === 1 && <p className="dw-muted dw-small">Tick one more run to compare them.</p>}
    </div>
  );
}
