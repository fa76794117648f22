// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EvaluationView } from './Evaluation';
import { niceTicks, targetPairs } from './regressionStats';

afterEach(() => cleanup());

describe('regression pairs', () => {
  it('take one target out of the rows, with its errors and a square range', () => {
    // Two targets per row: (true a, true b) = (1, 10), (2, 20), (3, 30); predictions off by 1 and 0.
    const t = targetPairs([1, 10, 2, 20, 3, 30], [2, 10, 3, 20, 4, 30], 2, 0);
    expect(t.actual).toEqual([1, 2, 3]);
    expect(t.residuals).toEqual([1, 1, 1]);
    expect([t.mae, t.rmse]).toEqual([1, 1]);
    expect(t.range[0]).toBeLessThan(1);
    expect(t.range[1]).toBeGreaterThan(4);
    expect(targetPairs([1, 10, 2, 20], [1, 12, 2, 18], 2, 1).rmse).toBe(2);
    // Non-finite pairs are left out.
    expect(targetPairs([1, NaN, 3], [1, 2, Infinity], 1, 0).actual).toEqual([1]);
  });

  it('get round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.5, 1]);
    expect(niceTicks(-3.2, 7.9)).toEqual([0, 5]);
    expect(niceTicks(0.12, 0.49)).toEqual([0.2, 0.3, 0.4]);
  });
});

describe('RegressionPlots in the evaluation', () => {
  it('draws predicted against true and the residuals for each target, in its units', async () => {
    render(
      <EvaluationView
        result={{
          split: 'test',
          metrics: { loss: 0.1, mae: 0.5 },
          regression: {
            targetNames: ['disc size', 'slope'],
            actual: [1, 10, 2, 20, 3, 30],
            predicted: [1.5, 11, 2.5, 19, 3.5, 33],
          },
        }}
      />,
    );
    expect(screen.getByTestId('regression-scatter').dataset.points).toBe('3');
    expect(screen.getByTestId('regression-residuals').querySelectorAll('circle')).toHaveLength(3);
    expect(screen.getByTestId('regression-errors').textContent).toMatch(/MAE 0\.5/);
    expect(screen.getAllByText('true disc size', { selector: 'text' })).toHaveLength(2);
    await userEvent.setup().selectOptions(screen.getByTestId('regression-target'), 'slope');
    expect(screen.getAllByText('true slope', { selector: 'text' })).toHaveLength(2);
    expect(screen.getByTestId('regression-errors').textContent).toMatch(/MAE 1\.667|MAE 1\.67/);
  });

  it('is absent for a classifier', () => {
    render(<EvaluationView result={{ split: 'test', metrics: { loss: 0.1 }, confusion: [[1]], classNames: ['a'] }} />);
    expect(screen.queryByTestId('regression-plots')).toBeNull();
  });
});
