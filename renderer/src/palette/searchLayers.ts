import { CATEGORIES, type Category, type LayerSpec } from '../../../shared/catalog';

export interface PaletteGroup {
  category: Category;
  specs: LayerSpec[];
}

/**
 * The palette's groups for a search: every kind whose name, summary or category contains each word
 * of the query (case-insensitive), grouped by category in CATEGORIES order; empty groups dropped.
 */
export function searchLayers(specs: readonly LayerSpec[], query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (s: LayerSpec) => {
    if (!words.length) return true;
    const text = `${s.kind} ${s.summary} ${s.category}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  return CATEGORIES.map((category) => ({
    category,
    specs: specs.filter((s) => s.category === category && matches(s)),
  })).filter((g) => g.specs.length > 0);
}
