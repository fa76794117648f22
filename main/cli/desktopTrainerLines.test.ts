import { describe, expect, it } from 'vitest';
import { desktopTrainerLines } from './desktopTrainerLines';

describe("deepwire doctor's desktop trainer lines", () => {
  it('say what the app’s trainer got, where, when, and why not a better backend', () => {
    const lines = desktopTrainerLines({
      backend: 'wasm',
      package: '@tensorflow/tfjs-backend-wasm',
      device: 'CPU (WebAssembly SIMD, 1 thread)',
      tried: [
        {
          name: '@tensorflow/tfjs-node-gpu',
          ok: false,
          reason: 'not installed: npm install @tensorflow/tfjs-node-gpu',
        },
        { name: '@tensorflow/tfjs-backend-wasm', ok: true, reason: 'best available' },
      ],
      trainingKernels: [],
      runsIn: 'Electron 31.1.0 utility process (Node 20.14.0, N-API 9)',
      probedAt: '2026-11-29T12:34:56.000Z',
    });
    expect(lines).toEqual([
      "Desktop:  the app's trainer got wasm (@tensorflow/tfjs-backend-wasm): CPU (WebAssembly SIMD, 1 thread)",
      '          process: Electron 31.1.0 utility process (Node 20.14.0, N-API 9); asked 2026-11-29 12:34 UTC',
      '          not @tensorflow/tfjs-node-gpu: not installed: npm install @tensorflow/tfjs-node-gpu',
    ]);
  });

  it('say plainly when the app has not reported yet', () => {
    expect(desktopTrainerLines(undefined)[0]).toMatch(/no report yet/);
  });
});
