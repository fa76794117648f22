import { getSpec } from '../../../../shared/catalog';
import { allParams, withDefaults } from '../../../../shared/catalog/paramValues';
import type { Category, Params, Shape } from '../../../../shared/catalog/types';
import { incomingEdges } from '../../../../shared/graph/topology';
import { ExportError } from '../exportError';
import type { ExportSource } from '../types';
import { BASIC_LAYERS } from './basicLayers';
import { convLayer, poolLayer } from './convCode';
import type { Layout, NodeContext, TorchLayer } from './layerTypes';
import { helpersFor, PYTHON_HELPERS } from './pythonHelpers';
import { pyLiteral, pythonNames } from './pySyntax';
import { MODEL_PY_HEAD, MODEL_PY_IO } from './modelPyText';
import { recurrentLayer } from './recurrentCode';
import type { NamedTensor } from './safetensors';

/** model.py's text, the weights for model.safetensors, and facts train.py needs. */
export interface TorchModel {
  source: string;
  tensors: NamedTensor[];
  /** Python name per node id. */
  names: Map<string, string>;
}

/** Families written by one emitter each, by catalog category; every other kind has its own in BASIC_LAYERS. */
const FAMILY: Partial<Record<Category, (ctx: NodeContext) => TorchLayer>> = {
  Convolution: convLayer,
  Pooling: poolLayer,
  Recurrent: recurrentLayer,
};

/** The emitter of a kind's PyTorch code, or undefined when the exporter cannot write it. */
export function emitterFor(kind: string): ((ctx: NodeContext) => TorchLayer) | undefined {
  if (Object.hasOwn(BASIC_LAYERS, kind)) return BASIC_LAYERS[kind];
  const category = getSpec(kind)?.category;
  return category ? FAMILY[category] : undefined;
}

/** intTuple params as full tuples, as the compiler passes them. */
function filled(kind: string, raw: Params): Params {
  const spec = getSpec(kind)!;
  const p = withDefaults(spec, raw);
  for (const [key, ps] of Object.entries(allParams(spec))) {
    if (ps.type === 'intTuple' && typeof p[key] === 'number') p[key] = Array.from({ length: ps.length }, () => p[key]);
  }
  return p;
}

const toCf = (r: number) => `0, ${r - 1}, ${Array.from({ length: r - 2 }, (_, i) => i + 1).join(', ')}`;
const toCl = (r: number) => `0, ${Array.from({ length: r - 2 }, (_, i) => i + 2).join(', ')}, 1`;

/**
 * Generates model.py: one attribute per layer named after its node, a forward in topological order
 * over channels-last input. Tensors move to channels-first once, before the first layer that needs
 * it (convolutions, pooling), and back to channels-last where Keras's order matters (Flatten,
 * Dense, recurrent layers, the outputs), so Flatten flattens in NHWC order as Keras does.
 */
