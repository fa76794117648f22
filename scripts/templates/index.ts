import type { Project } from '../../shared/project';
import { astronomyTemplates } from './astronomy';
import { basicTemplates } from './basics';
import { classicCnnTemplates } from './classicCnns';
import { modernCnnTemplates } from './modernCnns';
import { resnetTemplates } from './resnets';
import { techniqueTemplates } from './techniques';
import { toProject, type TemplateDef } from './templateDef';
import { withTemplateGroups } from './templateGroups';

export { TEMPLATE_CATEGORIES, type TemplateDef } from './templateDef';

/** Every template definition, in gallery order. */
export function templateDefs(): TemplateDef[] {
  return [
    ...basicTemplates(),
    ...classicCnnTemplates(),
    ...modernCnnTemplates(),
    ...resnetTemplates(),
    ...techniqueTemplates(),
    ...astronomyTemplates(),
  ];
}

/** Every template as the project it is saved as, keyed by file name (`<id>.deepwire.json`). Pure and deterministic. */
export function buildTemplates(): { file: string; project: Project }[] {
  const defs = templateDefs();
  const ids = new Set<string>();
  for (const d of defs) {
    if (ids.has(d.id)) throw new Error(`two templates are called "${d.id}"`);
    ids.add(d.id);
  }
  return defs.map((d) => ({
    file: `${d.id}.deepwire.json`,
    project: toProject({ ...d, graph: withTemplateGroups(d.id, d.graph) }),
  }));
}
