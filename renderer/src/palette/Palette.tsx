import { memo, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { LAYER_SPECS, type LayerSpec } from '../../../shared/catalog';
import { CATEGORY_COLORS } from '../canvas/categoryColors';
import { PALETTE_DRAG_TYPE } from './dragType';
import { searchLayers } from './searchLayers';
import { useAddLayer } from './useAddLayer';

function onDragStart(e: DragEvent, kind: string) {
  e.dataTransfer.setData(PALETTE_DRAG_TYPE, kind);
  e.dataTransfer.effectAllowed = 'copy';
}

const PaletteItem = memo(function PaletteItem({
  spec,
  onAdd,
  tabbable,
}: {
  spec: LayerSpec;
  onAdd: (kind: string) => void;
  tabbable: boolean;
}) {
  return (
    <li>
      <button
        type="button"
        className="palette__item"
        tabIndex={tabbable ? 0 : -1}
        data-kind={spec.kind}
        draggable
        onDragStart={(e) => onDragStart(e, spec.kind)}
        onClick={() => onAdd(spec.kind)}
        data-testid={`palette-item-${spec.kind}`}
        title={`${spec.summary}\nDrag onto the canvas, or press Enter to add it after the selected layer (arrow keys move between layers).`}
      >
        <span className="palette__kind">{spec.kind}</span>
        <span className="palette__summary">{spec.summary}</span>
      </button>
    </li>
  );
});

/** Where arrow keys take the focus in the list of layers (a roving tab stop, one Tab for the whole list). */
function nextIndex(key: string, at: number, count: number): number | null {
  if (key === 'ArrowDown') return Math.min(at + 1, count - 1);
  if (key === 'ArrowUp') return Math.max(at - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * Every layer kind in the catalog, grouped by category and searchable by name and explanation.
 * Drag one onto the canvas, or click it (Enter when focused) to add it after the selected layer.
 * The list is one Tab stop (issue 14, defect 7: 65 presses used to cross it): arrow keys, Home and
 * End move inside it, and Down from the search box enters it at the first match.
 */
export function Palette({ specs = LAYER_SPECS }: { specs?: readonly LayerSpec[] }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => searchLayers(specs, query), [specs, query]);
  const kinds = useMemo(() => groups.flatMap((g) => g.specs.map((s) => s.kind)), [groups]);
  const [activeKind, setActiveKind] = useState<string | null>(null);
  const active = activeKind && kinds.includes(activeKind) ? activeKind : (kinds[0] ?? null);
  const listRef = useRef<HTMLDivElement>(null);
  const addLayer = useAddLayer();

  const focusKind = (kind: string | undefined) => {
    if (!kind) return;
    setActiveKind(kind);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-kind="${kind}"]`)?.focus();
  };
  const onListKey = (e: KeyboardEvent) => {
    const at = Math.max(0, kinds.indexOf((e.target as HTMLElement).dataset.kind ?? ''));
    const to = nextIndex(e.key, at, kinds.length);
    if (to === null) return;
    e.preventDefault();
    focusKind(kinds[to]);
  };
  return (
    <nav className="palette" aria-label="Layers" data-testid="palette">
      <div className="palette__search">
        <input
          type="search"
          placeholder="Search layers"
          aria-label="Search layers"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && kinds.length > 0) {
              e.preventDefault();
              focusKind(kinds[0]);
            }
          }}
          data-testid="palette-search"
        />
      </div>
      <div
        className="palette__groups"
        ref={listRef}
        onKeyDown={onListKey}
        onFocus={(e) => {
          const kind = (e.target as HTMLElement).dataset.kind;
          if (kind) setActiveKind(kind);
        }}
      >
        {groups.map((g) => (
          <section key={g.category} className="palette__group" aria-label={g.category}>
            <h3 className="palette__category">
              <span className="palette__dot" style={{ background: CATEGORY_COLORS[g.category] }} aria-hidden />
              {g.category}
            </h3>
            <ul>
              {g.specs.map((s) => (
                <PaletteItem key={s.kind} spec={s} onAdd={addLayer} tabbable={s.kind === active} />
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
