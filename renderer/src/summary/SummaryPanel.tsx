import { memo } from 'react';
import { describeShape, type GraphAnalysis } from '../../../shared/graph';
import { useAnalysis } from '../store';
import { formatInt, formatMB, formatMacs } from './format';
import { useFocusNode } from './useFocusNode';

const Table = memo(function Table({ analysis, onPick }: { analysis: GraphAnalysis; onPick(id: string): void }) {
  // Topological order, then any node inference could not order (a loop), so every layer is listed.
  const ordered = [...analysis.order, ...[...analysis.nodes.keys()].filter((id) => !analysis.order.includes(id))];
  return (
    <table className="summary__table" data-testid="summary-table">
      <thead>
        <tr>
          <th scope="col">Layer</th>
          <th scope="col">Kind</th>
          <th scope="col">Output shape</th>
          <th scope="col" className="num">
            Params
          </th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((id) => {
          const n = analysis.nodes.get(id)!;
          return (
            <tr
              key={id}
              className={n.problem ? 'has-problem' : undefined}
              onClick={() => onPick(id)}
              data-testid={`summary-row-${id}`}
            >
              <td className="summary__name" title={id}>
                {id}
              </td>
              <td className="summary__name" title={n.kind}>
                {n.kind}
              </td>
              <td className="mono">{describeShape(n.outputShape)}</td>
              <td className="num">{formatInt(n.params.trainable + n.params.nonTrainable)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

/**
 * A Keras-style model summary: every layer in topological order with its output shape and weights,
 * the totals, approximate compute and memory, and the list of problems (click one to go there).
 */
export function SummaryPanel() {
  const analysis = useAnalysis();
  const focus = useFocusNode();
  const { totals, problems } = analysis;
  return (
    <section className="summary" data-testid="summary" aria-label="Model summary">
      <div className="summary__main">
        <Table analysis={analysis} onPick={focus} />
      </div>
      <div className="summary__side">
        <dl className="summary__totals">
          <div>
            <dt>Total params</dt>
            <dd data-testid="summary-total">{formatInt(totals.total)}</dd>
          </div>
          <div>
            <dt>Trainable</dt>
            <dd data-testid="summary-trainable">{formatInt(totals.trainable)}</dd>
          </div>
          <div>
            <dt>Non-trainable</dt>
            <dd data-testid="summary-nontrainable">{formatInt(totals.nonTrainable)}</dd>
          </div>
          <div>
            <dt>Compute (approx.)</dt>
            <dd data-testid="summary-macs">{formatMacs(totals.macs)} / example</dd>
          </div>
          <div>
            <dt>Weight memory</dt>
            <dd data-testid="summary-memory">{formatMB(totals.weightBytes)}</dd>
          </div>
        </dl>
        <div className="summary__problems">
          <h3>
            {problems.length === 0 ? 'No problems' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
          </h3>
          <ul data-testid="problem-list">
            {problems.map((p, i) => (
              <li key={`${p.code}:${p.nodeId}:${i}`} className={`is-${p.severity}`}>
                <button
                  type="button"
                  className="summary__problem"
                  disabled={!p.nodeId}
                  onClick={() => p.nodeId && focus(p.nodeId)}
                  data-testid="problem-item"
                >
                  <span className="summary__problem-msg">{p.message}</span>
                  {p.hint && <span className="summary__problem-hint">{p.hint}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
