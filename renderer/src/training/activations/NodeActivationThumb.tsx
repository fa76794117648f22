import { memo } from 'react';
import type { LayerActivation } from '../../../../shared/protocol/trainer';
import { ActivationCanvas } from './ActivationCanvas';
import { useRuns } from '../runs/runsStore';
import '../training.css';

/**
 * The latest activations of a node in the run this window is training, or null. Narrow: a node
 * re-renders only when its own layer's activations are replaced (once an epoch).
 */
export function useNodeActivationThumb(nodeId: string): LayerActivation | null {
  return useRuns((s) => (s.currentRunId ? (s.runs[s.currentRunId]?.activations?.byNode.get(nodeId) ?? null) : null));
}

/**
 * A thumbnail of a node's first channels for the canvas node while a run trains: up to three
 * heatmaps side by side, or a strip for a dense layer. Renders nothing when there is no run.
 */
export const NodeActivationThumb = memo(function NodeActivationThumb({ nodeId }: { nodeId: string }) {
  const layer = useNodeActivationThumb(nodeId);
  if (!layer) return null;
  return (
    <div
      className="dw-node-thumb"
      data-testid={`node-thumb-${nodeId}`}
      title="This layer's output for the probe example, after the latest epoch"
    >
      <ActivationCanvas layer={layer} cell={30} maxCols={3} maxChannels={3} stripRow={8} stripWidth={96} />
    </div>
  );
});