export function generateTorchModel(source: ExportSource, version: string): TorchModel {
  const { project, analysis } = source;
  const graph = project.graph;
  const names = pythonNames(analysis.order);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(graph);
  const init: string[] = [];
  const forward: string[] = [];
  const helpers = new Set<string>();
  const tensors: NamedTensor[] = [];
  const regularizers: string[] = [];
  const frozen: string[] = [];
  const taken = new Set(names.values());
  /** Variable per node per layout. */
  const vars = new Map<string, Partial<Record<Layout, string>>>();
  const rankOf = (id: string) => analysis.nodes.get(id)!.outputShape!.length;

  const inLayout = (id: string, layout: Layout, reason: string): string => {
    const v = vars.get(id)!;
    if (rankOf(id) < 3) return v.cl ?? v.cf!;
    if (v[layout]) return v[layout]!;
    const from = layout === 'cf' ? v.cl! : v.cf!;
    let name = `${names.get(id)!.replace(/_$/, '')}_${layout === 'cf' ? 'nchw' : 'nhwc'}`;
    while (taken.has(name)) name = `${name}_`;
    taken.add(name);
    const r = rankOf(id);
    const what = layout === 'cf' ? 'channels-first for PyTorch' : "channels-last (Keras's order)";
    forward.push(`${name} = ${from}.permute(${layout === 'cf' ? toCf(r) : toCl(r)})  # ${what}, ${reason}`);
    v[layout] = name;
    return name;
  };

  const inputs: string[] = [];
  for (const id of analysis.order) {
    const node = byId.get(id)!;
    const py = names.get(id)!;
    const info = analysis.nodes.get(id)!;
    if (py !== id) init.push(`# node "${id}" is called ${py} here (not a Python identifier as it was)`);
    if (node.kind === 'Input') {
      inputs.push(py);
      vars.set(id, { cl: py });
      continue;
    }
    const emit = emitterFor(node.kind);
    if (!emit) {
      throw new ExportError(
        `${id} (${node.kind}): Deepwire cannot write this layer kind as PyTorch code yet.`,
        'Replace it with another layer, or export to ONNX or TF.js.',
        id,
      );
    }
    const params = filled(node.kind, node.params ?? {});
    const ctx: NodeContext = {
      id,
      py,
      kind: node.kind,
      params,
      inputShapes: info.inputShapes as Shape[],
      outputShape: info.outputShape as Shape,
      weights: source.weights.get(id) ?? [],
    };
    const layer = emit(ctx);
    const srcIds = (incoming.get(id) ?? []).map((e) => e.source);
    let layout: Layout;
    if (layer.needs === 'keep') {
      const first = vars.get(srcIds[0])!;
      layout = rankOf(srcIds[0]) >= 3 && first.cf && !first.cl ? 'cf' : 'cl';
    } else layout = layer.needs;
    const ins = srcIds.map((s) => inLayout(s, layout, `before ${py}`));
    if (layer.module) init.push(`self.${py} = ${layer.module}`);
    init.push(...(layer.initLines ?? []));
    forward.push(...layer.forward(ins, layout, py));
    for (const h of layer.helpers ?? []) helpers.add(h);
    for (const t of layer.tensors ?? []) tensors.push({ ...t, name: `${py}.${t.name}` });
    for (const r of layer.regularizers ?? []) {
      for (const name of r.params) regularizers.push(`    ${pyLiteral(`${py}.${name}`)}: (${r.l1}, ${r.l2}),`);
    }
    if (params.trainable === false && (layer.tensors?.length ?? 0) > 0) frozen.push(py);
    vars.set(id, { [layer.outLayout ?? (info.outputShape!.length >= 3 ? layout : 'cl')]: py });
  }

  const outputs = analysis.outputs.map((id) => inLayout(id, 'cl', 'as Keras outputs it'));
  for (const py of frozen) init.push(`self.${py}.requires_grad_(False)  # trainable: false in Deepwire`);
  const shapes = analysis.inputs.map((id) => {
    const s = analysis.nodes.get(id)!.outputShape!;
    return `${names.get(id)}: (batch, ${s
      .slice(1)
      .map((d) => d ?? 'any')
      .join(', ')})`;
  });
  const helperCode = helpersFor(helpers).map((h) => PYTHON_HELPERS[h].code.trim());
  const text = [
    MODEL_PY_HEAD(project.name ?? 'model', version),
    ...helperCode.map((c) => `${c}\n\n`),
    '# Keras weight penalties (kernel_regularizer, …) as parameter name → (l1, l2); train.py adds them to the loss.',
    regularizers.length ? `REGULARIZERS = {\n${regularizers.join('\n')}\n}\n\n` : 'REGULARIZERS = {}\n\n',
    'class Model(nn.Module):',
    `    """${project.name ?? 'The model'}, as drawn in Deepwire: one attribute per layer, named after its node."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...init.map((l) => `        ${l}`),
    '',
    `    def forward(self, ${inputs.join(', ')}):`,
    `        """${shapes.join('; ')}, channels-last like the data Deepwire trained on."""`,
    ...forward.map((l) => `        ${l}`),
    `        return ${outputs.join(', ')}`,
    '',
    MODEL_PY_IO,
  ].join('\n');
  return { source: text, tensors, names };
}
