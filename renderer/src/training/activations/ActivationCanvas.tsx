import { memo, useEffect, useRef } from 'react';
import type { LayerActivation } from '../../../../shared/protocol/trainer';
import { VIRIDIS } from './colormap';
import { activationGrid, activationStrip, gridLayout, isStrip, paint } from './pixels';

export interface ActivationCanvasProps {
  layer: LayerActivation;
  /** About how many CSS pixels each channel's map gets on its longer side. */
  cell?: number;
  maxCols?: number;
  maxChannels?: number;
  lut?: Uint8ClampedArray;
  /** Height of one channel's row when the layer is a strip. */
  stripRow?: number;
  /** CSS width of a strip (it stretches to the container by default). */
  stripWidth?: number | string;
  className?: string;
}

/**
 * A layer's activations drawn to one canvas: image layers as a grid of heatmaps (integer-scaled,
 * crisp), 1-D layers (dense units, sequences) as a strip per channel stretched to the width.
 */
export const ActivationCanvas = memo(function ActivationCanvas({
  layer,
  cell = 56,
  maxCols = 8,
  maxChannels,
  lut = VIRIDIS,
  stripRow = 14,
  stripWidth = '100%',
  className,
}: ActivationCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const strip = isStrip(layer);
  const channels = Math.min(layer.channels, maxChannels ?? layer.channels);
  const layout = gridLayout({ ...layer, channels }, cell, maxCols);
  useEffect(() => {
    paint(ref.current, strip ? activationStrip(layer, lut, channels) : activationGrid(layer, layout, lut, channels));
  }, [layer, lut, strip, layout.cols, layout.scale, channels]); // eslint-disable-line react-hooks/exhaustive-deps
  const style = strip
    ? { width: stripWidth, height: channels * stripRow }
    : {
        width: layout.cols * layer.width * layout.scale + (layout.cols - 1) * layout.gap,
        height: layout.rows * layer.height * layout.scale + (layout.rows - 1) * layout.gap,
      };
  return (
    <canvas
      ref={ref}
      className={`dw-pixelated ${className ?? ''}`}
      style={style}
      role="img"
      aria-label={`${layer.nodeId}: ${channels} channel${channels === 1 ? '' : 's'}`}
    />
  );
});
