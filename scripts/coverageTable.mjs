// Line coverage per top-level folder, from Vitest's json-summary (coverage/coverage-summary.json).
import { relative, sep } from 'node:path';

/** The folders the table reports, in order; renderer/src is split into its subfolders. */
const FIXED = ['main/engine', 'main/host', 'main/server', 'main/electron', 'main/cli', 'shared'];

/** The folder a source file is counted under, or null for files outside the reported folders. */
export function folderOf(file) {
  for (const f of FIXED) if (file === f || file.startsWith(`${f}/`)) return f;
  const m = /^renderer\/src\/([^/]+)\//.exec(file);
  if (m) return `renderer/src/${m[1]}`;
  if (/^renderer\/src\/[^/]+$/.test(file)) return 'renderer/src (top)';
  return null;
}

/**
 * Sums covered and total lines per folder. `summary` is Vitest's json-summary object (absolute file
 * paths as keys, plus "total"); `root` the checkout the paths are made relative to.
 */
export function linesByFolder(summary, root) {
  const rows = new Map();
  for (const [abs, entry] of Object.entries(summary)) {
    if (abs === 'total') continue;
    const folder = folderOf(relative(root, abs).split(sep).join('/'));
    if (!folder) continue;
    const row = rows.get(folder) ?? { folder, covered: 0, total: 0, files: 0 };
    row.covered += entry.lines.covered;
    row.total += entry.lines.total;
    row.files += 1;
    rows.set(folder, row);
  }
  const order = (f) => {
    const i = FIXED.indexOf(f);
    return i >= 0 ? `${i}` : `9${f}`;
  };
  return [...rows.values()].sort((a, b) => order(a.folder).localeCompare(order(b.folder)));
}

const pct = (covered, total) => (total === 0 ? '—' : `${((100 * covered) / total).toFixed(1)} %`);

/** The table as Markdown: folder, files, lines covered / total, percent; a total row last. */
export function formatTable(rows) {
  const lines = ['| folder | files | lines covered | lines | line coverage |', '|---|---:|---:|---:|---:|'];
  let covered = 0;
  let total = 0;
  for (const r of rows) {
    lines.push(`| ${r.folder} | ${r.files} | ${r.covered} | ${r.total} | ${pct(r.covered, r.total)} |`);
    covered += r.covered;
    total += r.total;
  }
  lines.push(`| **all** | ${rows.reduce((n, r) => n + r.files, 0)} | ${covered} | ${total} | ${pct(covered, total)} |`);
  return lines.join('\n');
}
