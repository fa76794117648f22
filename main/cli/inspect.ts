import { readFile } from 'node:fs/promises';
import { analyzeGraph, type GraphAnalysis } from '../../shared/graph';
import { parseProject, type Project } from '../../shared/project';
import { formatShape } from '../../shared/catalog/shapeMath';

/** `deepwire inspect --json` output: a public contract (issue 2), keep it exactly this shape. */
export interface InspectJson {
  valid: boolean;
  errors: { nodeId: string | null; message: string }[];
  nodes: { id: string; kind: string; outputShape: (number | null)[] | (number | null)[][] | null; params: number }[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

export function inspectJson(project: Project, analysis: GraphAnalysis): InspectJson {
  return {
    valid: analysis.valid,
    errors: analysis.problems
      .filter((p) => p.severity === 'error')
      .map((p) => ({ nodeId: p.nodeId, message: p.hint ? `${p.message} ${p.hint}` : p.message })),
    nodes: project.graph.nodes.map((n) => {
      const a = analysis.nodes.get(n.id);
      return {
        id: n.id,
        kind: n.kind,
        outputShape: a?.outputShape ?? null,
        params: a ? a.params.trainable + a.params.nonTrainable : 0,
      };
    }),
    totalParams: analysis.totals.total,
    trainableParams: analysis.totals.trainable,
    nonTrainableParams: analysis.totals.nonTrainable,
  };
}

const n = (x: number) => x.toLocaleString('en-US');

/** The Keras-style summary table, then totals and problems. */
export function inspectText(project: Project, analysis: GraphAnalysis): string {
  const rows = [['Layer', 'Kind', 'Output shape', 'Param #']];
  const ids = [...analysis.order, ...project.graph.nodes.map((x) => x.id).filter((id) => !analysis.order.includes(id))];
  const kindOf = new Map(project.graph.nodes.map((x) => [x.id, x.kind]));
  for (const id of ids) {
    const a = analysis.nodes.get(id);
    rows.push([
      id,
      kindOf.get(id) ?? '?',
      a?.outputShape ? formatShape(a.outputShape) : a?.problem ? 'error' : '?',
      n(a ? a.params.trainable + a.params.nonTrainable : 0),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('   ');
  const rule = '─'.repeat(line(rows[0]).length);
  const out = [`Model: "${project.name}"`, rule, line(rows[0]), '═'.repeat(rule.length)];
  for (const r of rows.slice(1)) out.push(line(r));
  out.push(rule);
  const t = analysis.totals;
  out.push(`Total params: ${n(t.total)} (${(t.weightBytes / 1024 / 1024).toFixed(2)} MB)`);
  out.push(`Trainable params: ${n(t.trainable)}`);
  out.push(`Non-trainable params: ${n(t.nonTrainable)}`);
  out.push(`Multiply-accumulates per example: ~${n(t.macs)}`);
  if (analysis.problems.length) {
    out.push('', 'Problems:');
    for (const p of analysis.problems) {
      out.push(`  ${p.severity === 'error' ? '✗' : '!'} ${p.message}${p.hint ? `\n      → ${p.hint}` : ''}`);
    }
  }
  return out.join('\n');
}

/**
 * `deepwire inspect <file> [--json]`. Exit 0 when the project is valid, 1 when it has errors,
 * 2 when the file can't be read or isn't a project.
 */
export async function runInspect(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) {
    console.error('Usage: deepwire inspect <project.deepwire.json> [--json]');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(files[0], 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(
      code === 'ENOENT'
        ? `deepwire: ${files[0]} does not exist. Check the path.`
        : `deepwire: cannot read ${files[0]} (${(err as Error).message}).`,
    );
    return 2;
  }
  const parsed = parseProject(text);
  if (!parsed.ok) {
    console.error(`deepwire: ${files[0]} is not a valid Deepwire project:`);
    for (const e of parsed.errors) console.error(`  ${e.path ? `${e.path}: ` : ''}${e.message}`);
    return 2;
  }
  const analysis = analyzeGraph(parsed.project.graph);
  console.log(json ? JSON.stringify(inspectJson(parsed.project, analysis)) : inspectText(parsed.project, analysis));
  return analysis.valid ? 0 : 1;
}
