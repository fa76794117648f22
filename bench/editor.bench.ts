/// <reference lib="dom" />
/**
 * Editor speed in Chromium (issue 4: a ResNet-50-size graph opens, lays out and renders within 1 s;
 * dragging stays smooth). Serves the built renderer with `vite preview`, opens a generated ~180-node
 * residual graph without positions (so the open includes auto-layout) five times, then drags a node.
 *
 * Run: npm run build:renderer && npx tsx bench/editor.bench.ts
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), DEEPWIRE_BENCH_URL to use a running server.
 * Prints medians; never fails on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const PORT = 4179;
const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 5);

interface Node {
  id: string;
  kind: string;
  params: Record<string, unknown>;
}

/** A ResNet-style graph of about `n` nodes: stem, then bottleneck blocks with skip connections. */
function residualProject(n: number) {
  const nodes: Node[] = [
    { id: 'input', kind: 'Input', params: { shape: [224, 224, 3] } },
    { id: 'stem', kind: 'Conv2D', params: { filters: 64, kernelSize: 7, strides: 2, padding: 'same' } },
    { id: 'stem_bn', kind: 'BatchNormalization', params: {} },
    { id: 'stem_relu', kind: 'Activation', params: { activation: 'relu' } },
    { id: 'stem_pool', kind: 'MaxPooling2D', params: { poolSize: 3, strides: 2, padding: 'same' } },
  ];
  const edges: { source: string; target: string }[] = [];
  for (let i = 1; i < nodes.length; i++) edges.push({ source: nodes[i - 1].id, target: nodes[i].id });
  let prev = 'stem_pool';
  for (let b = 0; nodes.length + 11 <= n; b++) {
    const p = `b${b}_`;
    const add = (id: string, kind: string, params: Record<string, unknown>, from: string) => {
      nodes.push({ id: p + id, kind, params });
      edges.push({ source: from, target: p + id });
      return p + id;
    };
    let x = add('c1', 'Conv2D', { filters: 64, kernelSize: 1 }, prev);
    x = add('bn1', 'BatchNormalization', {}, x);
    x = add('r1', 'Activation', { activation: 'relu' }, x);
    x = add('c2', 'Conv2D', { filters: 64, kernelSize: 3, padding: 'same' }, x);
    x = add('bn2', 'BatchNormalization', {}, x);
    x = add('r2', 'Activation', { activation: 'relu' }, x);
    x = add('c3', 'Conv2D', { filters: 256, kernelSize: 1 }, x);
    x = add('bn3', 'BatchNormalization', {}, x);
    let skip = prev;
    if (b === 0) {
      skip = add('proj', 'Conv2D', { filters: 256, kernelSize: 1 }, prev);
      skip = add('proj_bn', 'BatchNormalization', {}, skip);
    }
    const sum = add('add', 'Add', {}, x);
    edges.push({ source: skip, target: sum });
    prev = add('out', 'Activation', { activation: 'relu' }, sum);
  }
  nodes.push(
    { id: 'gap', kind: 'GlobalAveragePooling2D', params: {} },
    { id: 'fc', kind: 'Dense', params: { units: 1000, activation: 'softmax' } },
  );
  edges.push({ source: prev, target: 'gap' }, { source: 'gap', target: 'fc' });
  return { format: 'deepwire-project', version: 2, name: 'Bench ResNet', graph: { nodes, edges } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

function stopServer(child: ChildProcess | undefined) {
  if (child?.pid) process.kill(-child.pid, 'SIGTERM');
}

async function startServer(): Promise<{ url: string; child?: ChildProcess }> {
  if (process.env.DEEPWIRE_BENCH_URL) return { url: process.env.DEEPWIRE_BENCH_URL };
  if (!existsSync('dist/renderer/index.html')) throw new Error('Build the renderer first: npm run build:renderer');
  const child = spawn(
    'npx',
    ['vite', 'preview', '--config', 'renderer/vite.config.ts', '--port', String(PORT), '--strictPort'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      // Its own process group, so stopping it also stops the vite process npx starts.
      detached: true,
    },
  );
  const url = `http://localhost:${PORT}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopServer(child);
  throw new Error('vite preview did not start');
}

/** Opens the project through the toolbar; returns in-page ms from reading the file to the laid-out, fitted, painted graph. */
async function openOnce(page: Page, text: string, count: number): Promise<{ app: number; wall: number }> {
  await page.getByTestId('btn-new').click();
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
  await page.evaluate(() => performance.clearMarks());
  const t0 = Date.now();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('btn-open').click()]);
  await chooser.setFiles({ name: 'bench.deepwire.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const app = await page.evaluate(async (n) => {
    const start = performance.now();
    while (
      performance.getEntriesByName('deepwire:rendered').length === 0 ||
      document.querySelectorAll('.react-flow__node').length < n
    ) {
      if (performance.now() - start > 20_000) {
        throw new Error(
          `not rendered after 20 s: ${document.querySelectorAll('.react-flow__node').length} nodes, marks ${performance.getEntriesByType('mark').map((m) => m.name)}`,
        );
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); // painted
    return performance.now() - performance.getEntriesByName('deepwire:open')[0].startTime;
  }, count);
  return { app, wall: Date.now() - t0 };
}

/** Drags a node in `steps` mouse moves while recording the interval between animation frames. */
async function dragFrames(page: Page, nodeId: string, steps: number): Promise<number[]> {
  const box = (await page.getByTestId(`node-${nodeId}`).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 10;
  // A string, not a function: tsx's keepNames would wrap a named closure in an undefined __name().
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x + Math.sin(i / 8) * 160, y + i * 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(2);
  });
}

async function main() {
  const project = residualProject(180);
  const text = JSON.stringify(project);
  const count = project.graph.nodes.length;
  const { url, child } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.getByTestId('palette').waitFor();
    console.log(
      `editor bench: ${count} nodes, ${project.graph.edges.length} edges, no positions (auto-layout on open)`,
    );

    await openOnce(page, text, count); // warm-up (JIT, fonts)
    const runs: { app: number; wall: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await openOnce(page, text, count));
    console.log(
      `open + layout + render (in page, file read → fitted and painted): median ${ms(median(runs.map((r) => r.app)))}  [${runs.map((r) => r.app.toFixed(0)).join(', ')}]`,
    );
    console.log(
      `open, wall clock from clicking Open (includes the file chooser round trip): median ${ms(median(runs.map((r) => r.wall)))}`,
    );

    // Readable zoom (how a big graph opens): drag a block's first convolution.
    const readable = await dragFrames(page, 'b0_c1', 90);
    console.log(
      `drag at readable zoom: ${readable.length} frames, median ${ms(median(readable))}, p95 ${ms(pct(readable, 0.95))}, max ${ms(Math.max(...readable))}`,
    );
    await page.keyboard.press('Control+z');

    // Whole graph in view: every node and edge label on screen at once.
    await page.getByTestId('btn-fit').click();
    await page.waitForTimeout(400);
    const whole = await dragFrames(page, 'b3_c2', 90);
    console.log(
      `drag with all ${count} nodes in view: ${whole.length} frames, median ${ms(median(whole))}, p95 ${ms(pct(whole, 0.95))}, max ${ms(Math.max(...whole))}`,
    );
    console.log(
      '(headless Chromium, --disable-gpu, 2 shared cores: software rendering; compare runs, not absolute numbers)',
    );
  } finally {
    await browser.close();
    stopServer(child);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
