import { useMemo, useState, type ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from '../canvas/Canvas';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { ConfirmDialog } from '../project/ConfirmDialog';
import { OpenError } from '../project/OpenError';
import { RecoveryOffer } from '../project/RecoveryOffer';
import type { RecoveryStorage } from '../project/recovery';
import { TemplateGallery } from '../project/TemplateGallery';
import { Toolbar } from '../project/Toolbar';
import { NotesPanel } from '../notes/NotesPanel';
import { useProjectActions } from '../project/useProjectActions';
import { SummaryPanel } from '../summary/SummaryPanel';
import { TabbedPanel, type PanelTab } from './TabbedPanel';
import { useRegionKeys } from './regionKeys';
import { useShortcuts, useUnsavedGuard } from './useShortcuts';

export interface AppProps {
  /** Extra toolbar commands on the right (a Train button). */
  toolbarExtras?: ReactNode;
  /** Extra tabs beside the inspector. */
  rightTabs?: PanelTab[];
  /** Extra tabs beside the model summary (a training dashboard). */
  bottomTabs?: PanelTab[];
  /** Where unsaved work is kept between starts (none: not kept, as in component tests). */
  recovery?: RecoveryStorage;
}

const summaryTab: PanelTab = { id: 'summary', title: 'Model summary', render: () => <SummaryPanel /> };
const inspectorTab: PanelTab = { id: 'inspector', title: 'Layer', render: () => <Inspector /> };
const notesTab: PanelTab = { id: 'notes', title: 'Notes', render: () => <NotesPanel /> };

function Editor({ toolbarExtras, rightTabs = [], bottomTabs = [], recovery }: AppProps) {
  const actions = useProjectActions();
  const [gallery, setGallery] = useState(false);
  // The toolbar's Notes command shows the Notes tab (again, each time it is pressed).
  const [rightRequest, setRightRequest] = useState<{ id: string; seq: number }>();
  const showNotes = () => setRightRequest((r) => ({ id: 'notes', seq: (r?.seq ?? 0) + 1 }));
  useShortcuts(actions);
  useRegionKeys();
  useUnsavedGuard();
  const right = useMemo(() => [inspectorTab, notesTab, ...rightTabs], [rightTabs]);
  const bottom = useMemo(() => [summaryTab, ...bottomTabs], [bottomTabs]);
  return (
    <div className="app">
      <Toolbar actions={actions} onTemplates={() => setGallery(true)} onNotes={showNotes} extras={toolbarExtras} />
      <div className="app__left">
        <Palette />
      </div>
      <main className="app__center">
        <Canvas />
        <OpenError />
      </main>
      <TabbedPanel
        tabs={bottom}
        className="app__bottom"
        testId="bottom-panel"
        collapsible
        resizeKey="deepwire:bottom-panel-height"
      />
      <TabbedPanel tabs={right} className="app__right" testId="right-panel" request={rightRequest} />
      {gallery && (
        <TemplateGallery
          onClose={() => setGallery(false)}
          onOpen={(t) => {
            setGallery(false);
            void actions.openTemplate(t.id, t.title);
          }}
        />
      )}
      <ConfirmDialog />
      {recovery && <RecoveryOffer storage={recovery} />}
    </div>
  );
}

/**
 * The Deepwire editor: toolbar, palette, canvas, inspector and model summary. Needs an
 * <EngineProvider> above it; shells add their own commands and panels through the props.
 */
export function App(props: AppProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}
