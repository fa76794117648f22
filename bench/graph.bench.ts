/**
 * Shape inference + validation speed on large graphs (issue 2: target < 5 ms each here).
 * Run: npx tsx bench/graph.bench.ts. Prints medians; never fails on time.
 */
import { analyzeGraph } from '../shared/graph/analyzeGraph';
import type { Graph, GraphEdge, GraphNode } from '../shared/graph/types';

function chainGraph(n: number): Graph {
  const nodes: GraphNode[] = [{ id: 'in', kind: 'Input', params: { shape: [64] } }];
  for (let i = 1; i < n; i++) nodes.push({ id: `d${i}`, kind: 'Dense', params: { units: 64, activation: 'relu' } });
  const edges: GraphEdge[] = nodes.slice(1).map((node, i) => ({ source: nodes[i].id, target: node.id }));
  return { nodes, edges };
}

/** A residual DAG: blocks of Conv2D → BatchNormalization → Add(skip) → ReLU-ish Activation. */
function residualGraph(n: number): Graph {
  const nodes: GraphNode[] = [{ id: 'in', kind: 'Input', params: { shape: [32, 32, 16] } }];
  const edges: GraphEdge[] = [];
  let prev = 'in';
  let i = 0;
  while (nodes.length + 4 <= n) {
    const c = `c${i}`,
      b = `b${i}`,
      a = `a${i}`,
      r = `r${i}`;
    nodes.push(
      { id: c, kind: 'Conv2D', params: { filters: 16, kernelSize: 3, padding: 'same' } },
      { id: b, kind: 'BatchNormalization', params: {} },
      { id: a, kind: 'Add', params: {} },
      { id: r, kind: 'Activation', params: { activation: 'relu' } },
    );
    edges.push(
      { source: prev, target: c },
      { source: c, target: b },
      { source: b, target: a },
      { source: prev, target: a },
      { source: a, target: r },
    );
    prev = r;
    i++;
  }
  return { nodes, edges };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label: string, g: Graph, runs = 31): number {
  for (let i = 0; i < 5; i++) analyzeGraph(g); // warm up the JIT
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const a = analyzeGraph(g);
    ms.push(performance.now() - t0);
    if (!a.valid) throw new Error(`${label} is not valid: ${a.problems[0]?.message}`);
  }
  const m = median(ms);
  console.log(
    `${label.padEnd(34)} nodes=${String(g.nodes.length).padStart(5)}  median ${m.toFixed(3)} ms  (min ${Math.min(...ms).toFixed(3)}, max ${Math.max(...ms).toFixed(3)}, target < 5 ms)`,
  );
  return m;
}

const small = time('chain, 100 nodes (baseline)', chainGraph(100));
const chainMs = time('chain, 1,000 nodes', chainGraph(1000));
const resMs = time('residual DAG, 500 nodes', residualGraph(500));
console.log(`ratio 1,000-chain / 100-chain: ${(chainMs / small).toFixed(1)}× (linear would be 10×)`);
console.log(`residual per node: ${((resMs / 500) * 1000).toFixed(2)} µs`);
