import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getSpec, type ParamSpec } from '../../../shared/catalog';
import { allParams, withDefaults } from '../../../shared/catalog/paramValues';
import { describeShape } from '../../../shared/graph';
import { CATEGORY_COLORS } from '../canvas/categoryColors';
import { useAnalysis, useEditor } from '../store';
import { formatInt } from '../summary/format';
import { ConnectionsField } from './ConnectionsField';
import { FreezeControls } from './FreezeControls';
import { NodeIdField } from './NodeIdField';
import { ParamField } from './ParamField';

/** Parameters most people never touch, folded away under "Weights". */
const isAdvanced = (p: ParamSpec) => p.type === 'initializer' || p.type === 'regularizer';

/**
 * The selected node, for the inspector: id, kind and params. `useShallow` compares these by
 * identity, and a move keeps the params object, so dropping a dragged node does not re-render here.
 */
const selectNode = (s: ReturnType<typeof useEditor.getState>) => {
  if (s.selectedNodes.length !== 1) return { id: null, kind: null, params: null, count: s.selectedNodes.length };
  const n = s.project.graph.nodes.find((x) => x.id === s.selectedNodes[0]);
  return n ? { id: n.id, kind: n.kind, params: n.params, count: 1 } : { id: null, kind: null, params: null, count: 0 };
};

/** The right panel: the selected layer's explanation, problem, shape and a form for its parameters. */
export function Inspector() {
  const { id, kind, params, count } = useEditor(useShallow(selectNode));
  const analysis = useAnalysis();
  const setParam = useEditor((s) => s.setParam);
  const onChange = useCallback((name: string, value: unknown) => id && setParam(id, name, value), [id, setParam]);

  if (!id || !kind || !params) {
    return (
      <aside className="inspector inspector--empty" data-testid="inspector">
        <p>{count > 1 ? `${count} layers selected.` : 'Select a layer to see what it does and change its settings.'}</p>
      </aside>
    );
  }
  const spec = getSpec(kind);
  const info = analysis.nodes.get(id);
  const problem = info?.problem ?? analysis.problems.find((p) => p.nodeId === id);
  if (!spec) {
    return (
      <aside className="inspector" data-testid="inspector">
        <h2 className="inspector__kind">{kind}</h2>
        <p className="inspector__problem" data-testid="inspector-problem">
          Deepwire does not know the kind “{kind}”. Replace this layer with one from the palette.
        </p>
      </aside>
    );
  }
  const specs = allParams(spec);
  const values = withDefaults(spec, params);
  // `trainable` is the Freeze control below (it writes the project's per-node field instead).
  const names = Object.keys(specs).filter((n) => n !== 'trainable');
  const basic = names.filter((n) => !isAdvanced(specs[n]));
  const advanced = names.filter((n) => isAdvanced(specs[n]));
  const field = (name: string) => (
    <ParamField key={`${id}:${name}`} name={name} spec={specs[name]} value={values[name]} onChange={onChange} />
  );
  const weights = info ? info.params.trainable + info.params.nonTrainable : 0;

  return (
    <aside className="inspector" data-testid="inspector" aria-label={`Settings of ${id}`}>
      <header className="inspector__header">
        <span className="inspector__chip" style={{ background: CATEGORY_COLORS[spec.category] }}>
          {spec.category}
        </span>
        <h2 className="inspector__kind" data-testid="inspector-kind">
          {spec.kind}
        </h2>
        <p className="inspector__summary">{spec.summary}</p>
      </header>
      <NodeIdField id={id} />
      {problem && (
        <div className={`inspector__problem is-${problem.severity}`} data-testid="inspector-problem" role="alert">
          <strong>{problem.message}</strong>
          {problem.hint && <span>{problem.hint}</span>}
        </div>
      )}
      <dl className="inspector__facts">
        <div>
          <dt>Output shape</dt>
          <dd data-testid="inspector-shape">{describeShape(info?.outputShape ?? null)}</dd>
        </div>
        <div>
          <dt>Parameters</dt>
          <dd>{formatInt(weights)}</dd>
        </div>
      </dl>
      {weights > 0 && <FreezeControls id={id} />}
      <form className="inspector__form" onSubmit={(e) => e.preventDefault()}>
        {basic.map(field)}
        {advanced.length > 0 && (
          <details className="inspector__advanced">
            <summary>Weights</summary>
            {advanced.map(field)}
          </details>
        )}
      </form>
      <ConnectionsField id={id} />
    </aside>
  );
}
