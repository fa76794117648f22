import type {
  DataPreview,
  DatasetInfo,
  DatasetPreview,
  EngineClient,
  RunDetail,
  RunSummary,
} from '../../../shared/protocol/client';
import type { LayerActivation, TrainerEvent } from '../../../shared/protocol/trainer';
import { checkTrainerEvent } from '../../../shared/protocol/trainerEvents';

/**
 * An in-memory EngineClient that plays scripted runs: for component tests, the story page and the
 * dashboard benchmark. Not used by the app.
 */

export const FAKE_DATASETS: DatasetInfo[] = [
  {
    id: 'mnist',
    title: 'MNIST digits',
    description: 'Handwritten digits 0–9, 28×28 grey pixels.',
    task: 'classification',
    kind: 'image',
    inputShape: [28, 28, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    defaultSize: 10000,
    maxSize: 10000,
  },
  {
    id: 'xor',
    title: 'XOR (Playground)',
    description: 'Points in four quadrants; the class is the sign of x·y.',
    task: 'classification',
    kind: 'points2d',
    inputShape: [2],
    classNames: ['negative', 'positive'],
    defaultSize: 500,
  },
  {
    // The id, shape and classes of the engine's own set (main/engine/datasets/exoplanetTransits.ts).
    id: 'exoplanet-transits',
    title: 'Exoplanet transits (Kepler-like light curves)',
    description: 'Light curves of a star, half with a transiting planet.',
    task: 'classification',
    kind: 'series',
    inputShape: [256, 1],
    classNames: ['no transit', 'transit'],
    defaultSize: 2000,
    maxSize: 100000,
  },
];

/**
 * What the fake engine reads in the user's data: a CSV is Fisher's iris table (4 numbers, 3
 * species), anything else a folder of 16×16 colour pictures of cats and dogs.
 */
export function fakeDataPreview(file: string, target?: string): DataPreview {
  if (file.endsWith('.csv')) {
    const names = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
    const species = ['setosa', 'versicolor', 'virginica'];
    const chosen = target ?? 'species';
    return {
      kind: 'table',
      description: {
        format: 'csv',
        path: `/srv/data/${file}`,
        bytes: 4551,
        examples: 150,
        inputShape: [4],
        task: 'classification',
        target: chosen,
        classes: species.map((name) => ({ name, count: 50 })),
        features: names.map((name) => ({ name, type: 'number', missing: 0, min: 0.1, max: 7.9 })),
        columns: [
          ...names.map((name) => ({ name, type: 'number' as const, missing: 0, min: 0.1, max: 7.9 })),
          { name: 'species', type: 'category', missing: 0, categories: species.map((name) => ({ name, count: 50 })) },
        ],
        problems: [],
      },
      rows: {
        columns: [...names, chosen],
        values: [
          ['5.1', '3.5', '1.4', '0.2', 'setosa'],
          ['7', '3.2', '4.7', '1.4', 'versicolor'],
          ['6.3', '3.3', '6', '2.5', 'virginica'],
        ],
      },
    };
  }
  const rand = rng(3);
  return {
    kind: 'image',
    description: {
      format: 'images',
      path: `/srv/data/${file}`,
      bytes: 81920,
      examples: 40,
      inputShape: [16, 16, 3],
      task: 'classification',
      classes: [
        { name: 'cat', count: 25 },
        { name: 'dog', count: 15 },
      ],
      range: [0, 1],
      problems: [
        {
          severity: 'warning',
          code: 'unbalanced',
          message: 'There are 25 cats but only 15 dogs.',
          hint: 'More pictures of dogs would help.',
        },
      ],
    },
    examples: Array.from({ length: 6 }, (_, i) => ({
      x: Array.from({ length: 16 * 16 * 3 }, (_, j) => (j % 3 === i % 2 ? 0.6 : 0.2) + rand() * 0.3),
      y: i % 2,
    })),
  };
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A digit-like blob image (28×28, 0–255) for class k. */
function blobImage(k: number, rand: () => number): number[] {
  const out: number[] = [];
  const cx = 14 + (rand() - 0.5) * 4;
  const cy = 14 + (rand() - 0.5) * 4;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const a = Math.atan2(y - cy, x - cx);
      const r = Math.hypot(x - cx, y - cy);
      const ring = Math.exp(-((r - 6 - (k % 3)) ** 2) / 3) * (0.5 + 0.5 * Math.cos(a * (1 + (k % 4)) + k));
      out.push(Math.round(Math.min(1, ring * 1.4) * 255));
    }
  }
  return out;
}

