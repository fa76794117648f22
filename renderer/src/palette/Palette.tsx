import { memo, useMemo, useState, type DragEvent } from 'react';
import { LAYER_SPECS, type LayerSpec } from '../../../shared/catalog';
import { CATEGORY_COLORS } from '../canvas/categoryColors';
import { PALETTE_DRAG_TYPE } from './dragType';
import { searchLayers } from './searchLayers';
import { useAddLayer } from './useAddLayer';

function onDragStart(e: DragEvent, kind: string) {
  e.dataTransfer.setData(PALETTE_DRAG_TYPE, kind);
  e.dataTransfer.effectAllowed = 'copy';
}

const PaletteItem = memo(function PaletteItem({ spec, onAdd }: { spec: LayerSpec; onAdd: (kind: string) => void }) {
  return (
    <li>
      <button
        type="button"
        className="palette__item"
        draggable
        onDragStart={(e) => onDragStart(e, spec.kind)}
        onClick={() => onAdd(spec.kind)}
        data-testid={`palette-item-${spec.kind}`}
        title={`${spec.summary}\nDrag onto the canvas, or press Enter to add it after the selected layer.`}
      >
        <span className="palette__kind">{spec.kind}</span>
        <span className="palette__summary">{spec.summary}</span>
      </button>
    </li>
  );
});

/**
 * Every layer kind in the catalog, grouped by category and searchable by name and explanation.
 * Drag one onto the canvas, or click it (Enter when focused) to add it after the selected layer.
 */
export function Palette({ specs = LAYER_SPECS }: { specs?: readonly LayerSpec[] }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => searchLayers(specs, query), [specs, query]);
  const addLayer = useAddLayer();
  return (
    <nav className="palette" aria-label="Layers" data-testid="palette">
      <div className="palette__search">
        <input
          type="search"
          placeholder="Search layers"
          aria-label="Search layers"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="palette-search"
        />
      </div>
      <div className="palette__groups">
        {groups.map((g) => (
          <section key={g.category} className="palette__group" aria-label={g.category}>
            <h3 className="palette__category">
              <span className="palette__dot" style={{ background: CATEGORY_COLORS[g.category] }} aria-hidden />
              {g.category}
            </h3>
            <ul>
              {g.specs.map((s) => (
                <PaletteItem key={s.kind} spec={s} onAdd={addLayer} />
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && (
          <p className="palette__none" data-testid="palette-empty">
            No layer matches “{query}”.
          </p>
        )}
      </div>
    </nav>
  );
}
