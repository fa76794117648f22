import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { BackendInfo, DatasetInfo, EngineClient } from '../../../../shared/protocol/client';
import { TRAINING_DEFAULTS, type TrainingConfig } from '../../../../shared/training/options';
import { useEngine } from '../../engine/EngineProvider';
import { useAnalysis, useEditor } from '../../store';
import { chosenDataset, trainingReadiness, type TrainingReadiness } from './trainingChecks';
import { useFileData, type FileDataState } from './useFileData';

export interface EngineFacts {
  datasets: DatasetInfo[];
  /** Why the list could not be read (engine unreachable). */
  datasetsError?: string;
  /** The engine answered the dataset list (possibly with none). */
  datasetsLoaded?: boolean;
  backend?: BackendInfo;
  backendError?: string;
}

/** Facts already asked of each client: every component that needs them shares one answer. */
const factsStore = create<{ byClient: WeakMap<EngineClient, EngineFacts>; rev: number }>(() => ({
  byClient: new WeakMap(),
  rev: 0,
}));
const asking = new WeakSet<EngineClient>();

function ask(client: EngineClient): void {
  if (asking.has(client)) return;
  asking.add(client);
  const put = (patch: Partial<EngineFacts>) => {
    const { byClient, rev } = factsStore.getState();
    byClient.set(client, { ...(byClient.get(client) ?? { datasets: [] }), ...patch });
    factsStore.setState({ rev: rev + 1 });
  };
  Promise.allSettled([
    client.listDatasets().then(
      (datasets) => put({ datasets, datasetsError: undefined, datasetsLoaded: true }),
      (err: Error) => put({ datasetsError: err.message }),
    ),
    client.backendInfo().then(
      (backend) => put({ backend, backendError: undefined }),
      (err: Error) => put({ backendError: err.message }),
    ),
  ]).then(() => {
    // Asked again after a failure once the connection is back.
    const f = factsStore.getState().byClient.get(client);
    if (f?.datasetsError || f?.backendError) {
      const off = client.onConnection?.((state) => {
        if (state !== 'connected') return;
        off?.();
        asking.delete(client);
        ask(client);
      });
      if (!off) asking.delete(client);
    }
  });
}

const NO_FACTS: EngineFacts = { datasets: [] };

/** The datasets and backend the engine offers, asked once per client (again after a reconnect if it failed). */
export function useEngineFacts(): EngineFacts {
  const client = useEngine();
  useEffect(() => ask(client), [client]);
  return factsStore((s) => s.byClient.get(client) ?? NO_FACTS);
}

/** The project's training section with every default filled in, for the form. */
export function resolvedTraining(t: TrainingConfig | undefined) {
  return {
    optimizer: t?.optimizer ?? TRAINING_DEFAULTS.optimizer,
    metrics: t?.metrics ?? TRAINING_DEFAULTS.metrics,
    batchSize: t?.batchSize ?? TRAINING_DEFAULTS.batchSize,
    epochs: t?.epochs ?? TRAINING_DEFAULTS.epochs,
    validationSplit: t?.validationSplit ?? TRAINING_DEFAULTS.validationSplit,
    seed: t?.seed ?? TRAINING_DEFAULTS.seed,
  };
}

/** The project's training settings, the chosen dataset and whether they can train now. */
export function useTrainingSetup(facts: EngineFacts): {
  training: TrainingConfig | undefined;
  dataset: DatasetInfo | null;
  /** The user's own data as the engine reads it (when the dataset is a file). */
  fileData: FileDataState;
  readiness: TrainingReadiness;
  update(patch: Partial<TrainingConfig>): void;
} {
  const training = useEditor((s) => s.project.training) as TrainingConfig | undefined;
  const graph = useEditor((s) => s.project.graph);
  const setTraining = useEditor((s) => s.setTraining);
  const analysis = useAnalysis();
  const filePath = useEditor((s) => s.filePath);
  const dataset = chosenDataset(training, facts.datasets);
  // The Input's shape sizes the pictures of an image folder, so the data is read for it.
  const inputShape = useMemo(() => {
    const shape = analysis.inputs.length === 1 ? analysis.nodes.get(analysis.inputs[0])?.outputShape : undefined;
    const dims = shape?.slice(1);
    return dims && dims.length && dims.every((d): d is number => typeof d === 'number') ? dims : undefined;
  }, [analysis]);
  const fileData = useFileData(training?.dataset, filePath, inputShape);
  const loaded = !!facts.datasetsLoaded || !!facts.datasetsError;
  const list = loaded ? facts.datasets : null;
  const unavailable = facts.backendError && loaded && facts.datasets.length === 0 ? facts.backendError : null;
  const readiness = useMemo(
    (): TrainingReadiness =>
      // No engine to train with (the renderer on its own in a browser): say so rather than blame the dataset.
      unavailable
        ? { problems: [{ message: unavailable }], warnings: [], loss: training?.loss ?? null }
        : trainingReadiness(graph, analysis, training, list, fileData),
    [graph, analysis, training, list, unavailable, fileData],
  );
  const update = (patch: Partial<TrainingConfig>) => {
    // Read the newest project, not the render's: two quick edits must not overwrite each other.
    const current = (useEditor.getState().project.training ?? {}) as TrainingConfig;
    setTraining({ ...current, ...patch });
  };
  return { training, dataset, fileData, readiness, update };
}
