import { useState } from 'react';
import { ActivationMaps } from './ActivationMaps';
import { Dashboard } from './Dashboard';
import { RunControls, TrainingProblems } from './RunControls';
import { RunsList } from './RunsList';
import { TrainingSettings } from './TrainingSettings';
import { isActive } from './runModel';
import { useCurrentRun, useRuns } from './runsStore';
import { useEngineFacts, useTrainingSetup } from './useTrainingSetup';
import { useTrainingSession } from './useTrainingSession';
import './training.css';

const TABS = [
  ['setup', 'Setup'],
  ['dashboard', 'Dashboard'],
  ['activations', 'Activations'],
  ['runs', 'Runs'],
] as const;
export type TrainTab = (typeof TABS)[number][0];

/**
 * The Train panel: run controls on top (unless the app's toolbar has them: `controls={false}`), then Setup (dataset, loss, optimizer…), the live
 * Dashboard, Activation maps and the project's Runs. Starting a run switches to the dashboard.
 */
export function TrainPanel({ initialTab = 'setup', controls = true }: { initialTab?: TrainTab; controls?: boolean }) {
  useTrainingSession();
  const facts = useEngineFacts();
  const setup = useTrainingSetup(facts);
  const [tab, setTab] = useState<TrainTab>(initialTab);
  const current = useCurrentRun();
  const connection = useRuns((s) => s.connection);
  const locked = !!current && isActive(current.status);

  // A run this window starts brings the dashboard forward (once per run).
  const [seenRun, setSeenRun] = useState<string | null>(current?.runId ?? null);
  if (current && current.runId !== seenRun) {
    setSeenRun(current.runId);
    setTab('dashboard');
  }

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
          onReveal={() => setTab(setup.readiness.problems.length ? 'setup' : 'dashboard')}
        />
      )}
      <TrainingProblems problems={setup.readiness.problems} />
      <nav className="dw-tabs" role="tablist" aria-label="Training views">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`dw-tab${tab === id ? ' is-active' : ''}`}
            data-testid={`train-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </nav>
      <div className="dw-train__body" role="tabpanel">
        {tab === 'setup' && <TrainingSettings {...facts} {...setup} locked={locked} />}
        {tab === 'dashboard' && <Dashboard datasets={facts.datasets} />}
        {tab === 'activations' && <ActivationMaps />}
        {tab === 'runs' && <RunsList onOpen={() => setTab('dashboard')} />}
      </div>
    </section>
  );
}
