/**
 * How long the built-in `shapes` pictures take to generate (issue 14, 2.1: "2,000 examples at 64×64
 * well under a second or two"), as wall time and CPU time (the CPU time is what the generator costs;
 * the wall time also counts whatever else the machine is doing), medians of several runs per size.
 *
 *   npx tsx bench/shapes.bench.ts [repeats=5]
 */
import { loadDataset } from '../main/engine/datasets';

const [repeats = 5] = process.argv.slice(2).map(Number);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [imageSize, size] of [
  [32, 2000],
  [64, 2000],
  [128, 500],
  [224, 200],
]) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await loadDataset('shapes', { seed: r, size, params: { imageSize } });
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const perPicture = (median(cpu) / size) * 1000;
  console.log(
    `shapes ${imageSize}×${imageSize}, ${size} pictures: wall ${median(wall).toFixed(0)} ms, CPU ${median(cpu).toFixed(0)} ms (${perPicture.toFixed(0)} µs per picture)`,
  );
}
