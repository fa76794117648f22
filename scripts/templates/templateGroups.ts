import type { Graph, GraphGroup } from '../../shared/graph';
import { layoutWithGroups } from '../../renderer/src/canvas/groups/groupLayout';

/**
 * The groups each large template shows (issue 14, 2.4): residual blocks and stages, Inception
 * modules, VGG and AlexNet stages. Made from the Keras layer names the builders give, so a
 * template's groups follow its layers. The big networks open with their groups collapsed, so Fit
 * gives an overview a room can read; the graph is laid out with each group as one box.
 */

type Rule = { id: string; label: string; match: (id: string) => boolean; collapsed?: boolean };

const prefix =
  (...ps: string[]) =>
  (id: string) =>
    ps.some((p) => id.startsWith(p));
const oneOf = (...ids: string[]) => {
  const set = new Set(ids);
  return (id: string) => set.has(id);
};

/** Fewer, taller rows read better in an overview: the Input goes with the stem, the head is one node. */
function resnetRules(blocks: number[]): Rule[] {
  const rules: Rule[] = [
    {
      id: 'stem',
      label: 'Stem: input, 7×7 conv, pool',
      match: (id) => id === 'input' || prefix('conv1_', 'pool1_')(id),
      collapsed: true,
    },
  ];
  blocks.forEach((n, s) => {
    const stage = `conv${s + 2}`;
    rules.push({
      id: `${stage}_stage`,
      label: `Stage ${stage}: ${n} blocks`,
      match: prefix(`${stage}_block`),
      collapsed: true,
    });
    for (let i = 1; i <= n; i++) {
      const block = `${stage}_block${i}`;
      rules.push({ id: `${block}_group`, label: `Block ${block}`, match: prefix(`${block}_`), collapsed: true });
    }
  });
  rules.push({
    id: 'head',
    label: 'Head: pool, classifier',
    match: oneOf('avg_pool', 'predictions'),
    collapsed: true,
  });
  return rules;
}

const GOOGLENET_MODULES = ['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b'];

function vggRules(stages: number): Rule[] {
  return [
    ...Array.from({ length: stages }, (_, i) => ({
      id: `block${i + 1}_stage`,
      label: `Stage block${i + 1}`,
      match: prefix(`block${i + 1}_`),
      collapsed: true,
    })),
    {
      id: 'classifier',
      label: 'Classifier: fc1, fc2, predictions',
      match: oneOf('flatten', 'fc1', 'dropout1', 'fc2', 'dropout2', 'predictions'),
      collapsed: true,
    },
  ];
}

const RULES: Record<string, Rule[]> = {
  resnet18: resnetRules([2, 2, 2, 2]),
  resnet50: resnetRules([3, 4, 6, 3]),
  googlenet: [
    {
      id: 'stem',
      label: 'Stem: input, convs, pools, LRN',
      match: (id) => id === 'input' || prefix('conv1_', 'pool1_', 'conv2_', 'pool2_')(id),
      collapsed: true,
    },
    ...[3, 4, 5].map((n) => ({
      id: `stage${n}`,
      label: `Stage ${n}: Inception ${GOOGLENET_MODULES.filter((m) => m[0] === String(n)).join(', ')}`,
      match: prefix(`inception_${n}`, `pool${n}_3x3_s2`),
      collapsed: true,
    })),
    ...GOOGLENET_MODULES.map((m) => ({
      id: `inception_${m}_module`,
      label: `Inception ${m}`,
      match: prefix(`inception_${m}_`),
      collapsed: true,
    })),
    {
      id: 'head',
      label: 'Head: pool, dropout, classifier',
      match: oneOf('pool5_7x7_s1', 'pool5_drop', 'flatten', 'loss3_classifier'),
      collapsed: true,
    },
  ],
  'inception-module': [{ id: 'inception_3a_module', label: 'Inception 3a', match: prefix('inception_3a_') }],
  alexnet: [
    { id: 'stage1', label: 'Stage 1: 11×11 conv, LRN, pool', match: oneOf('conv1', 'lrn1', 'pool1') },
    { id: 'stage2', label: 'Stage 2: 5×5 conv, LRN, pool', match: oneOf('conv2', 'lrn2', 'pool2') },
    { id: 'stage3', label: 'Stage 3: three 3×3 convs, pool', match: oneOf('conv3', 'conv4', 'conv5', 'pool5') },
    { id: 'classifier', label: 'Classifier: fc6, fc7, fc8', match: oneOf('fc6', 'drop6', 'fc7', 'drop7', 'fc8') },
  ],
};
for (const v of ['vgg-a', 'vgg-a-lrn', 'vgg-b', 'vgg-c', 'vgg16', 'vgg19']) RULES[v] = vggRules(5);

/** The template's graph with its groups (and laid out around them), or the graph as it is when it has none. */
export function withTemplateGroups(templateId: string, graph: Graph): Graph {
  const rules = RULES[templateId];
  if (!rules) return graph;
  const groups: GraphGroup[] = [];
  for (const r of rules) {
    const members = graph.nodes.filter((n) => r.match(n.id)).map((n) => n.id);
    if (!members.length) throw new Error(`template ${templateId}: group ${r.id} matches no layer`);
    groups.push({ id: r.id, label: r.label, members, ...(r.collapsed ? { collapsed: true } : {}) });
  }
  const grouped = { ...graph, groups };
  const pos = layoutWithGroups(grouped);
  return { ...grouped, nodes: graph.nodes.map((n) => ({ ...n, position: pos[n.id] })) };
}
