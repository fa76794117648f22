import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunSummary } from '../../../../shared/protocol/client';
import { useEngine } from '../../engine/EngineProvider';
import { useEditor } from '../../store';
import { compareLines, runMetrics } from '../dashboard/curveLines';
import { formatValue, formatWhen, isFraction, metricLabel } from '../format';
import { MetricChart } from '../dashboard/MetricChart';
import { isActive } from './runModel';
import { useRuns } from './runsStore';

const shortId = (runId: string) => runId.slice(-6);

/** The headline number of a run: test accuracy, else validation, else train; or the loss. */
function headline(s: RunSummary): { label: string; value: string } {
  const f = s.final;
  const m = f?.test?.metrics ?? f?.validation ?? f?.train;
  if (!m) return { label: '', value: '–' };
  const key = 'accuracy' in m ? 'accuracy' : 'loss';
  const where = f?.test ? 'test' : f?.validation ? 'validation' : 'train';
  return { label: `${where} ${metricLabel(key).toLowerCase()}`, value: formatValue(key, m[key]) };
}

/**
 * This project's runs, newest first, with their final numbers. Open one to see its curves again on
 * the dashboard; tick two to draw their curves on one chart.
 */
export function RunsList({ onOpen }: { onOpen(): void }) {
  const client = useEngine();
  const projectName = useEditor((s) => s.project.name);
  const projectId = useEditor((s) => s.project.id);
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
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
    setPicked((p) => (on ? [...p.filter((x) => x !== runId), runId].slice(-2) : p.filter((x) => x !== runId)));

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
      {runs && runs.length > 0 && (
        <table className="dw-table dw-runs__table">
          <thead>
            <tr>
              <th scope="col" title="Tick two runs to compare their curves">
                Compare
              </th>
              <th scope="col">Started</th>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Epochs
              </th>
              <th scope="col" className="num">
                Final loss
              </th>
              <th scope="col" className="num">
                Result
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
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
                  <td className="num">{r.epochsCompleted}</td>
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
      {picked.length === 2 && <Compare a={picked[0]} b={picked[1]} load={load} />}
      {picked.length === 1 && <p className="dw-muted dw-small">Tick one more run to compare their curves.</p>}
    </div>
  );
}

function Compare({ a, b, load }: { a: string; b: string; load(runId: string): Promise<void> }) {
  const [ready, setReady] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${a}|${b}`;
  useEffect(() => {
    let live = true;
    Promise.all([load(a), load(b)]).then(
      () => live && setReady(key),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [a, b, key, load]);
  const runA = useRuns((s) => s.runs[a]);
  const runB = useRuns((s) => s.runs[b]);
  const metrics = useMemo(
    () => (runA && runB ? runMetrics([...new Set([...runA.epochs.names, ...runB.epochs.names])]) : []),
    [runA, runB],
  );
  if (error) return <p className="dw-error">{error}</p>;
  if (ready !== key || !runA || !runB) return <p className="dw-muted">Loading both runs…</p>;
  const xMax = Math.max(runA.epochs.x().at(-1) ?? 1, runB.epochs.x().at(-1) ?? 1);
  return (
    <section className="dw-compare" data-testid="compare-chart">
      <h3 className="dw-section__title">
        Run {shortId(a)} (blue/orange) vs run {shortId(b)} (green/purple)
      </h3>
      <div className="dw-charts">
        {metrics.map((m) => (
          <CompareChart key={m} a={a} b={b} metric={m} xMax={xMax} />
        ))}
      </div>
    </section>
  );
}

function CompareChart({ a, b, metric, xMax }: { a: string; b: string; metric: string; xMax: number }) {
  const lines = useMemo(
    () => compareLines({ runId: a, name: shortId(a) }, { runId: b, name: shortId(b) }, metric),
    [a, b, metric],
  );
  return (
    <MetricChart
      title={metricLabel(metric)}
      lines={lines}
      xMax={xMax}
      fraction={isFraction(metric)}
      testId={`compare-${metric}`}
    />
  );
}