function preview(info: DatasetInfo, count: number): DatasetPreview {
  const rand = rng(7);
  const examples = Array.from({ length: count }, (_, i) => {
    if (info.kind === 'points2d') {
      const x = [rand() * 2 - 1, rand() * 2 - 1];
      return { x, y: x[0] * x[1] > 0 ? 1 : 0 };
    }
    if (info.kind === 'series') {
      const y = i % 2;
      return {
        x: Array.from({ length: 200 }, (_, t) => 1 + (rand() - 0.5) * 0.01 - (y && t > 90 && t < 110 ? 0.02 : 0)),
        y,
      };
    }
    const k = i % 10;
    return { x: blobImage(k, rand), y: k };
  });
  return { info, examples };
}

/** A layer's activations with a smooth synthetic pattern that shifts with the epoch. */
export function fakeLayer(
  nodeId: string,
  kind: string,
  shape: (number | null)[],
  channels: number,
  height: number,
  width: number,
  epoch: number,
): LayerActivation {
  const data = new Uint8Array(channels * height * width);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const v = Math.sin(x * 0.35 + c + epoch * 0.5) * Math.cos(y * 0.3 - c * 0.7) * 0.5 + 0.5;
        data[(c * height + y) * width + x] = Math.round(v * 255);
      }
    }
  }
  return { nodeId, kind, shape, channels, height, width, min: -0.5 - epoch * 0.1, max: 1.2 + epoch * 0.3, data };
}

export interface ScriptOptions {
  epochs?: number;
  batchesPerEpoch?: number;
  /** Emit a `failed` event instead of finishing, after this many epochs. */
  failAfterEpochs?: number;
  initialEpoch?: number;
  validation?: boolean;
}

/** The events of one whole run of the tiny CNN on MNIST: started → batches → epochs → activations → evaluation → finished. */
export function scriptedRun(runId: string, o: ScriptOptions = {}): TrainerEvent[] {
  const epochs = o.epochs ?? 3;
  const bpe = o.batchesPerEpoch ?? 20;
  const first = o.initialEpoch ?? 0;
  const rand = rng(runId.length * 31 + 5);
  const events: TrainerEvent[] = [
    {
      type: 'started',
      runId,
      backend: 'tfjs-node',
      device: 'CPU (libtensorflow)',
      params: { trainable: 54170, nonTrainable: 0 },
      epochs,
      initialEpoch: first,
      batchesPerEpoch: bpe,
      dataset: { id: 'mnist', train: 9000, validation: 1000, test: 1000, classNames: FAKE_DATASETS[0].classNames },
    },
  ];
  const lossAt = (t: number) => 2.3 * Math.exp(-t * 1.2) + 0.08;
  for (let e = first; e < first + epochs; e++) {
    for (let b = 0; b < bpe; b++) {
      const t = e + (b + 1) / bpe;
      const loss = lossAt(t) * (1 + (rand() - 0.5) * 0.3);
      events.push({
        type: 'batch',
        runId,
        epoch: e,
        batch: b,
        batchesPerEpoch: bpe,
        metrics: { loss, accuracy: Math.min(0.99, 1 - loss / 2.5) },
      });
    }
    if (o.failAfterEpochs !== undefined && e - first >= o.failAfterEpochs) {
      events.push({
        type: 'failed',
        runId,
        code: 'nan-loss',
        message: 'The loss became NaN in epoch 2, batch 7.',
        hint: 'Lower the learning rate (try 0.0001) or add BatchNormalization; the last good weights are kept.',
      });
      return events;
    }
    const loss = lossAt(e + 1);
    events.push({
      type: 'epoch',
      runId,
      epoch: e,
      // As the real trainer: the last epoch number plus one, counting the run this one continues.
      epochs: first + epochs,
      metrics: { loss, accuracy: 1 - loss / 2.5 },
      validation: o.validation === false ? undefined : { loss: loss * 1.12, accuracy: 1 - (loss * 1.12) / 2.5 },
      seconds: 4.2,
      examplesPerSecond: 2143,
      etaSeconds: 4.2 * (first + epochs - e - 1),
    });
    // Activations carry the number of epochs completed (0 = before training).
    events.push({
      type: 'activations',
      runId,
      epoch: e + 1,
      layers: [
        fakeLayer('in', 'Input', [null, 28, 28, 1], 1, 28, 28, e),
        fakeLayer('conv', 'Conv2D', [null, 26, 26, 8], 8, 26, 26, e),
        fakeLayer('flat', 'Flatten', [null, 5408], 1, 1, 4096, e),
        fakeLayer('out', 'Dense', [null, 10], 1, 1, 10, e),
      ],
      filters: fakeLayer('conv', 'Conv2D', [3, 3, 1, 8], 8, 3, 3, e),
    });
  }
  const classNames = FAKE_DATASETS[0].classNames!;
  const confusion = classNames.map((_, i) =>
    classNames.map((__, j) => (i === j ? 90 + ((i * 7) % 9) : (i + j) % 5 === 0 ? 3 : (i * j) % 7 === 1 ? 1 : 0)),
  );
  const img = rng(3);
  const test = {
    split: 'test' as const,
    metrics: { loss: 0.21, accuracy: 0.934 },
    confusion,
    classNames,
    perClassAccuracy: confusion.map((row, i) => row[i] / row.reduce((a, b) => a + b, 0)),
    examples: Array.from({ length: 12 }, (_, i) => ({
      index: 100 + i,
      actual: i % 10,
      predicted: i === 3 ? 5 : i === 8 ? 6 : i % 10,
      confidence: 0.6 + (i % 4) * 0.1,
      x: blobImage(i % 10, img),
    })),
  };
  events.push({ type: 'evaluation', runId, result: test });
  const last = lossAt(first + epochs);
  events.push({
    type: 'finished',
    runId,
    reason: 'completed',
    epochsCompleted: first + epochs,
    final: {
      train: { loss: last, accuracy: 1 - last / 2.5 },
      validation: { loss: last * 1.12, accuracy: 1 - (last * 1.12) / 2.5 },
      test,
    },
  });
  return events;
}

