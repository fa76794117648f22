import { ActivationMaps } from './activations/ActivationMaps';
import { ExportButton } from './run/ExportButton';
import { Dashboard } from './dashboard/Dashboard';
import { RunControls, TrainingProblems } from './run/RunControls';
import { RunsList } from './runs/RunsList';
import { SmallerInputOffer } from './setup/SmallerInputOffer';
import { TrainingSettings } from './setup/TrainingSettings';
import { TryIt } from './tryit/TryIt';
import { isActive } from './runs/runModel';
import { TRAIN_TABS, useRuns, type TrainTab } from './runs/runsStore';
import { useEngineFacts, useTrainingSetup } from './setup/useTrainingSetup';
import { useTrainingSession } from './run/useTrainingSession';
import './training.css';

const TAB_TITLES: Record<TrainTab, string> = {
  setup: 'Setup',
  dashboard: 'Dashboard',
  activations: 'Activations',
  tryit: 'Try it',
  runs: 'Runs',
};

/**
 * The Train panel: run controls on top (unless the app's toolbar has them:
 * `controls={false}`), then Setup (dataset, loss, optimizer…), the live
 * Dashboard, Activation maps, Try it (the trained model on your own input) and the project's Runs. Starting a run (or opening one from Runs) switches to the dashboard.
 */
export function TrainPanel({ controls = true }: { controls?: boolean }) {
  useTrainingSession();
  const facts = useEngineFacts();
  const setup = useTrainingSetup(facts);
  const tab = useRuns((s) => s.panelTab);
  const setTab = useRuns((s) => s.setPanelTab);
  const connection = useRuns((s) => s.connection);
  // Primitives, not the run record: the record is replaced on every epoch of a run.
  const locked = useRuns((s) => {
    const run = s.currentRunId ? s.runs[s.currentRunId] : undefined;
    return !!run && isActive(run.status);
  });
  const continueAfter = useRuns((s) => {
    const run = s.currentRunId ? s.runs[s.currentRunId] : undefined;
    if (!run || (run.status !== 'completed' && run.status !== 'stopped')) return undefined;
    return run.lastEpoch ? run.lastEpoch.epoch + 1 : (run.start?.initialEpoch ?? 0);
  });

  return (
    <section className="dw-train" data-testid="train-panel" aria-label="Training">
      {connection === 'reconnecting' && (
        <div className="dw-banner" role="status" data-testid="reconnecting">
          Reconnecting… Your project is safe; keep editing. Training goes on in the background.
        </div>
      )}
      {connection === 'closed' && (
        <div className="dw-banner dw-banner--error" role="status">
          Disconnected from Deepwire. Save your project, then reload the page.
        </div>
      )}
      {controls && (
        <RunControls
          problems={setup.readiness.problems}
          onReveal={(blocked) => setTab(blocked ? 'setup' : 'dashboard')}
        />
      )}
      <TrainingProblems problems={setup.readiness.problems} />
      <SmallerInputOffer dataset={setup.dataset} locked={locked} />
      <nav className="dw-tabs" role="tablist" aria-label="Training views">
        {TRAIN_TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`dw-tab${tab === id ? ' is-active' : ''}`}
            data-testid={`train-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {TAB_TITLES[id]}
          </button>
        ))}
        <div className="dw-tabs__actions">
          <ExportButton />
        </div>
      </nav>
      <div className="dw-train__body" role="tabpanel">
        {tab === 'setup' && <TrainingSettings {...facts} {...setup} locked={locked} continueAfter={continueAfter} />}
        {tab === 'dashboard' && <Dashboard datasets={facts.datasets} />}
        {tab === 'activations' && <ActivationMaps />}
        {tab === 'tryit' && <TryIt datasets={facts.datasets} />}
        {tab === 'runs' && <RunsList onOpen={() => setTab('dashboard')} />}
      </div>
    </section>
  );
}
