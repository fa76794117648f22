import type { Graph } from '../../shared/graph';
import type { Project } from '../../shared/project';
import { parseProjectValue } from '../../shared/project';
import type { TrainingConfig } from '../../shared/training/options';
import { noteNodeRefs } from '../../shared/project/noteRefs';

/** The gallery categories, in gallery order. */
export const TEMPLATE_CATEGORIES = ['Basics', 'Classic CNNs', 'Modern CNNs', 'Techniques', 'Astronomy'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Everything a template file says about itself besides the graph (`template` in the project file). */
export interface TemplateMetaDef {
  title: string;
  /** Plain words: what the network is and what it does. */
  summary: string;
  /** What to look at while it trains. */
  teachingNotes: string[];
  citation: string;
  category: TemplateCategory;
  /**
   * The parameter count Keras's model.summary() reports for this graph (trainable + non-trainable),
   * and where that figure comes from. `trainable` when it differs from the total (BatchNormalization).
   */
  reference: { params: number; trainable?: number; source: string };
  /** Where the template departs from the cited paper and why; empty when it is the paper's network. */
  deviations: string[];
}

export interface TemplateDef {
  /** File stem: `templates/<id>.deepwire.json`. */
  id: string;
  name: string;
  graph: Graph;
  training: TrainingConfig;
  template: TemplateMetaDef;
}

/**
 * The project a template file holds. It goes through the project schema once here, so the file is
 * written exactly as Deepwire would save it (key order, defaults) and load → save is the identity.
 */
export function toProject(def: TemplateDef): Project {
  // A note that points at the canvas must point at a layer that is there (shared/project/noteRefs.ts).
  const ids = new Set(def.graph.nodes.map((n) => n.id));
  for (const note of def.template.teachingNotes) {
    const missing = noteNodeRefs(note).filter((id) => !ids.has(id));
    if (missing.length) throw new Error(`template ${def.id}: a teaching note refers to no layer ${missing.join(', ')}`);
  }
  const r = parseProjectValue({
    format: 'deepwire-project',
    version: 2,
    name: def.name,
    graph: def.graph,
    training: def.training,
    template: def.template,
  });
  if (!r.ok) throw new Error(`template ${def.id}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.project;
}
