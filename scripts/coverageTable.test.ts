import { describe, expect, it } from 'vitest';
import { folderOf, formatTable, linesByFolder } from './coverageTable.mjs';

const entry = (covered: number, total: number) => ({ lines: { covered, total, pct: 0, skipped: 0 } });

describe('coverage table', () => {
  it('counts each file under its top-level folder, renderer/src by subfolder', () => {
    expect(folderOf('main/engine/compile/buildLayer.ts')).toBe('main/engine');
    expect(folderOf('main/electron/main.ts')).toBe('main/electron');
    expect(folderOf('shared/catalog/core.ts')).toBe('shared');
    expect(folderOf('renderer/src/canvas/Canvas.tsx')).toBe('renderer/src/canvas');
    expect(folderOf('renderer/src/main.tsx')).toBe('renderer/src (top)');
    expect(folderOf('scripts/test.mjs')).toBeNull();
  });

  it('sums lines per folder in the fixed order and prints the total', () => {
    const summary = {
      total: entry(0, 0),
      '/r/renderer/src/canvas/Canvas.tsx': entry(0, 40),
      '/r/shared/a.ts': entry(9, 10),
      '/r/main/engine/a.ts': entry(5, 10),
      '/r/main/engine/b.ts': entry(5, 30),
      '/r/renderer/src/app/App.tsx': entry(10, 10),
    };
    const rows = linesByFolder(summary, '/r');
    expect(rows.map((r) => [r.folder, r.covered, r.total, r.files])).toEqual([
      ['main/engine', 10, 40, 2],
      ['shared', 9, 10, 1],
      ['renderer/src/app', 10, 10, 1],
      ['renderer/src/canvas', 0, 40, 1],
    ]);
    const table = formatTable(rows);
    expect(table).toContain('| main/engine | 2 | 10 | 40 | 25.0 % |');
    expect(table).toContain('| renderer/src/canvas | 1 | 0 | 40 | 0.0 % |');
    expect(table.split('\n').at(-1)).toBe('| **all** | 5 | 29 | 100 | 29.0 % |');
  });
});
