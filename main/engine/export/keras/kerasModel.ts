import { getSpec } from '../../../../shared/catalog';
import { withDefaults } from '../../../../shared/catalog/paramValues';
import type { Shape } from '../../../../shared/catalog/types';
import { incomingEdges } from '../../../../shared/graph/topology';
import type { ExportSource, LayerWeight } from '../types';
import { DTYPE, kerasLayer, type KerasLayer } from './kerasLayers';
import { toSnakeCase } from './kerasObjects';
import { kerasLayerOrder } from './layerOrder';

/** What model.keras holds: config.json's object and the weights file's datasets by path. */
export interface KerasModel {
  config: Record<string, unknown>;
  /** `layers/<snake_case>[_N]/…/vars` → the variables saved there, in order (0, 1, …). */
  groups: { path: string; name: string; weights: LayerWeight[] }[];
  /** Keras layer name per node id. */
  names: Map<string, string>;
  /** The layers in config order, for model.py. */
  layers: { id: string; name: string; kind: string; layer?: KerasLayer; inputs: string[]; shape?: Shape }[];
}

/** Keras refuses '/' in names; everything else in a node id is kept. */
function kerasNames(ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    const base = id.replace(/\//g, '_');
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    out.set(id, name);
  }
  return out;
}

const tensor = (shape: Shape, layer: string) => ({
  class_name: '__keras_tensor__',
  config: { shape, dtype: 'float32', keras_history: [layer, 0, 0] },
});

/**
 * The Keras 3 functional model for the graph: config.json exactly as Keras 3's
 * serialize_keras_object(model) writes it (module, class_name, config, registered_name,
 * build_config; per layer its inbound nodes), and the weights grouped as saving_lib walks them.
 */
export function buildKerasModel(source: ExportSource): KerasModel {
  const { analysis, project } = source;
  const graph = project.graph;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(graph);
  const names = kerasNames(analysis.order);
  const parents = new Map(analysis.order.map((id) => [id, (incoming.get(id) ?? []).map((e) => e.source)]));
  const layers: KerasModel['layers'] = [];
  const layerConfigs: Record<string, unknown>[] = [];
  const built = new Map<string, KerasLayer | undefined>();

  // Keras writes config.layers in model.layers order (map_graph's), the order the weights are
  // numbered in; readers that take the config order for the weights' order then agree.
  const order = kerasLayerOrder(analysis.inputs, analysis.outputs, parents);
  for (const id of order) {
    const node = byId.get(id)!;
    const info = analysis.nodes.get(id)!;
    const name = names.get(id)!;
    const params = withDefaults(getSpec(node.kind)!, node.params ?? {});
    const inputs = parents.get(id)!;
    if (node.kind === 'Input') {
      const shape = info.outputShape!;
      layerConfigs.push({
        module: 'keras.layers',
        class_name: 'InputLayer',
        config: { batch_shape: shape, dtype: 'float32', sparse: false, name },
        registered_name: null,
        name,
        inbound_nodes: [],
      });
      layers.push({ id, name, kind: 'Input', inputs: [], shape });
      built.set(id, undefined);
      continue;
    }
    const layer = kerasLayer({
      id: name,
      kind: node.kind,
      params,
      inputShapes: info.inputShapes,
      weights: source.weights.get(id) ?? [],
    });
    built.set(id, layer);
    const inShapes = inputs.map((s) => analysis.nodes.get(s)!.outputShape!);
    const args = inputs.map((s, i) => tensor(inShapes[i], names.get(s)!));
    layerConfigs.push({
      module: layer.registeredName ? null : 'keras.layers',
      class_name: layer.className,
      config: { name, trainable: params.trainable !== false, dtype: DTYPE, ...layer.config },
      registered_name: layer.registeredName ?? null,
      build_config: { input_shape: inShapes.length === 1 ? inShapes[0] : inShapes },
      name,
      inbound_nodes: [{ args: args.length === 1 ? args : [args], kwargs: {} }],
    });
    layers.push({ id, name, kind: node.kind, layer, inputs });
  }

  const ref = (id: string) => [names.get(id)!, 0, 0];
  const config = {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: {
      name: (project.name ?? 'model').replace(/\//g, '_'),
      trainable: true,
      layers: layerConfigs,
      input_layers: analysis.inputs.map(ref),
      output_layers: analysis.outputs.map(ref),
    },
    registered_name: 'Functional',
    build_config: { input_shape: null },
    compile_config: null,
  };

  // Weights: model.layers in Keras's order, each at layers/<snake_case class>[_N].
  const used = new Map<string, number>();
  const groups: KerasModel['groups'] = [];
  for (const id of order) {
    const layer = built.get(id);
    const snake = toSnakeCase(layer ? layer.className : 'InputLayer');
    const n = used.get(snake);
    used.set(snake, n === undefined ? 0 : n + 1);
    const path = `layers/${n === undefined ? snake : `${snake}_${n + 1}`}`;
    const own: KerasModel['groups'][number] = { path, name: names.get(id)!, weights: [] };
    groups.push(own);
    for (const v of layer?.vars ?? []) {
      if (!v.path) {
        own.weights = v.weights;
        continue;
      }
      // Every object on the way has its own (empty) vars group, as saving_lib writes them.
      const parts = v.path.split('/');
      for (let k = 1; k <= parts.length; k++) {
        const sub = `${path}/${parts.slice(0, k).join('/')}`;
        if (groups.some((g) => g.path === sub)) continue;
        const subName =
          k === parts.length
            ? `${names.get(id)}_${parts[k - 1]}`
            : `${parts[k - 1].replace('_layer', '')}_${names.get(id)}`;
        groups.push({ path: sub, name: subName, weights: k === parts.length ? v.weights : [] });
      }
    }
  }
  return { config, groups, names, layers };
}
