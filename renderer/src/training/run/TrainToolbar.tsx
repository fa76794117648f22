import { RunControls } from './RunControls';
import { useEngineFacts, useTrainingSetup } from '../setup/useTrainingSetup';
import { useTrainingSession } from './useTrainingSession';

/**
 * Train / Stop / Continue for the app's toolbar. `onReveal` brings the Train panel forward (a run
 * starting, or the reason training is blocked).
 */
export function TrainToolbar({ onReveal }: { onReveal?(blocked: boolean): void }) {
  useTrainingSession();
  const facts = useEngineFacts();
  const { readiness } = useTrainingSetup(facts);
  return <RunControls problems={readiness.problems} onReveal={onReveal} />;
}
