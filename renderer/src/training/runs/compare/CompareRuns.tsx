import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunSummary } from '../../../../../shared/protocol/client';
import {
  changedSettings,
  describeChanges,
  runSettings,
  SETTING_ROWS,
  type RunSettings,
} from '../../../../../shared/training/runSettings';
import { useEngine } from '../../../engine/EngineProvider';
import { MetricChart } from '../../dashboard/MetricChart';
import { runMetrics } from '../../dashboard/curveLines';
import { isFraction, metricLabel } from '../../format';
import { useRuns } from '../runsStore';
import { chartSvg, download, metricsCsv, type ExportedLine } from './compareExport';
import { compareLines, runColor } from './compareLines';
import { smooth } from './smoothing';
import './compare.css';

export const shortId = (runId: string) => runId.slice(-6);

/**
 * Any number of runs side by side (issue 14, 2.5), like TensorBoard inside the app: their settings
 * in one table with what changed between them picked out, their curves on shared charts with
 * smoothing, and the charts (PNG, SVG) and numbers (CSV) to take away. Runs are given oldest first.
 */
export function CompareRuns({ runs, load }: { runs: readonly RunSummary[]; load(runId: string): Promise<void> }) {
  const client = useEngine();
  const ids = runs.map((r) => r.runId);
  const key = ids.join('|');
  const [settings, setSettings] = useState<{ key: string; list: RunSettings[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [smoothing, setSmoothing] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all(
      runs.map(async (r) => {
        await load(r.runId);
        // Runs recorded before summaries carried their settings: read them from the run's project.
        return r.settings ?? runSettings((await client.getRun(r.runId)).project);
      }),
    ).then(
      (list) => {
        if (!live) return;
        setSettings({ key, list });
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
    // `key` stands for the runs compared.
  }, [key, client, load]); // eslint-disable-line react-hooks/exhaustive-deps

  const records = useRuns(useShallow((s) => ids.map((id) => s.runs[id])));
  const metrics = useMemo(() => runMetrics([...new Set(records.flatMap((r) => (r ? r.epochs.names : [])))]), [records]);
  if (error) return <p className="dw-error">Could not load the runs to compare: {error}</p>;
  if (!settings || settings.key !== key || records.some((r) => !r))
    return <p className="dw-muted">Loading {runs.length} runs…</p>;

  const named = runs.map((r) => ({ runId: r.runId, name: shortId(r.runId) }));
  const changed = new Set(changedSettings(settings.list));
  const changes = describeChanges(settings.list);
  const xMax = Math.max(1, ...records.map((r) => r!.epochs.x().at(-1) ?? 1));

  const exportedLines = (metric: string): ExportedLine[] =>
    compareLines(named, metric).map((l) => {
      const table = useRuns.getState().runs[l.runId]?.epochs;
      const y = table?.column(l.column) ?? new Float64Array(0);
      return { label: l.label, color: l.color, dash: l.dash, x: table?.x() ?? [], y: smooth(y, smoothing) };
    });
  const csv = () =>
    metricsCsv(
      named.map((r) => {
        const table = useRuns.getState().runs[r.runId]!.epochs;
        return {
          name: r.runId,
          x: table.x(),
          columns: Object.fromEntries(table.names.map((n) => [n, table.column(n) ?? new Float64Array(0)])),
        };
      }),
    );

  return (
    <section className="dw-compare" data-testid="compare-chart">
      <h3 className="dw-section__title">Comparing {runs.length} runs</h3>
      <div className="dw-compare__table-wrap">
        <table className="dw-table dw-compare__settings" data-testid="compare-settings">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              {named.map((r, i) => (
                <th scope="col" key={r.runId}>
                  <i className="dw-compare__swatch" style={{ background: runColor(i) }} aria-hidden />
                  <span className="dw-mono">{r.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SETTING_ROWS.map((row) => (
              <tr
                key={row.key}
                className={changed.has(row.key) ? 'is-changed' : undefined}
                data-testid={`compare-row-${row.key}`}
              >
                <th scope="row">
                  {row.label}
                  {changed.has(row.key) && <span className="dw-compare__changed"> changed</span>}
                </th>
                {settings.list.map((s, i) => (
                  <td key={ids[i]} className="dw-mono">
                    {String(s[row.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="dw-compare__changes" data-testid="compare-changes">
        {changes.map((c, i) => (
          <li key={ids[i + 1]}>
            <span className="dw-mono">{shortId(ids[i + 1])}</span> vs <span className="dw-mono">{shortId(ids[i])}</span>
            : {c}
          </li>
        ))}
      </ul>
      <div className="dw-compare__controls">
        <label className="dw-compare__smoothing">
          Smoothing
          <input
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
            data-testid="compare-smoothing"
            aria-valuetext={smoothing === 0 ? 'off' : String(smoothing)}
          />
          <output className="dw-mono">{smoothing === 0 ? 'off' : smoothing.toFixed(2)}</output>
        </label>
        <button
          type="button"
          className="dw-button dw-button--small"
          data-testid="compare-csv"
          onClick={() => download('deepwire-runs.csv', csv(), 'text/csv')}
        >
          Download metrics (CSV)
        </button>
      </div>
      <div className="dw-charts">
        {metrics.map((m) => (
          <div key={m} className="dw-compare__chart">
            <MetricChart
              title={metricLabel(m)}
              lines={compareLines(named, m, smoothing)}
              xMax={xMax}
              fraction={isFraction(m)}
              testId={`compare-${m}`}
            />
            <div className="dw-compare__chart-actions">
              <button
                type="button"
                className="dw-button dw-button--small"
                data-testid={`compare-${m}-svg`}
                aria-label={`Download the ${metricLabel(m)} chart as SVG`}
                onClick={() =>
                  download(`${m}.svg`, chartSvg(metricLabel(m), exportedLines(m), isFraction(m)), 'image/svg+xml')
                }
              >
                SVG
              </button>
              <button
                type="button"
                className="dw-button dw-button--small"
                data-testid={`compare-${m}-png`}
                aria-label={`Download the ${metricLabel(m)} chart as PNG`}
                onClick={() => void chartPng(`compare-${m}`, metricLabel(m)).then((b) => b && download(`${m}.png`, b))}
              >
                PNG
              </button>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The chart as drawn on screen (uPlot's canvas) on white, with its title and legend, as a PNG. */
async function chartPng(testId: string, title: string): Promise<Blob | null> {
  const figure = document.querySelector(`[data-testid="${testId}"]`);
  const plot = figure?.querySelector('canvas');
  if (!figure || !plot) return null;
  const keys = [...figure.querySelectorAll('.dw-chart__key')].map((k) => ({
    text: k.textContent ?? '',
    color: (k.querySelector('i') as HTMLElement | null)?.style.background ?? '#000',
  }));
  const scale = plot.width / Math.max(1, plot.clientWidth);
  const head = 28 * scale;
  const legend = Math.ceil(keys.length / 3) * 16 * scale + 8 * scale;
  const out = document.createElement('canvas');
  out.width = plot.width;
  out.height = plot.height + head + legend;
  const g = out.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#222';
  g.font = `${600} ${14 * scale}px system-ui, sans-serif`;
  g.fillText(title, 8 * scale, 19 * scale);
  g.drawImage(plot, 0, head);
  g.font = `${11 * scale}px system-ui, sans-serif`;
  keys.forEach((k, i) => {
    const x = (8 + (i % 3) * 200) * scale;
    const y = plot.height + head + (14 + Math.floor(i / 3) * 16) * scale;
    g.fillStyle = k.color;
    g.fillRect(x, y - 6 * scale, 16 * scale, 3 * scale);
    g.fillStyle = '#222';
    g.fillText(k.text, x + 22 * scale, y);
  });
  return new Promise((resolve) => out.toBlob((b) => resolve(b), 'image/png'));
}
