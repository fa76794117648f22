/**
 * The training dashboard's frame time while a run streams (issue 5: target under 16 ms a frame).
 * Builds the training panel's story page, opens it in Chromium, streams synthetic batch events into
 * the live dashboard through a fake EngineClient (plus an epoch and activations every 500 batches)
 * and records every animation frame's interval and the script time spent ingesting events in it.
 * A run with no events (rate 0) is the baseline. Prints medians; never fails on time.
 *
 * Run: npx tsx bench/dashboard.bench.ts [--rate 2000] [--seconds 6] [--runs 3]
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath, serveStory } from './trainingStory';
// Declares window.__bench, which the story page fills.
import type {} from '../renderer/src/testing/story/benchDriver';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const rate = arg('rate', 2000);
const seconds = arg('seconds', 6);
const runs = arg('runs', 3);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const median = (xs: number[]) => quantile(xs, 0.5);

interface Sample {
  frames: number;
  /** Main-thread time per frame (Chrome's TaskDuration / ScriptDuration over the run ÷ frames). */
  busyPerFrame: number;
  scriptPerFrame: number;
  events: number;
  median: number;
  p95: number;
  max: number;
  ingestMedian: number;
  ingestP95: number;
}

async function main() {
  const { url, close } = await serveStory();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const sample = async (r: number): Promise<Sample> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await page.goto(`${url}?view=dashboard&bench=1&rate=${r}&seconds=${seconds}`);
    await page.waitForFunction(() => (window.__bench?.frameIntervals.length ?? 0) > 5);
    const m0 = await metrics();
    const f0 = await page.evaluate(() => window.__bench!.frameIntervals.length);
    await page.waitForFunction(() => window.__bench?.done === true, null, { timeout: (seconds + 30) * 1000 });
    const m1 = await metrics();
    const b = await page.evaluate(() => window.__bench!);
    const n = Math.max(1, b.frameIntervals.length - f0);
    await page.close();
    // The first frames include building the charts; measure the steady stream.
    const f = b.frameIntervals.slice(5);
    const ing = b.ingestPerFrame.slice(5);
    return {
      busyPerFrame: ((m1.TaskDuration - m0.TaskDuration) * 1000) / n,
      scriptPerFrame: ((m1.ScriptDuration - m0.ScriptDuration) * 1000) / n,
      frames: f.length,
      events: b.events,
      median: median(f),
      p95: quantile(f, 0.95),
      max: Math.max(...f),
      ingestMedian: median(ing),
      ingestP95: quantile(ing, 0.95),
    };
  };
  const fmt = (x: number) => x.toFixed(2).padStart(7);
  const table = (label: string, xs: Sample[]) => {
    const m = (k: keyof Sample) => median(xs.map((x) => x[k]));
    console.log(
      `${label.padEnd(24)} frames ${String(m('frames')).padStart(5)}  events ${String(m('events')).padStart(6)}  frame ms: median ${fmt(m('median'))}  p95 ${fmt(m('p95'))}  max ${fmt(m('max'))}  ingest ms/frame: median ${fmt(m('ingestMedian'))}  p95 ${fmt(m('ingestP95'))}  main thread ms/frame: ${fmt(m('busyPerFrame'))} (script ${fmt(m('scriptPerFrame'))})`,
    );
    return { median: m('median'), p95: m('p95') };
  };
  try {
    const base: Sample[] = [];
    const load: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(await sample(0));
      load.push(await sample(rate));
    }
    console.log(`Dashboard frame time (Chromium, ${seconds} s per run, median of ${runs} runs)`);
    const b = table('idle dashboard', base);
    const l = table(`${rate} batch events/s`, load);
    console.log(
      `ratio streaming/idle: median ${(l.median / b.median).toFixed(2)}×, p95 ${(l.p95 / b.p95).toFixed(2)}×  (target: under 16 ms a frame)`,
    );
  } finally {
    await browser.close();
    await close();
  }
}

await main();
