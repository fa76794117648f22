import { useMemo, useState } from 'react';
import type { DatasetInfo } from '../../../../shared/protocol/client';
import { smallerInputPlan, squareImageInput } from '../../../../shared/training/smallerInput';
import type { TrainingConfig } from '../../../../shared/training/options';
import { useEditor } from '../../store';
import './smallerInput.css';

/**
 * "Train at a smaller input size": for a picture network with a large Input (ImageNet's 224) on a
 * built-in dataset drawn at any size, one click sets the Input and the dataset's picture size
 * together (one undo step), keeps every layer, and says what it changed.
 */
export function SmallerInputOffer({ dataset, locked }: { dataset: DatasetInfo | null; locked: boolean }) {
  const graph = useEditor((s) => s.project.graph);
  const training = useEditor((s) => s.project.training) as TrainingConfig | undefined;
  const loadSeq = useEditor((s) => s.loadSeq);
  const editWithTraining = useEditor((s) => s.editWithTraining);
  const plan = useMemo(() => smallerInputPlan(graph, training, dataset), [graph, training, dataset]);
  const [done, setDone] = useState<{ changes: string[]; loadSeq: number } | null>(null);
  const shown = done && done.loadSeq === loadSeq ? done : null;
  if (!plan && !shown) return null;
  const side = squareImageInput(graph)?.side;
  return (
    <div className="dw-smaller" data-testid="smaller-input">
      {plan && (
        <div className="dw-smaller__offer">
          <span>
            This network takes {side}×{side} pictures: slow to train on a laptop. The same layers learn on smaller
            pictures in minutes.
          </span>
          <button
            type="button"
            className="dw-button dw-button--small"
            disabled={locked}
            title={plan.changes.join('\n')}
            data-testid="train-smaller"
            onClick={() => {
              editWithTraining(plan.edit, plan.training);
              setDone({ changes: plan.changes, loadSeq });
            }}
          >
            Train at a smaller input size ({plan.side}×{plan.side})
          </button>
        </div>
      )}
      {shown && !plan && (
        <div className="dw-smaller__done" role="status" data-testid="smaller-input-done">
          <span>
            <strong>Changed, every layer kept:</strong> {shown.changes.join('; ')}. Undo puts both back.
          </span>
          <button
            type="button"
            className="dw-button dw-button--small"
            onClick={() => setDone(null)}
            data-testid="smaller-input-dismiss"
          >
            OK
          </button>
        </div>
      )}
    </div>
  );
}
