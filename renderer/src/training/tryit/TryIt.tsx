import { useRef, useState } from 'react';
import type { DatasetInfo, TryResult } from '../../../../shared/protocol/client';
import { useEngine } from '../../engine/EngineProvider';
import { useEditor } from '../../store';
import { ExampleImage } from '../activations/ExampleImage';
import { LayerMaps } from '../activations/ActivationMaps';
import { runDataset } from '../dashboard/Dashboard';
import { fileRunDataset } from '../dashboard/fileRunDataset';
import type { RunRecord } from '../runs/runModel';
import { useShownRun } from '../runs/runsStore';
import { DrawPad } from './DrawPad';
import { ExamplePicker } from './ExamplePicker';
import { ImageDrop } from './ImageDrop';
import { PredictionView } from './PredictionView';
import { readOutputs } from './readOutputs';
import { RowInput } from './RowInput';
import { takesDigits } from './digitInput';
import { takesImages } from './imageInput';
import './tryit.css';

type Mode = 'draw' | 'image' | 'row' | 'example';
const MODE_TITLES: Record<Mode, string> = {
  draw: 'Draw',
  image: 'Picture file',
  row: 'Type values',
  example: 'Test example',
};

/** A run whose trained model is in its folder: it finished or was stopped. */
const hasModel = (run: RunRecord) => run.status === 'completed' || run.status === 'stopped';

function Empty({ children }: { children: React.ReactNode }) {
  return (
    <div className="dw-empty" data-testid="try-it">
      {children}
    </div>
  );
}

/**
 * The Train panel's "Try it" view (issue 14, section 2.3; Teachable Machine's core loop): give the
 * shown run's trained model an input of your own — a drawn digit, a picture, typed values or a test
 * example — and see what it says (class probabilities, a score, or values in real units) and what
 * every layer makes of that input.
 */
export function TryIt({ datasets }: { datasets: readonly DatasetInfo[] }) {
  const run = useShownRun();
  if (!run)
    return (
      <Empty>
        <p>Train a network (or open a finished run from Runs), then try your own input on it here.</p>
      </Empty>
    );
  if (!hasModel(run))
    return (
      <Empty>
        <p>
          {run.status === 'failed'
            ? 'This run failed before it had a trained model to try. Fix what the Dashboard says and train again.'
            : 'Try it opens when this run has finished: then its trained model answers your own inputs.'}
        </p>
      </Empty>
    );
  return <TryRun key={run.runId} run={run} datasets={datasets} />;
}

function TryRun({ run, datasets }: { run: RunRecord; datasets: readonly DatasetInfo[] }) {
  const client = useEngine();
  const dataset = runDataset(run, datasets) ?? fileRunDataset(run);
  const shape = run.start?.dataset.inputShape ?? dataset?.inputShape;
  const evaluation = run.evaluation ?? run.final?.test;
  const classNames = run.start?.dataset.classNames ?? evaluation?.classNames ?? dataset?.classNames;
  const examples = evaluation?.examples ?? [];
  const modes: Mode[] = [];
  if (takesDigits(shape)) modes.push('draw');
  if (takesImages(shape)) modes.push('image');
  if (shape && shape.length <= 2 && !takesImages(shape)) modes.push('row');
  if (examples.some((e) => e.x)) modes.push('example');
  const [mode, setMode] = useState<Mode>(modes[0] ?? 'row');
  const [tried, setTried] = useState<{ x: number[]; label: string; picked?: number }>();
  const [answer, setAnswer] = useState<{ result?: TryResult; error?: string; busy?: boolean }>({});
  const sequence = useRef(0);
  // A table's feature columns, as the project names them (when each is one number of the input).
  const features = useEditor((s) => {
    const d = s.project.training?.dataset as { features?: string[] } | undefined;
    return d?.features;
  });

  if (!shape)
    return (
      <Empty>
        <p>Deepwire does not know what input this run’s network takes, so it cannot be tried here.</p>
      </Empty>
    );
  const size = shape.reduce((a, b) => a * b, 1);
  const image = shape.length === 3;

  const ask = (x: ArrayLike<number>, label: string, picked?: number) => {
    const values = Array.from(x);
    const n = ++sequence.current;
    setTried({ x: values, label, picked });
    setAnswer((a) => ({ ...a, busy: true, error: undefined }));
    client.tryInput(run.runId, values).then(
      (result) => n === sequence.current && setAnswer({ result }),
      (e: Error & { hint?: string }) =>
        n === sequence.current && setAnswer({ error: [e.message, e.hint].filter(Boolean).join(' ') }),
    );
  };
  const refuse = (message: string) => {
    sequence.current++;
    setAnswer({ error: message });
  };
  const reading =
    answer.result &&
    readOutputs(answer.result.outputs, {
      classNames,
      targetNames: evaluation?.regression?.targetNames ?? dataset?.targetNames,
      scored: !!evaluation?.examples?.some((e) => e.score !== undefined),
    });
  const layers = answer.result?.layers ?? [];

  return (
    <div className="dw-try" data-testid="try-it">
      <p className="dw-muted dw-small">
        Give the trained network an input of your own and see what it says, and what each layer makes of it.
      </p>
      <div className="dw-seg" role="radiogroup" aria-label="How to give an input">
        {modes.map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            className={`dw-seg__btn${mode === m ? ' is-active' : ''}`}
            data-testid={`try-mode-${m}`}
            onClick={() => setMode(m)}
          >
            {MODE_TITLES[m]}
          </button>
        ))}
      </div>
      <div className="dw-try__top">
        <div className="dw-try__input">
          {mode === 'draw' && <DrawPad onInput={(x) => (x ? ask(x, 'your drawing') : setAnswer({}))} />}
          {mode === 'image' && <ImageDrop shape={shape} onInput={(x, name) => ask(x, name)} onError={refuse} />}
          {mode === 'row' && (
            <RowInput
              count={size}
              names={features?.length === size ? features : Array.from({ length: size }, (_, i) => `x${i + 1}`)}
              onInput={(x) => ask(x, 'your values')}
              onError={refuse}
            />
          )}
          {mode === 'example' && (
            <ExamplePicker
              examples={examples}
              shape={shape}
              image={image}
              classNames={classNames}
              picked={tried?.picked}
              onPick={(e) => ask(e.x!, `test example ${e.index}`, e.index)}
            />
          )}
        </div>
        <div className="dw-try__answer" aria-live="polite">
          {answer.error && (
            <p className="dw-try__error" role="alert" data-testid="try-error">
              {answer.error}
            </p>
          )}
          {tried && image && !answer.error && (
            <figure className="dw-try__seen">
              <ExampleImage x={tried.x} shape={shape} size={84} label="What the network gets" />
              <figcaption className="dw-muted dw-small">
                {tried.label}, as the network gets it ({shape.join(' × ')})
              </figcaption>
            </figure>
          )}
          {answer.busy && <p className="dw-muted">Asking the network…</p>}
          {reading && !answer.error && <PredictionView reading={reading} />}
          {!tried && !answer.error && <p className="dw-muted">The prediction appears here.</p>}
        </div>
      </div>
      {layers.length > 0 && !answer.error && (
        <section className="dw-activations" data-testid="try-activations">
          <h3 className="dw-bars__title">What each layer makes of {tried?.label ?? 'it'}</h3>
          {layers.map((l, i) => (
            <LayerMaps
              key={l.nodeId}
              layer={l}
              labels={i === layers.length - 1 && classNames?.length === l.width ? classNames : undefined}
            />
          ))}
        </section>
      )}
    </div>
  );
}
