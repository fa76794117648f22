import { memo, useEffect, useRef } from 'react';
import { exampleImage, paint } from './pixels';

/**
 * One dataset example drawn as a small image (first 1–3 channels, stretched to its own min/max).
 * `size` is the CSS size of the longer side; the pixels are scaled without smoothing.
 */
export const ExampleImage = memo(function ExampleImage({
  x,
  shape,
  size = 56,
  label,
}: {
  x: ArrayLike<number>;
  shape: readonly number[];
  size?: number;
  label?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => paint(ref.current, exampleImage(x, shape)), [x, shape]);
  const [h, w] = shape.length >= 2 ? shape : [1, shape[0] ?? 1];
  const k = size / Math.max(h, w);
  return (
    <canvas
      ref={ref}
      className="dw-pixelated dw-example-image"
      style={{ width: Math.round(w * k), height: Math.round(h * k) }}
      role="img"
      aria-label={label}
    />
  );
});

/** A 1-D series as an SVG sparkline. */
export function Sparkline({
  values,
  width = 120,
  height = 32,
  color = '#3b6fd8',
}: {
  values: ArrayLike<number>;
  width?: number;
  height?: number;
  color?: string;
}) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const range = hi - lo || 1;
  const n = Math.max(1, values.length - 1);
  let d = '';
  for (let i = 0; i < values.length; i++) {
    d += `${i ? 'L' : 'M'}${((i / n) * width).toFixed(1)},${(height - 2 - ((values[i] - lo) / range) * (height - 4)).toFixed(1)}`;
  }
  return (
    <svg className="dw-sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <path d={d} fill="none" stroke={color} strokeWidth={1.25} />
    </svg>
  );
}
