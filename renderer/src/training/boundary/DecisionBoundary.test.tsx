// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { BoundaryEvent } from '../runs/runModel';
import { classColor } from '../classColors';
import { DecisionBoundary } from './DecisionBoundary';
import { NeuronMaps } from './NeuronMaps';
import { boundaryPixels, hexRgb, outputColor, toPicture, twoSided } from './boundaryPixels';

afterEach(() => cleanup());

/** A 4 × 4 boundary: probability rising left to right; three training points and one test point. */
function boundary(epoch: number, shift = 0): BoundaryEvent {
  const size = 4;
  const data = Uint8Array.from({ length: size * size }, (_, i) => Math.min(255, (i % size) * 85 + shift));
  return {
    type: 'boundary',
    runId: 'r',
    epoch,
    extent: { x: [-2, 2], y: [-1, 1] },
    size,
    output: { kind: 'probability', data, min: 0, max: 1 },
    neurons: [
      { nodeId: 'h1', units: 3, size: 2, min: -1, max: 1, data: new Uint8Array(12).fill(200) },
      { nodeId: 'h2', units: 2, size: 2, min: 0, max: 2, data: new Uint8Array(8) },
    ],
    points: { xy: [-1, 0.5, 1, -0.5, 0, 0, 1.5, 0.9], label: [0, 1, 0, 1], test: 1 },
  };
}

describe('the decision boundary’s colours', () => {
  it('fade from class 0’s colour through white to class 1’s', () => {
    expect(twoSided(0)).toEqual(mix(hexRgb(classColor(0)), 0.85));
    expect(twoSided(255)).toEqual(mix(hexRgb(classColor(1)), 0.85));
    expect(twoSided(127.5)).toEqual([255, 255, 255]);
  });

  it('colour several classes by the winner, white where the network only guesses', () => {
    const output = {
      kind: 'classes' as const,
      data: Uint8Array.from([2, 2]),
      confidence: Uint8Array.from([255, 85]),
      min: 0,
      max: 2,
    };
    expect(outputColor(output, 0, 3)).toEqual(mix(hexRgb(classColor(2)), 0.85));
    // Confidence 1/3 among three classes is a guess: white.
    expect(outputColor(output, 1, 3).map(Math.round)).toEqual([255, 255, 255]);
  });

  it('draw one pixel per grid cell, row 0 at the top', () => {
    const px = boundaryPixels(boundary(1).output, 4, 2);
    expect([px.width, px.height]).toEqual([4, 4]);
    // Column 0 is sure of class 0 (blue), column 3 sure of class 1 (orange).
    expect(Array.from(px.data.slice(0, 3))).toEqual(mix(hexRgb(classColor(0)), 0.85).map(Math.round));
    expect(Array.from(px.data.slice(12, 15))).toEqual(mix(hexRgb(classColor(1)), 0.85).map(Math.round));
  });

  it('place points on the picture: x1 left to right, x2 bottom to top', () => {
    const extent = { x: [-2, 2] as [number, number], y: [-1, 1] as [number, number] };
    expect(toPicture(extent, 100, -2, 1)).toEqual([0, 0]);
    expect(toPicture(extent, 100, 2, -1)).toEqual([100, 100]);
    expect(toPicture(extent, 100, 0, 0)).toEqual([50, 50]);
  });
});

describe('DecisionBoundary', () => {
  it('shows the epoch, the points in class colours (test ones ringed dark) and the class legend', () => {
    const { container, rerender } = render(
      <DecisionBoundary boundary={boundary(0)} classNames={['negative', 'positive']} />,
    );
    const figure = screen.getByTestId('decision-boundary');
    expect(screen.getByTestId('decision-boundary-epoch').textContent).toBe('before training');
    const circles = container.querySelectorAll('circle');
    expect(circles).toHaveLength(4);
    expect(circles[1].getAttribute('fill')).toBe(classColor(1));
    expect(circles[0].getAttribute('stroke')).toBe('#fff');
    expect(circles[3].getAttribute('stroke')).not.toBe('#fff');
    expect(within(figure).getByText('negative')).toBeTruthy();
    expect(within(figure).getByText('positive')).toBeTruthy();
    expect(figure.querySelector('[title*="x1 from"]')!.getAttribute('title')).toMatch(/white is 50 %/);
    const before = figure.dataset.fingerprint;
    rerender(<DecisionBoundary boundary={boundary(3, 30)} classNames={['negative', 'positive']} />);
    expect(screen.getByTestId('decision-boundary-epoch').textContent).toBe('after epoch 3');
    expect(screen.getByTestId('decision-boundary').dataset.fingerprint).not.toBe(before);
  });
});

describe('NeuronMaps', () => {
  it('shows one tile per unit, layer by layer, and nothing without hidden layers', () => {
    const { container } = render(<NeuronMaps layers={boundary(1).neurons} />);
    expect(within(screen.getByTestId('neuron-maps-h1')).getAllByRole('img')).toHaveLength(3);
    expect(within(screen.getByTestId('neuron-maps-h2')).getAllByRole('img')).toHaveLength(2);
    expect(screen.getByTestId('neuron-maps-h1').textContent).toContain('h1 · 3 units');
    cleanup();
    render(<NeuronMaps layers={[]} />);
    expect(screen.queryByTestId('neuron-maps')).toBeNull();
    void container;
  });
});

/** White blended toward `rgb` by `a`. */
function mix(rgb: [number, number, number], a: number): [number, number, number] {
  return [255 + (rgb[0] - 255) * a, 255 + (rgb[1] - 255) * a, 255 + (rgb[2] - 255) * a];
}
