import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../../shared/protocol/trainer';
import { fileRunStore } from '../../host/runStore';
import { RunRecorder } from './runRecorder';
import { BOUNDARY_FILE, boundaryFromJson, boundaryJson } from './savedBoundary';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

const boundary = (epoch: number): Extract<TrainerEvent, { type: 'boundary' }> => ({
  type: 'boundary',
  runId: 'r1',
  epoch,
  extent: { x: [-6, 6], y: [-5, 5] },
  size: 2,
  output: {
    kind: 'classes',
    data: Uint8Array.from([0, 1, 2, epoch]),
    confidence: Uint8Array.from([255, 128, 90, 200]),
    min: 0,
    max: 2,
  },
  neurons: [{ nodeId: 'h', units: 2, size: 1, min: -1, max: 1, data: Uint8Array.from([0, 255]) }],
  points: { xy: [1, 2], label: [1], test: 0 },
});

describe("a run's last decision boundary on disk", () => {
  it('round-trips through JSON with its bytes, and anything else is refused', () => {
    const b = boundary(3);
    expect(boundaryFromJson(JSON.parse(boundaryJson(b)))).toEqual(b);
    expect(boundaryFromJson(JSON.parse(boundaryJson(b)))!.output.data).toBeInstanceOf(Uint8Array);
    expect(boundaryFromJson({ ...JSON.parse(boundaryJson(b)), size: 'big' })).toBeUndefined();
    expect(boundaryFromJson(null)).toBeUndefined();
  });

  it('is written when the run ends and comes back as the last event of the reopened run', async () => {
    root = await mkdtemp(join(tmpdir(), 'dw-boundary-'));
    const rec = await RunRecorder.open(join(root, 'r1'), { runId: 'r1', projectName: 'P', project: { graph: {} } });
    await rec.record(boundary(1));
    await rec.record(boundary(2));
    await rec.record({ type: 'finished', runId: 'r1', reason: 'completed', epochsCompleted: 2, final: {} });
    const saved = JSON.parse(await readFile(join(root, 'r1', BOUNDARY_FILE), 'utf8'));
    expect(saved.epoch).toBe(2);
    const detail = await fileRunStore(root).get('r1');
    expect(detail.history.at(-1)).toEqual(boundary(2));
  });
});
