/**
 * Compared runs out of the app (issue 14, 2.5): the metrics as CSV (one row per run and epoch) and a
 * chart as a standalone SVG drawn from the same numbers the screen shows (smoothing included).
 */

export interface ExportedLine {
  label: string;
  color: string;
  dash?: readonly number[];
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per run and epoch: `run,epoch,<metric>,…` with every metric column any run has; a value
 * a run does not have is left empty.
 */
export function metricsCsv(
  runs: readonly { name: string; x: ArrayLike<number>; columns: Record<string, ArrayLike<number>> }[],
): string {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.columns)))];
  const rows = [['run', 'epoch', ...names].map(field).join(',')];
  for (const r of runs) {
    for (let i = 0; i < r.x.length; i++) {
      const values = names.map((n) => {
        const col = r.columns[n];
        return col && i < col.length ? field(col[i]) : '';
      });
      rows.push([field(r.name), field(r.x[i]), ...values].join(','));
    }
  }
  return rows.join('\n') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Rounds for an axis label: few significant digits, percentages for accuracy-like metrics. */
function tick(v: number, fraction: boolean): string {
  if (fraction) return `${Math.round(v * 100)}%`;
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}

/** A chart as SVG: title, axes with their ranges, one polyline per line, and the legend. */
export function chartSvg(title: string, lines: readonly ExportedLine[], fraction = false): string {
  const W = 640;
  const H = 360;
  const pad = { left: 56, right: 16, top: 36, bottom: 70 };
  const pw = W - pad.left - pad.right;
  const ph = H - pad.top - pad.bottom;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = fraction ? 0 : Infinity;
  let y1 = fraction ? 1 : -Infinity;
  for (const l of lines)
    for (let i = 0; i < l.x.length; i++) {
      if (!Number.isFinite(l.y[i])) continue;
      x0 = Math.min(x0, l.x[i]);
      x1 = Math.max(x1, l.x[i]);
      if (!fraction) {
        y0 = Math.min(y0, l.y[i]);
        y1 = Math.max(y1, l.y[i]);
      }
    }
  if (!Number.isFinite(x0)) [x0, x1, y0, y1] = [0, 1, 0, 1];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const sx = (x: number) => pad.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => pad.top + (1 - (y - y0) / (y1 - y0)) * ph;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${pad.left}" y="20" font-size="14" font-weight="600">${esc(title)}</text>`,
    `<rect x="${pad.left}" y="${pad.top}" width="${pw}" height="${ph}" fill="none" stroke="#d5d8dd"/>`,
  ];
  for (const [v, anchor] of [
    [y0, 'low'],
    [y1, 'high'],
  ] as const)
    parts.push(
      `<text x="${pad.left - 6}" y="${sy(v) + (anchor === 'low' ? 0 : 8)}" text-anchor="end" fill="#555">${esc(tick(v, fraction))}</text>`,
    );
  parts.push(
    `<text x="${pad.left}" y="${pad.top + ph + 14}" fill="#555">${esc(tick(x0, false))}</text>`,
    `<text x="${pad.left + pw}" y="${pad.top + ph + 14}" text-anchor="end" fill="#555">${esc(tick(x1, false))}</text>`,
    `<text x="${pad.left + pw / 2}" y="${pad.top + ph + 14}" text-anchor="middle" fill="#555">epoch</text>`,
  );
  for (const l of lines) {
    const pts: string[] = [];
    for (let i = 0; i < l.x.length; i++)
      if (Number.isFinite(l.y[i])) pts.push(`${sx(l.x[i]).toFixed(1)},${sy(l.y[i]).toFixed(1)}`);
    if (pts.length === 0) continue;
    const dash = l.dash?.length ? ` stroke-dasharray="${l.dash.join(' ')}"` : '';
    parts.push(
      `<polyline fill="none" stroke="${esc(l.color)}" stroke-width="2"${dash} points="${pts.join(' ')}"><title>${esc(l.label)}</title></polyline>`,
    );
  }
  lines.forEach((l, i) => {
    const col = i % 3;
    const row = Math.floor(i / 3);
    const lx = pad.left + col * 200;
    const ly = pad.top + ph + 32 + row * 14;
    const dash = l.dash?.length ? ` stroke-dasharray="${l.dash.join(' ')}"` : '';
    parts.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${esc(l.color)}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 24}" y="${ly}">${esc(l.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Offers text or a data URL as a download (the browser's or the desktop app's Save dialog). */
export function download(name: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
