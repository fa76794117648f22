import { CATEGORIES, type Category, type LayerSpec } from '../../../shared/catalog';

export interface PaletteGroup {
  category: Category;
  specs: LayerSpec[];
}

/**
 * How well a kind matches the query, best first: 0 its name is the query ("flatten" → Flatten),
 * 1 its name starts with it, 2 its name contains it, 3 only its summary or category does.
 */
function rank(s: LayerSpec, query: string): number {
  const name = s.kind.toLowerCase();
  const q = query.replace(/\s+/g, '');
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (name.includes(q)) return 2;
  return 3;
}

/**
 * The palette's groups for a search: every kind whose name, summary or category contains each word
 * of the query (case-insensitive). Without a query, in CATEGORIES order; with one, the group holding
 * the best match comes first and each group lists its best matches first, so "flatten" shows
 * Flatten before four pooling layers whose summaries mention flattening (issue 14.7).
 */
export function searchLayers(specs: readonly LayerSpec[], query: string): PaletteGroup[] {
  const q = query.toLowerCase().trim();
  const words = q.split(/\s+/).filter(Boolean);
  const matches = (s: LayerSpec) => {
    if (!words.length) return true;
    const text = `${s.kind} ${s.summary} ${s.category}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const groups = CATEGORIES.map((category) => ({
    category,
    specs: specs.filter((s) => s.category === category && matches(s)),
  })).filter((g) => g.specs.length > 0);
  if (!words.length) return groups;
  const ranked = groups.map((g) => ({
    category: g.category,
    // Array.prototype.sort is stable: equal ranks keep the catalog's order.
    specs: [...g.specs].sort((a, b) => rank(a, q) - rank(b, q)),
  }));
  const best = (g: PaletteGroup) => rank(g.specs[0], q);
  return ranked.sort((a, b) => best(a) - best(b));
}
