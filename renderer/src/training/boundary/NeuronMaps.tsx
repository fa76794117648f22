import { memo } from 'react';
import type { NeuronMaps as NeuronMapsData } from '../../../../shared/protocol/trainer';
import { formatMetric } from '../format';
import { PixelsCanvas } from './DecisionBoundary';
import { neuronPixels } from './boundaryPixels';

/** A tile's side in CSS pixels. */
const TILE = 40;

const LayerTiles = memo(function LayerTiles({ maps }: { maps: NeuronMapsData }) {
  const range = `${formatMetric(maps.min)} (blue) to ${formatMetric(maps.max)} (orange)`;
  return (
    <div className="dw-neurons__layer" data-testid={`neuron-maps-${maps.nodeId}`}>
      <span className="dw-neurons__name dw-mono dw-small" title={`Layer ${maps.nodeId}: its outputs range ${range}`}>
        {maps.nodeId} · {maps.units} {maps.units === 1 ? 'unit' : 'units'}
      </span>
      <div className="dw-neurons__tiles">
        {Array.from({ length: maps.units }, (_, u) => (
          <span key={u} className="dw-neurons__tile" title={`Unit ${u + 1} of ${maps.nodeId} over the plane: ${range}`}>
            <PixelsCanvas pixels={neuronPixels(maps, u)} side={TILE} label={`unit ${u + 1} of ${maps.nodeId}`} />
          </span>
        ))}
      </div>
    </div>
  );
});

/**
 * Each hidden neuron's output over the same plane as the decision boundary, layer by layer
 * (Playground's neuron thumbnails): how the first layer cuts the plane into half-planes and the
 * next ones combine them.
 */
export function NeuronMaps({ layers }: { layers: readonly NeuronMapsData[] }) {
  if (!layers.length) return null;
  return (
    <section className="dw-section dw-neurons" data-testid="neuron-maps">
      <h3 className="dw-section__title">What each hidden neuron computes over the plane</h3>
      <p className="dw-muted dw-small dw-neurons__hint">
        Orange where a neuron's output is positive, blue where negative, white near zero; the decision boundary is built
        from these.
      </p>
      {layers.map((maps) => (
        <LayerTiles key={maps.nodeId} maps={maps} />
      ))}
    </section>
  );
}
