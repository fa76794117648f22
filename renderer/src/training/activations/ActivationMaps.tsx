import type { LayerActivation } from '../../../../shared/protocol/trainer';
import { describeShape } from '../../../../shared/graph';
import { GREYS, lutColor, VIRIDIS } from './colormap';
import { ActivationCanvas } from './ActivationCanvas';
import { formatMetric } from '../format';
import { useShownRun } from '../runs/runsStore';

function ColorKey({ min, max }: { min: number; max: number }) {
  const stops = [0, 64, 128, 192, 255].map((b) => `${lutColor(VIRIDIS, b)} ${(b / 255) * 100}%`).join(', ');
  return (
    <span className="dw-colorkey">
      <span className="dw-mono">{formatMetric(min)}</span>
      <i style={{ background: `linear-gradient(to right, ${stops})` }} />
      <span className="dw-mono">{formatMetric(max)}</span>
    </span>
  );
}

/** Dense layers this small get their values printed under the strip (an output's class scores). */
const MAX_LABELLED = 16;

function StripValues({ layer, labels }: { layer: LayerActivation; labels?: readonly string[] }) {
  const range = layer.max - layer.min;
  return (
    <ol className="dw-strip-values" style={{ gridTemplateColumns: `repeat(${layer.width}, 1fr)` }} aria-label="Values">
      {Array.from(layer.data.subarray(0, layer.width), (b, i) => (
        <li key={i} className="dw-mono">
          {labels?.[i] !== undefined && <span className="dw-strip-values__label">{labels[i]}</span>}
          {formatMetric(layer.min + (b / 255) * range)}
        </li>
      ))}
    </ol>
  );
}

/** One layer's maps; `labels` name the units of a small Dense strip (the output layer's classes). */
export function LayerMaps({ layer, labels }: { layer: LayerActivation; labels?: readonly string[] }) {
  const total = layer.shape[layer.shape.length - 1];
  const shown = layer.channels;
  return (
    <section className="dw-layer" data-testid={`activation-layer-${layer.nodeId}`}>
      <header className="dw-layer__head">
        <span className="dw-layer__id">{layer.nodeId}</span>
        <span className="dw-layer__kind">{layer.kind}</span>
        <span className="dw-mono dw-muted">{describeShape(layer.shape)}</span>
        {layer.height > 1 && typeof total === 'number' && total > shown && (
          <span className="dw-muted dw-small">
            first {shown} of {total} channels
          </span>
        )}
        <ColorKey min={layer.min} max={layer.max} />
      </header>
      <ActivationCanvas layer={layer} />
      {layer.height <= 1 && layer.channels === 1 && layer.width <= MAX_LABELLED && (
        <StripValues layer={layer} labels={labels} />
      )}
    </section>
  );
}

/**
 * What every layer makes of the probe example, refreshed each epoch: each channel as a heatmap
 * (viridis: dark = the layer's lowest value, yellow = its highest), dense layers as strips, and the
 * first convolution's filters as small grey images.
 */
export function ActivationMaps() {
  const run = useShownRun();
  const acts = run?.activations;
  if (!acts) {
    return (
      <div className="dw-empty" data-testid="activation-maps">
        <p>While the network trains, this shows what each layer makes of one example, after every epoch.</p>
      </div>
    );
  }
  return (
    <div className="dw-activations" data-testid="activation-maps">
      <p className="dw-muted dw-small">
        {acts.epoch === 0 ? 'Before training (random weights).' : `After epoch ${acts.epoch}.`} Each square is one
        channel of a layer’s output for the same example; colours run from the layer’s lowest value (dark purple) to its
        highest (yellow).
      </p>
      {acts.filters && (
        <section className="dw-layer" data-testid="activation-filters">
          <header className="dw-layer__head">
            <span className="dw-layer__id">{acts.filters.nodeId}</span>
            <span className="dw-layer__kind">filters</span>
            <span className="dw-muted dw-small">
              {acts.filters.channels} of the first convolution’s {acts.filters.height}×{acts.filters.width} kernels
              (grey: low → white: high)
            </span>
          </header>
          <ActivationCanvas layer={acts.filters} lut={GREYS} cell={40} maxCols={16} />
        </section>
      )}
      {acts.layers.map((l) => (
        <LayerMaps key={l.nodeId} layer={l} />
      ))}
    </div>
  );
}
