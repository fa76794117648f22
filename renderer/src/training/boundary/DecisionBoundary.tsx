import { memo, useEffect, useRef } from 'react';
import type { BoundaryOutput } from '../../../../shared/protocol/trainer';
import { paint, type Pixels } from '../activations/pixels';
import { classColor } from '../classColors';
import { formatMetric } from '../format';
import type { BoundaryEvent } from '../runs/runModel';
import { boundaryPixels, toPicture, valueColor } from './boundaryPixels';

/** The map's side in CSS pixels (the 64 × 64 grid smoothly scaled up). */
export const BOUNDARY_SIDE = 156;

/** A canvas showing `pixels` stretched to its box (smoothly: the grid is a sampled field, not an image). */
export const PixelsCanvas = memo(function PixelsCanvas({
  pixels,
  side,
  label,
}: {
  pixels: Pixels;
  side: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => paint(ref.current, pixels), [pixels]);
  return <canvas ref={ref} style={{ width: side, height: side }} role="img" aria-label={label} />;
});

/** A cheap fingerprint of the output's bytes, so a test can tell one epoch's map from the next. */
function fingerprint(data: Uint8Array): number {
  let h = 0;
  for (let i = 0; i < data.length; i++) h = (h * 31 + data[i]) | 0;
  return h >>> 0;
}

/** What the colours mean, in words. */
function meaning(output: BoundaryOutput, names: readonly string[]): string {
  switch (output.kind) {
    case 'probability':
      return `Colour: how sure the network is of “${names[1] ?? 'class 1'}” (orange) or “${names[0] ?? 'class 0'}” (blue); white is 50 %.`;
    case 'score':
      return `Colour: the output score, orange above ${formatMetric(output.threshold ?? 0)} (“${names[1] ?? 'class 1'}”), blue below; white on the line.`;
    case 'classes':
      return 'Colour: the class the network picks there; paler where it is less sure.';
    case 'value':
      return `Colour: the predicted value, from ${formatMetric(output.min)} (blue) to ${formatMetric(output.max)} (orange).`;
  }
}

/** The classes shown in the legend (a regression has none). */
function legendClasses(output: BoundaryOutput, names: readonly string[]): string[] {
  if (output.kind === 'value') return [];
  const k = output.kind === 'classes' ? Math.max(names.length, output.max + 1) : 2;
  return Array.from({ length: k }, (_, c) => names[c] ?? `class ${c}`);
}

/**
 * The network's output over the plane of its two inputs, redrawn as epochs go by, with training
 * examples (white ring) and test examples (dark ring) on top in their class colours: TensorFlow
 * Playground's decision boundary.
 */
export const DecisionBoundary = memo(function DecisionBoundary({
  boundary,
  classNames = [],
}: {
  boundary: BoundaryEvent;
  classNames?: readonly string[];
}) {
  const { output, size, extent, points, epoch } = boundary;
  const classes = legendClasses(output, classNames);
  const pixels = boundaryPixels(output, size, Math.max(2, classes.length));
  const n = points.label.length;
  const firstTest = n - points.test;
  const side = BOUNDARY_SIDE;
  const range = (r: [number, number]) => `${formatMetric(r[0])} to ${formatMetric(r[1])}`;
  return (
    <figure
      className="dw-chart dw-boundary"
      data-testid="decision-boundary"
      data-epoch={epoch}
      data-fingerprint={fingerprint(output.data)}
    >
      <figcaption className="dw-chart__head">
        <span className="dw-chart__title">Decision boundary</span>
        <span className="dw-muted dw-small" data-testid="decision-boundary-epoch">
          {epoch === 0 ? 'before training' : `after epoch ${epoch}`}
        </span>
      </figcaption>
      <div
        className="dw-boundary__plot"
        style={{ width: side, height: side }}
        title={`The plane of the two inputs: x1 from ${range(extent.x)} (left to right), x2 from ${range(extent.y)} (bottom to top). ${meaning(output, classNames)}`}
      >
        <PixelsCanvas
          pixels={pixels}
          side={side}
          label={`The network's output over the plane, ${meaning(output, classNames)}`}
        />
        <svg className="dw-boundary__points" width={side} height={side} aria-hidden="true">
          {points.label.map((label, i) => {
            const [cx, cy] = toPicture(extent, side, points.xy[2 * i], points.xy[2 * i + 1]);
            const test = i >= firstTest;
            // A class index, or a regression target in its units (coloured on the output's scale).
            const fill = output.kind === 'value' ? valueColor(label, output.min, output.max) : classColor(label);
            return (
              <circle
                key={i}
                cx={cx}
                cy={cy}
                r={test ? 3 : 2.4}
                fill={fill}
                stroke={test ? '#1d2433' : '#fff'}
                strokeWidth={test ? 1.2 : 0.8}
              />
            );
          })}
        </svg>
      </div>
      <div className="dw-boundary__legend dw-small">
        {classes.map((c, k) => (
          <span key={c} className="dw-boundary__key">
            <span className="dw-boundary__swatch" style={{ background: classColor(k) }} />
            {c}
          </span>
        ))}
        <span
          className="dw-boundary__key"
          title="Points with a dark ring are test examples the network never trained on"
        >
          <span className="dw-boundary__swatch is-test" /> test
        </span>
      </div>
    </figure>
  );
});
