import { useMemo, useState } from 'react';
import { useEditor } from '../store';
import './connections.css';

/**
 * The keyboard's way to wire layers (issue 14, defect 7): the selected layer's inputs and outputs
 * as lists with a Disconnect button each, and a picker to connect one more in either direction.
 * Connecting goes through the store's `connect`, so a connection the shapes refuse is refused here
 * with the same message as a drag on the canvas; disconnecting is one undo step.
 */
export function ConnectionsField({ id }: { id: string }) {
  const graph = useEditor((s) => s.project.graph);
  const { inputs, outputs, others } = useMemo(
    () => ({
      inputs: graph.edges.filter((e) => e.target === id).map((e) => e.source),
      outputs: graph.edges.filter((e) => e.source === id).map((e) => e.target),
      others: graph.nodes.filter((n) => n.id !== id).map((n) => n.id),
    }),
    [graph, id],
  );
  const connect = useEditor((s) => s.connect);
  const refusal = useEditor((s) => s.refusal);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [attempt, setAttempt] = useState<{ refusalBefore: number | null } | null>(null);

  const disconnect = (source: string, target: string) => {
    const s = useEditor.getState();
    const index = s.project.graph.edges.findIndex((e) => e.source === source && e.target === target);
    if (index >= 0) s.edit({ type: 'delete', nodeIds: [], edgeIndices: [index] });
  };
  const add = (source: string, target: string) => {
    if (!source || !target) return;
    const refusedBefore = useEditor.getState().refusal?.seq ?? null;
    if (connect(source, target)) {
      setFrom('');
      setTo('');
      setAttempt(null);
    } else setAttempt({ refusalBefore: refusedBefore });
  };
  // The store's refusal, shown here too when it came from this form (the canvas banner may be off screen).
  const refused = attempt && refusal && refusal.seq !== attempt.refusalBefore ? refusal.message : null;

  return (
    <section className="inspector__wires" aria-label="Connections" data-testid="inspector-connections">
      <h3 className="inspector__section-title">Connections</h3>
      <WireList
        label="Input from"
        ids={inputs}
        empty="Nothing flows into this layer yet."
        testId="wires-in"
        onDisconnect={(other) => disconnect(other, id)}
      />
      <WirePicker
        label="Connect input from"
        options={others.filter((o) => !inputs.includes(o))}
        value={from}
        onChange={setFrom}
        onConnect={() => add(from, id)}
        testId="connect-from"
      />
      <WireList
        label="Output to"
        ids={outputs}
        empty="This layer's output goes nowhere yet."
        testId="wires-out"
        onDisconnect={(other) => disconnect(id, other)}
      />
      <WirePicker
        label="Connect output to"
        options={others.filter((o) => !outputs.includes(o))}
        value={to}
        onChange={setTo}
        onConnect={() => add(id, to)}
        testId="connect-to"
      />
      {refused && (
        <p className="inspector__wire-refused" role="alert" data-testid="connect-refused">
          {refused}
        </p>
      )}
    </section>
  );
}

function WireList(props: {
  label: string;
  ids: string[];
  empty: string;
  testId: string;
  onDisconnect(other: string): void;
}) {
  return (
    <div className="inspector__wire-list" data-testid={props.testId}>
      <span className="inspector__wire-label">{props.label}</span>
      {props.ids.length === 0 ? (
        <span className="dw-muted">{props.empty}</span>
      ) : (
        <ul>
          {props.ids.map((other) => (
            <li key={other}>
              <code>{other}</code>
              <button
                type="button"
                className="inspector__wire-remove"
                aria-label={`Disconnect ${other}`}
                onClick={() => props.onDisconnect(other)}
              >
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function WirePicker(props: {
  label: string;
  options: string[];
  value: string;
  onChange(v: string): void;
  onConnect(): void;
  testId: string;
}) {
  if (props.options.length === 0) return null;
  return (
    <div className="inspector__wire-pick">
      <label>
        <span className="inspector__wire-label">{props.label}</span>
        <select
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && props.value) {
              e.preventDefault();
              props.onConnect();
            }
          }}
          data-testid={`${props.testId}-select`}
        >
          <option value="">Choose a layer…</option>
          {props.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn"
        disabled={!props.value}
        onClick={props.onConnect}
        data-testid={`${props.testId}-button`}
      >
        Connect
      </button>
    </div>
  );
}
