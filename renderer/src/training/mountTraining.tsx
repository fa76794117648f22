import type { PanelTab } from '../app/TabbedPanel';
import { useRuns, type TrainTab } from './runs/runsStore';
import { TrainPanel } from './TrainPanel';
import { TrainToolbar } from './run/TrainToolbar';

/** The id of the app's bottom-panel tab that holds the Train panel. */
export const TRAIN_PANEL_TAB = 'train';

/**
 * Brings the Train panel forward on `tab`. The app's TabbedPanel keeps its active tab to itself,
 * so this presses its tab button (and opens a collapsed panel) the way a user would.
 */
export function revealTrainPanel(tab: TrainTab): void {
  useRuns.getState().setPanelTab(tab);
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="tab-${TRAIN_PANEL_TAB}"]`);
  const panel = button?.closest('.panel');
  if (button && (button.getAttribute('aria-selected') !== 'true' || panel?.classList.contains('is-collapsed')))
    button.click();
}

/** The bottom-panel tab for App's `bottomTabs`. */
export const trainingPanelTabs: PanelTab[] = [
  { id: TRAIN_PANEL_TAB, title: 'Train', render: () => <TrainPanel controls={false} /> },
];

/** Train / Stop / Continue for App's `toolbarExtras`. */
export function TrainingToolbar() {
  return <TrainToolbar onReveal={(blocked) => revealTrainPanel(blocked ? 'setup' : 'dashboard')} />;
}
