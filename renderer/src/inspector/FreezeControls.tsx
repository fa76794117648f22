import { useState } from 'react';
import { upstreamOf } from '../../../shared/graph';
import { useEditor } from '../store';

/**
 * Freeze this layer, or everything above it (transfer learning: keep what an imported network
 * learned, train only the new head). Frozen means the project file's `trainable: false` on the
 * node; either control is one undo step.
 */
export function FreezeControls({ id }: { id: string }) {
  const frozen = useEditor((s) => {
    const n = s.project.graph.nodes.find((x) => x.id === id);
    return n?.trainable === false || n?.params.trainable === false;
  });
  const hasUpstream = useEditor((s) => upstreamOf(s.project.graph, id).length > 0);
  const setFrozen = useEditor((s) => s.setFrozen);
  const freezeAbove = useEditor((s) => s.freezeAbove);
  const [said, setSaid] = useState<{ id: string; text: string } | null>(null);

  return (
    <div className="inspector__freeze" data-testid="inspector-freeze">
      <label className="inspector__freeze-toggle">
        <input
          type="checkbox"
          data-testid="freeze-toggle"
          checked={frozen}
          onChange={(e) => setFrozen([id], e.target.checked)}
        />
        Freeze
        <span className="inspector__freeze-doc">
          {frozen ? 'Training leaves this layer’s weights as they are.' : 'Training changes this layer’s weights.'}
        </span>
      </label>
      {hasUpstream && (
        <button
          type="button"
          className="inspector__freeze-above"
          data-testid="freeze-above"
          onClick={() => {
            const n = freezeAbove(id);
            setSaid({
              id,
              text:
                n === 0
                  ? 'No layer above this one has weights.'
                  : `Froze ${n} layer${n === 1 ? '' : 's'} above this one.`,
            });
          }}
        >
          Freeze everything above this layer
        </button>
      )}
      {said?.id === id && (
        <p className="inspector__freeze-said" role="status" data-testid="freeze-above-said">
          {said.text}
        </p>
      )}
    </div>
  );
}
