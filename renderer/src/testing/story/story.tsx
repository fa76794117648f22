/**
 * A stand-alone page for the training panel against a fake engine: screenshots, and the dashboard
 * benchmark (bench/dashboard.bench.ts). `?view=setup|dashboard|activations|runs|failure|problem|thumbs`,
 * `?bench=1` streams synthetic batches and records frame times in `window.__bench`.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../styles/app.css';
import type { Project } from '../../../../shared/project';
import { EngineProvider } from '../../engine/EngineProvider';
import { useEditor } from '../../store';
import { createFakeEngine, scriptedRun, storedRun } from '../fakeEngine';
import { NodeActivationThumb } from '../../training/activations/NodeActivationThumb';
import { useRuns, type TrainTab } from '../../training/runs/runsStore';
import { TrainPanel } from '../../training/TrainPanel';
import { startBench } from './benchDriver';

const params = new URLSearchParams(location.search);
const view = params.get('view') ?? 'setup';

const project: Project = {
  format: 'deepwire-project',
  version: 2,
  name: 'Tiny CNN',
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [28, 28, 1] } },
      { id: 'conv', kind: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu' } },
      { id: 'flat', kind: 'Flatten', params: {} },
      { id: 'out', kind: 'Dense', params: { units: view === 'problem' ? 3 : 10, activation: 'softmax' } },
    ],
    edges: [
      { source: 'in', target: 'conv' },
      { source: 'conv', target: 'flat' },
      { source: 'flat', target: 'out' },
    ],
  },
  training: {
    dataset: { builtin: 'mnist' },
    loss: 'categoricalCrossentropy',
    optimizer: { kind: 'adam', learningRate: 0.001 },
    epochs: 5,
  },
};
useEditor.getState().loadProject(project, null);

const engine = createFakeEngine({
  onStart(runId, e) {
    if (params.get('bench')) return;
    const events = scriptedRun(runId, {
      epochs: 5,
      batchesPerEpoch: 60,
      failAfterEpochs: view === 'failure' ? 1 : undefined,
    });
    let i = 0;
    const step = () => {
      for (let k = 0; k < 12 && i < events.length; k++) e.emit(events[i++]);
      if (i < events.length) setTimeout(step, 8);
    };
    step();
  },
});
engine.stored.set(
  '20250101-0907-a1b2c3',
  storedRun('20250101-0907-a1b2c3', 'Tiny CNN', '2025-01-01T09:07:00Z', { epochs: 5, batchesPerEpoch: 30 }),
);
engine.stored.set(
  '20250102-1412-d4e5f6',
  storedRun('20250102-1412-d4e5f6', 'Tiny CNN', '2025-01-02T14:12:00Z', {
    epochs: 8,
    batchesPerEpoch: 30,
    initialEpoch: 0,
  }),
);
engine.stored.set(
  '20250103-1630-0a9b8c',
  storedRun('20250103-1630-0a9b8c', 'Tiny CNN', '2025-01-03T16:30:00Z', {
    epochs: 3,
    batchesPerEpoch: 30,
    failAfterEpochs: 1,
  }),
);

const tab: TrainTab =
  view === 'runs'
    ? 'runs'
    : view === 'activations'
      ? 'activations'
      : view === 'dashboard' || view === 'failure'
        ? 'dashboard'
        : 'setup';

useRuns.getState().setPanelTab(tab);

function Thumbs() {
  return (
    <div style={{ display: 'flex', gap: 16, padding: 16 }}>
      {['in', 'conv', 'flat', 'out'].map((id) => (
        <div key={id} className="layer-node" style={{ width: 180, position: 'relative' }}>
          <div className="layer-node__header">
            <span className="layer-node__kind">{id}</span>
          </div>
          <div className="layer-node__body">
            <NodeActivationThumb nodeId={id} />
          </div>
        </div>
      ))}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EngineProvider client={engine}>
      <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
        {view === 'thumbs' && <Thumbs />}
        <div style={{ flex: 1, minHeight: 0, borderTop: '1px solid #e3e6eb' }}>
          <TrainPanel />
        </div>
      </div>
    </EngineProvider>
  </StrictMode>,
);

// Screenshots of a run: press Train like a user would.
if (view !== 'setup' && view !== 'runs' && view !== 'problem') {
  const press = () => {
    const b = document.querySelector<HTMLButtonElement>('[data-testid="train-button"]');
    if (b && !b.disabled) b.click();
    else setTimeout(press, 50);
  };
  setTimeout(press, 100);
}
if (params.get('bench')) startBench(engine, Number(params.get('rate') ?? 2000), Number(params.get('seconds') ?? 6));