export type ConnectionListener = (state: 'connected' | 'reconnecting' | 'closed') => void;

export interface FakeEngine extends EngineClient {
  /** Sends an event to every listener. */
  emit(event: TrainerEvent): void;
  setConnection(state: 'connected' | 'reconnecting' | 'closed'): void;
  /** Calls made, by method name. */
  calls: { method: string; args: unknown[] }[];
  /** Runs stored as if on disk. */
  stored: Map<string, RunDetail>;
}

/**
 * A fake engine. `startRun` answers with run ids `run-1`, `run-2`, …; the test (or the story page)
 * then plays events with `emit`. `onStart` may play a script itself.
 */
export function createFakeEngine(
  opts: { onStart?(runId: string, engine: FakeEngine): void; startError?: Error } = {},
): FakeEngine {
  const listeners = new Set<(e: TrainerEvent) => void>();
  const connection = new Set<ConnectionListener>();
  let n = 0;
  const engine: FakeEngine = {
    calls: [],
    stored: new Map(),
    emit: (e) => {
      // A fake that breaks the trainer protocol fails the test at once (issue 15, item 2).
      const checked = checkTrainerEvent(e);
      if (!checked.ok) throw new Error(`The fake engine was asked to emit ${checked.problem}.`);
      listeners.forEach((l) => l(e));
    },
    setConnection: (s) => connection.forEach((l) => l(s)),
    listTemplates: async () => [],
    loadTemplate: async () => ({ path: '', text: '' }),
    openProjectFile: async () => null,
    saveProjectFile: async () => null,
    listDatasets: async () => FAKE_DATASETS,
    previewDataset: async (id, count) => preview(FAKE_DATASETS.find((d) => d.id === id) ?? FAKE_DATASETS[0], count),
    async describeData(dataset, projectPath, inputShape) {
      engine.calls.push({ method: 'describeData', args: [dataset, projectPath, inputShape] });
      return fakeDataPreview(dataset.file, dataset.target);
    },
    listDataFiles: async (dir = '') => ({
      root: '/srv/data',
      dir,
      ...(dir ? { parent: '' } : {}),
      entries: dir
        ? []
        : [
            { name: 'pets', path: 'pets', kind: 'folder' as const },
            { name: 'iris.csv', path: 'iris.csv', kind: 'file' as const, bytes: 4551 },
          ],
    }),
    chooseDataPath: async (kind) => (kind === 'file' ? '/home/me/iris.csv' : '/home/me/pets'),
    backendInfo: async () => ({
      backend: 'tfjs-node',
      device: 'CPU (libtensorflow)',
      tried: [
        { name: 'tfjs-node-gpu', ok: false, reason: 'libcudart.so.11.0 not found: install CUDA 11.2 and cuDNN 8.1' },
        { name: 'tfjs-node', ok: true },
      ],
    }),
    async startRun(project, options) {
      engine.calls.push({ method: 'startRun', args: [project, options] });
      if (opts.startError) throw opts.startError;
      const runId = `run-${++n}`;
      if (opts.onStart) setTimeout(() => opts.onStart!(runId, engine), 0);
      return { runId };
    },
    async stopRun(runId) {
      engine.calls.push({ method: 'stopRun', args: [runId] });
    },
    requestActivations: async () => {},
    async tryInput(runId, input) {
      engine.calls.push({ method: 'tryInput', args: [runId, input] });
      if (input.length !== 784)
        throw Object.assign(new Error(`Each example needs 784 numbers, but this one has ${input.length}.`), {
          code: 'bad-request',
        });
      // The class is the amount of ink, rounded, mod 10: different drawings, different answers.
      const ink = input.reduce((a, b) => a + b, 0);
      const winner = Math.round(ink) % 10;
      const scores = Array.from({ length: 10 }, (_, k): number =>
        k === winner ? 3 : k === (winner + 1) % 10 ? 1.5 : 0,
      );
      const sum = scores.reduce((a, b) => a + Math.exp(b), 0);
      return {
        outputs: scores.map((v) => Math.exp(v) / sum),
        layers: [
          fakeLayer('in', 'Input', [null, 28, 28, 1], 1, 28, 28, 0),
          fakeLayer('conv', 'Conv2D', [null, 26, 26, 8], 8, 26, 26, 1),
          fakeLayer('out', 'Dense', [null, 10], 1, 1, 10, 2),
        ],
      };
    },
    listRuns: async () => [...engine.stored.values()].map((d) => d.summary),
    async getRun(runId) {
      const d = engine.stored.get(runId);
      if (!d) throw new Error(`No run ${runId}`);
      return d;
    },
    async exportModel(request) {
      engine.calls.push({ method: 'exportModel', args: [request] });
      const files = {
        onnx: ['model.onnx'],
        tfjs: ['model.json', 'weights.bin'],
        pytorch: ['model.py', 'model.safetensors', 'train.py'],
        keras: ['model.py', 'model.keras'],
      }[request.format];
      return {
        format: request.format,
        dir: request.destination.startsWith('/') ? request.destination : `/srv/data/exports/${request.destination}`,
        files: [...files, 'README.md', 'deepwire-export.json'],
        check: {
          status: 'passed',
          maxRelativeError: 3.2e-7,
          tolerance: 1e-4,
          runtime: 'onnxruntime-node 1.30.0',
          examples: 8,
        },
      };
    },
    chooseExportFolder: async (name) => `/home/me/${name}`,
    async importModel(request) {
      engine.calls.push({ method: 'importModel', args: [request] });
      const name = request.files[0].name.replace(/\.[^.]+$/, '');
      const project = {
        format: 'deepwire-project',
        version: 2,
        name,
        graph: {
          nodes: [
            { id: 'input', kind: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
            { id: 'conv', kind: 'Conv2D', params: { filters: 8, activation: 'relu' }, position: { x: 0, y: 128 } },
            { id: 'flatten_1', kind: 'Flatten', params: {}, position: { x: 0, y: 256 } },
            { id: 'fc', kind: 'Dense', params: { units: 10 }, position: { x: 0, y: 384 } },
          ],
          edges: [
            { source: 'input', target: 'conv' },
            { source: 'conv', target: 'flatten_1' },
            { source: 'flatten_1', target: 'fc' },
          ],
        },
        weights: `${name}.weights/model.json`,
      };
      return {
        path: `imported/${name}/${name}.deepwire.json`,
        text: JSON.stringify(project, null, 2),
        format: 'onnx',
        notes: ['The input is channels-last here: the ONNX model takes [batch, 1, 28, 28] (channels first).'],
        maxRelativeError: 6e-8,
        runtime: 'onnxruntime-node 1.30.0',
      };
    },
    onEvent(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onConnection(l) {
      connection.add(l);
      return () => connection.delete(l);
    },
  };
  return engine;
}

/** A stored run (summary + history) made from a script, for the runs list. */
export function storedRun(runId: string, projectName: string, createdAt: string, o: ScriptOptions = {}): RunDetail {
  const history = scriptedRun(runId, o);
  const finished = history.find((e) => e.type === 'finished');
  const failed = history.find((e) => e.type === 'failed');
  const summary: RunSummary = {
    runId,
    projectName,
    createdAt,
    status: finished ? 'completed' : 'failed',
    epochsCompleted: finished && finished.type === 'finished' ? finished.epochsCompleted : 1,
    final: finished && finished.type === 'finished' ? finished.final : undefined,
    failure:
      failed && failed.type === 'failed'
        ? { code: failed.code, message: failed.message, hint: failed.hint }
        : undefined,
    backend: 'tfjs-node',
  };
  return {
    summary,
    project: { format: 'deepwire-project', version: 2, name: projectName, graph: { nodes: [], edges: [] } },
    history: history.filter((e) => e.type === 'batch' || e.type === 'epoch' || e.type === 'started'),
  };
}
