import { useState } from 'react';
import { ControlButton, MiniMap, useStore, type ReactFlowState } from '@xyflow/react';
import { isBoolean, readStored, writeStored } from '../app/storedValue';
import { CATEGORY_COLORS } from './categoryColors';
import type { CanvasFlowNode } from './flowModel';
import { graphBounds, isInView } from './viewFit';

const STORAGE_KEY = 'deepwire:minimap';
const minimapColor = (n: CanvasFlowNode) =>
  n.type === 'layer' ? CATEGORY_COLORS[n.data.category] : n.type === 'groupNode' ? '#4b5874' : 'transparent';
const MAP_STYLE = { width: 150, height: 100 };

/** Whether every node is on screen: then an overview map adds nothing and only hides nodes. */
const graphFits = (s: ReactFlowState) => {
  const b = graphBounds(s.nodeLookup.values(), false);
  return !b || isInView(b, s.transform, s);
};

/** The minimap setting, remembered: on (shown when the graph is larger than the view) or off. */
export function useOverviewSetting(): [boolean, () => void] {
  const [on, setOn] = useState(() => readStored(STORAGE_KEY, isBoolean) ?? true);
  return [
    on,
    () =>
      setOn((v) => {
        writeStored(STORAGE_KEY, !v);
        return !v;
      }),
  ];
}

/**
 * A small overview of the graph in the corner, shown only while part of the graph is off screen
 * (the minimap used to cover the output layer of small graphs that fit the view anyway).
 */
export function OverviewMap({ on }: { on: boolean }) {
  const fits = useStore(graphFits);
  if (!on || fits) return null;
  return (
    <MiniMap<CanvasFlowNode>
      nodeColor={minimapColor}
      nodeStrokeWidth={0}
      pannable
      zoomable
      style={MAP_STYLE}
      ariaLabel="Overview of the graph"
    />
  );
}

/** The Controls button that turns the overview map on and off. */
export function OverviewToggle({ on, toggle }: { on: boolean; toggle(): void }) {
  return (
    <ControlButton
      onClick={toggle}
      aria-pressed={on}
      aria-label={on ? 'Turn the overview map off' : 'Turn the overview map on'}
      title={
        on
          ? 'Overview map: shown when the graph is larger than the view. Click to turn it off.'
          : 'Overview map is off. Click to show it when the graph is larger than the view.'
      }
      data-testid="minimap-toggle"
      className={on ? 'is-on' : undefined}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
        <rect x="8" y="8" width="5" height="4" rx="0.5" fill="currentColor" />
      </svg>
    </ControlButton>
  );
}
