import type { EvaluationResult } from '../../../../shared/protocol/trainer';
import { ExampleImage } from '../activations/ExampleImage';
import { formatMetric } from '../format';

type Example = NonNullable<EvaluationResult['examples']>[number];

const label = (names: readonly string[] | undefined, v: number | number[]) =>
  typeof v === 'number' ? (names?.[v] ?? formatMetric(v)) : v.map(formatMetric).join(', ');

/** The run's test examples (those the engine sent with their inputs): pick one to try. */
export function ExamplePicker({
  examples,
  shape,
  image,
  classNames,
  picked,
  onPick,
}: {
  examples: readonly Example[];
  shape: readonly number[];
  image: boolean;
  classNames?: readonly string[];
  picked?: number;
  onPick(example: Example): void;
}) {
  const usable = examples.filter((e) => e.x && e.x.length === shape.reduce((a, b) => a * b, 1));
  if (!usable.length)
    return <p className="dw-muted">This run’s evaluation kept no test examples with their inputs to try.</p>;
  return (
    <ul className="dw-try__examples" data-testid="try-examples">
      {usable.map((e) => (
        <li key={e.index}>
          <button
            type="button"
            className={`dw-try__example${picked === e.index ? ' is-picked' : ''}`}
            aria-pressed={picked === e.index}
            aria-label={`Test example ${e.index}, truly ${label(classNames, e.actual)}`}
            data-testid="try-example"
            onClick={() => onPick(e)}
          >
            {image ? (
              <ExampleImage x={e.x!} shape={shape} size={48} />
            ) : (
              <span className="dw-mono dw-small">{e.x!.slice(0, 3).map(formatMetric).join(', ')}…</span>
            )}
            <span className="dw-small">true {label(classNames, e.actual)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
