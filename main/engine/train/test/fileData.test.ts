import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrainerEvent } from '../../../../shared/protocol/trainer';
import { RUN_FILES } from '../../runs';
import { startTrainingJob } from '../../trainingJob';
import type { RunProject } from '../setupRun';
import { useTestBackend } from './testBackend';

/**
 * Training on the user's own file, end to end through the trainer's job: a small CSV table of three
 * classes (two numbers and a category per row), read into memory and streamed from disk.
 */

let root = '';
let csv = '';
beforeAll(async () => {
  await useTestBackend();
  root = await mkdtemp(join(tmpdir(), 'deepwire-file-'));
  csv = join(root, 'shapes.csv');
  await writeFile(csv, shapesCsv(300));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Three blobs far apart (in units of 100, so standardisation matters), a colour that says nothing. */
function shapesCsv(n: number, shift = 0): string {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const names = ['circle', 'square', 'triangle'];
  const centres = [
    [0, 0],
    [400, 0],
    [0, 400],
  ];
  const rows = ['x1,x2,colour,kind'];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    const [cx, cy] = centres[k];
    rows.push(`${cx + 80 * rand() + shift},${cy + 80 * rand()},${rand() > 0 ? 'red' : 'blue'},${names[k]}`);
  }
  return `${rows.join('\n')}\n`;
}

function project(file: string): RunProject {
  return {
    name: 'Shapes',
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [4] } },
        { id: 'h', kind: 'Dense', params: { units: 16, activation: 'relu' } },
        { id: 'out', kind: 'Dense', params: { units: 3, activation: 'softmax' } },
      ],
      edges: [
        { source: 'in', target: 'h' },
        { source: 'h', target: 'out' },
      ],
    },
    training: {
      dataset: { file },
      optimizer: { kind: 'adam', learningRate: 0.05 },
      batchSize: 16,
      epochs: 8,
      seed: 3,
    },
  };
}

async function train(runDir: string, file: string, extra: { compareData?: string; resumeFrom?: string } = {}) {
  const events: TrainerEvent[] = [];
  const handle = await startTrainingJob(
    { runId: runDir.split('/').at(-1)!, project: project(file), runDir, dataBase: root, ...extra },
    (e) => events.push(e),
  );
  const end = await handle.done;
  handle.session?.dispose();
  return { events, end };
}

const logs = (events: TrainerEvent[], level?: 'info' | 'warn') =>
  events.flatMap((e) => (e.type === 'log' && (!level || e.level === level) ? [e.message] : []));

describe('training on a CSV file', () => {
  it('learns the classes, with a confusion matrix named after them, and records the data', async () => {
    const runDir = join(root, 'run-1');
    const { events, end } = await train(runDir, 'shapes.csv');
    expect(end.type).toBe('finished');
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.dataset).toMatchObject({
      id: 'shapes.csv',
      kind: 'table',
      inputShape: [4],
    });
    const test = end.type === 'finished' ? end.final.test : undefined;
    expect(test?.classNames).toEqual(['circle', 'square', 'triangle']);
    expect(test?.metrics.accuracy).toBeGreaterThan(0.9);
    // Examples come back in the file's own units (not standardised), so the UI can show the rows.
    const x = test?.examples?.[0].x ?? [];
    expect(Math.max(...x.map(Math.abs))).toBeGreaterThan(10);
    const record = JSON.parse(readFileSync(join(runDir, RUN_FILES.data), 'utf8'));
    expect(record).toMatchObject({
      file: 'shapes.csv',
      path: csv,
      format: 'csv',
      examples: 300,
      hashOf: 'content',
      read: 'memory',
    });
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.splits.train + record.splits.validation + record.splits.test).toBe(300);
    const scaling = JSON.parse(readFileSync(join(runDir, RUN_FILES.inputScaling), 'utf8'));
    expect(scaling).toMatchObject({ kind: 'features', positions: [0, 1], names: ['x1', 'x2'] });
    expect(logs(events, 'info').some((m) => m.startsWith('Training on') && m.includes('SHA-256'))).toBe(true);
    expect(logs(events, 'warn')).toEqual([]);
  }, 120_000);

  it('trains the same when the file is streamed from disk, and says when the data changed', async () => {
    vi.stubEnv('DEEPWIRE_MATERIALISE_MB', '0');
    try {
      const same = await train(join(root, 'run-2'), csv, { compareData: join(root, 'run-1') });
      expect(same.end.type).toBe('finished');
      const record = JSON.parse(readFileSync(join(root, 'run-2', RUN_FILES.data), 'utf8'));
      expect(record.read).toBe('streamed');
      const test = same.end.type === 'finished' ? same.end.final.test : undefined;
      expect(test?.metrics.accuracy).toBeGreaterThan(0.9);
      expect(test?.confusion?.flat().reduce((a, b) => a + b, 0)).toBe(record.splits.test);
      expect(logs(same.events, 'warn')).toEqual([]);

      await writeFile(csv, shapesCsv(300, 1));
      const changed = await train(join(root, 'run-3'), csv, { resumeFrom: join(root, 'run-2') });
      expect(changed.end.type).toBe('finished');
      expect(logs(changed.events, 'warn').join('\n')).toMatch(/data changed since run run-2/);
      // The app shows them from the started event.
      const started = changed.events.find((e) => e.type === 'started');
      expect(started?.type === 'started' && started.dataset.warnings?.join(' ')).toMatch(
        /data changed since run run-2/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  }, 180_000);

  it('refuses a file whose examples do not fit the Input before training, naming the file and both shapes', async () => {
    await writeFile(join(root, 'narrow.csv'), 'a,b\n1,x\n2,y\n3,y\n4,x\n');
    const { end, events } = await train(join(root, 'run-4'), 'narrow.csv');
    expect(end).toMatchObject({ type: 'failed', code: 'dataset-mismatch' });
    expect(end.type === 'failed' && end.message).toMatch(/"narrow\.csv" has examples of shape \[1\]/);
    expect(events.some((e) => e.type === 'started')).toBe(false);
  }, 60_000);
});
