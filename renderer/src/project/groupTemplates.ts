import type { TemplateEntry } from '../../../shared/protocol/client';

/**
 * The gallery's sections in the order a first-time user should meet them: the smallest networks
 * first, then one idea at a time, then the famous image networks, then science.
 */
export const TEMPLATE_CATEGORIES = ['Basics', 'Techniques', 'Classic CNNs', 'Modern CNNs', 'Astronomy'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** One line under each section heading: what the section is for. */
export const CATEGORY_BLURBS: Record<TemplateCategory, string> = {
  Basics: 'Start here: from a single neuron to the networks of the first lectures.',
  Techniques: 'One idea each: dropout, batch normalization, an autoencoder.',
  'Classic CNNs': 'The convolutional networks that first read digits and won ImageNet.',
  'Modern CNNs': 'Inception modules and residual shortcuts: deeper networks that still train.',
  Astronomy: 'Networks from published astronomy papers: light curves, galaxies, lenses.',
};

/** Heading of the section for templates without a category. */
export const OTHER_GROUP = 'Other';
/** Heading of the last section: files that could not be opened, each with its reason. */
export const BROKEN_GROUP = 'Could not be opened';

export interface TemplateGroup {
  /** The section heading: a category, OTHER_GROUP or BROKEN_GROUP. */
  title: string;
  templates: TemplateEntry[];
}

/** Simplest first: fewer parameters, then title (an entry without a count goes last). */
const bySize = (a: TemplateEntry, b: TemplateEntry) =>
  (a.params ?? Infinity) - (b.params ?? Infinity) || a.title.localeCompare(b.title);

const rank = (title: string) => {
  const known = (TEMPLATE_CATEGORIES as readonly string[]).indexOf(title);
  if (known >= 0) return known;
  return title === OTHER_GROUP ? TEMPLATE_CATEGORIES.length + 1 : TEMPLATE_CATEGORIES.length;
};

/**
 * Gallery sections: the known categories in TEMPLATE_CATEGORIES order, then any category a newer
 * templates/ folder brings (alphabetically), then uncategorised ones, then the broken files. Empty
 * sections are left out; within a section the simplest network comes first.
 */
export function groupTemplates(entries: readonly TemplateEntry[]): TemplateGroup[] {
  const groups = new Map<string, TemplateEntry[]>();
  const broken: TemplateEntry[] = [];
  for (const t of entries) {
    if (!t.ok) {
      broken.push(t);
      continue;
    }
    const title = t.category?.trim() || OTHER_GROUP;
    groups.set(title, [...(groups.get(title) ?? []), t]);
  }
  const sections = [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([title, templates]) => ({ title, templates: templates.sort(bySize) }));
  if (broken.length > 0) sections.push({ title: BROKEN_GROUP, templates: broken });
  return sections;
}
