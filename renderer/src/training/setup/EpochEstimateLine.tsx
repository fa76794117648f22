import { useEffect } from 'react';
import { create } from 'zustand';
import type { DatasetInfo, EngineClient } from '../../../../shared/protocol/client';
import type { TrainingSpeed } from '../../../../shared/protocol/speed';
import { TRAINING_DEFAULTS, type TrainingConfig } from '../../../../shared/training/options';
import { useEngine } from '../../engine/EngineProvider';
import { useAnalysis } from '../../store';
import { estimateEpoch, trainExamples } from './epochEstimate';

type SpeedAnswer = { speed?: TrainingSpeed; error?: string };

/** The speed asked of each client once (the host measures it once per backend and keeps it). */
const speeds = create<{ byClient: WeakMap<EngineClient, SpeedAnswer>; rev: number }>(() => ({
  byClient: new WeakMap(),
  rev: 0,
}));

function askSpeed(client: EngineClient): void {
  const { byClient } = speeds.getState();
  if (byClient.has(client) || !client.trainingSpeed) return;
  byClient.set(client, {});
  const put = (answer: SpeedAnswer) => {
    byClient.set(client, answer);
    speeds.setState((s) => ({ rev: s.rev + 1 }));
  };
  client.trainingSpeed().then(
    (speed) => put({ speed }),
    (error: Error) => put({ error: error.message }),
  );
}

/**
 * Before Train: about how long one epoch will take on this computer, from the network's
 * multiply-adds and the measured speed of its backend (issue 14.6), so nobody starts a three-day
 * VGG16 run by accident. A long epoch is said as a warning with the whole run's time.
 */
export function EpochEstimateLine({ training, dataset }: { training?: TrainingConfig; dataset: DatasetInfo | null }) {
  const client = useEngine();
  useEffect(() => askSpeed(client), [client]);
  const answer = speeds((s) => s.byClient.get(client));
  const macs = useAnalysis().totals.macs;
  if (!client.trainingSpeed) return null;
  const examples = trainExamples(training, dataset);
  if (!examples || !(macs > 0)) return null;
  if (answer?.error)
    return (
      <p className="dw-muted dw-estimate" data-testid="epoch-estimate">
        No estimate of time per epoch: {answer.error}
      </p>
    );
  if (!answer?.speed)
    return (
      <p className="dw-muted dw-estimate" data-testid="epoch-estimate">
        Measuring this computer’s speed for an estimate of time per epoch…
      </p>
    );
  const estimate = estimateEpoch(macs, examples, training?.epochs ?? TRAINING_DEFAULTS.epochs, answer.speed);
  if (!estimate) return null;
  return (
    <p
      className={`dw-estimate${estimate.long ? ' dw-estimate--long' : ''}`}
      data-testid="epoch-estimate"
      title={estimate.detail}
      role={estimate.long ? 'alert' : undefined}
    >
      {estimate.text}
      {estimate.long && ' Try a smaller input size or fewer examples first.'}
    </p>
  );
}
