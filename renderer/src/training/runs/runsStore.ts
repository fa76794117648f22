import { create } from 'zustand';
import type { RunDetail, RunSummary } from '../../../../shared/protocol/client';
import type { TrainerEvent } from '../../../../shared/protocol/trainer';
import { cancelTick, requestTick } from '../dashboard/curveClock';
import { applyEvent, createRun, isActive, runFromHistory, runIdOf, type RunRecord } from './runModel';

export type ConnectionState = 'connected' | 'reconnecting' | 'closed';

/** The views of the Train panel. */
export const TRAIN_TABS = ['setup', 'dashboard', 'activations', 'tryit', 'runs'] as const;
export type TrainTab = (typeof TRAIN_TABS)[number];

export interface RunsState {
  runs: Record<string, RunRecord>;
  /** The run this window started (or adopted): the one Stop, Continue and the canvas thumbnails follow. */
  currentRunId: string | null;
  /** The run the dashboard shows: the current one, or one reopened from the runs list. */
  shownRunId: string | null;
  /** Two runs whose curves are drawn on one chart. */
  compare: [string, string] | null;
  connection: ConnectionState;
  /** A Train click is on its way to the engine (a second click is ignored). */
  starting: boolean;
  /** The Train panel's view; kept here so it survives the panel being hidden and shown again. */
  panelTab: TrainTab;
  /** Why the last start/stop call itself failed (the engine refused or was unreachable). */
  callError: { message: string; hint?: string } | null;

  ingest(event: TrainerEvent): void;
  setStarting(starting: boolean): void;
  setPanelTab(tab: TrainTab): void;
  /** The engine accepted a start: this run becomes current and shown (`continues`: the run it goes on from). */
  adopt(runId: string, continues?: string): void;
  setCurrent(runId: string | null): void;
  show(runId: string | null): void;
  /**
   * A run opened from the runs list: shown, and made current unless another run is training, so
   * Continue goes on from it (a finished run can always be continued).
   */
  reopen(runId: string): void;
  /** Another project was opened (or New): nothing of the old project's results stays on screen. */
  forgetProject(): void;
  /** Stores a run reopened from disk (keeps a live record of the same run if there is one). */
  loadDetail(detail: RunDetail): void;
  /** A run that ended while this window was not listening: take its status and numbers from the summary. */
  settle(summary: RunSummary): void;
  setCompare(pair: [string, string] | null): void;
  setConnection(state: ConnectionState): void;
  setCallError(error: { message: string; hint?: string } | null): void;
}

type CurveListener = (runId: string) => void;
const curveListeners = new Set<CurveListener>();

/**
 * Called after a run's curves grew (batch or epoch). Charts listen here rather than through React
 * state, so a stream of thousands of batch events costs a typed-array write each, and at most one
 * redraw per animation frame.
 */
export function onCurves(listener: CurveListener): () => void {
  curveListeners.add(listener);
  return () => curveListeners.delete(listener);
}

/**
 * A run's activations are taken at most this often. A small model finishes dozens of epochs a
 * second, each with an activations event; every one would re-render and repaint every canvas
 * thumbnail and the activation maps, for pictures changing faster than anyone can look at them.
 */
export const ACTIVATIONS_INTERVAL_MS = 250;

type ActivationsEvent = Extract<TrainerEvent, { type: 'activations' }>;
/** Per run: when its activations were last taken, and the newest one held back since. */
const activationsThrottle = new Map<
  string,
  { last: number; held?: ActivationsEvent; timer?: ReturnType<typeof setTimeout> }
>();

/**
 * Training runs keyed by run id. Batch events grow the run's series in place and never call `set`
 * (see {@link applyEvent}); everything else replaces the run's record, which React sees.
 */
export const useRuns = create<RunsState>()((set, get) => {
  /** Applies one event to its run; batch events grow the curves in place without `set`. */
  const apply = (runId: string, event: TrainerEvent) => {
    const state = get();
    const existing = state.runs[runId];
    const { run, changed } = applyEvent(existing ?? createRun(runId), event);
    if (changed || !existing) set({ runs: { ...state.runs, [runId]: run } });
    if (event.type === 'batch' || event.type === 'epoch') for (const l of curveListeners) l(runId);
  };
  return {
    runs: {},
    currentRunId: null,
    shownRunId: null,
    compare: null,
    connection: 'connected',
    starting: false,
    panelTab: 'setup',
    callError: null,

    ingest(event) {
      const runId = runIdOf(event);
      if (!runId) return;
      if (event.type === 'activations' && !event.requestId) {
        // Periodic activations are thinned out (an answer to a request is not).
        const t = activationsThrottle.get(runId) ?? { last: -Infinity };
        activationsThrottle.set(runId, t);
        const now = performance.now();
        if (now - t.last < ACTIVATIONS_INTERVAL_MS) {
          t.held = event;
          t.timer ??= setTimeout(
            () => {
              t.timer = undefined;
              const held = t.held;
              t.held = undefined;
              t.last = performance.now();
              if (held) apply(runId, held);
            },
            t.last + ACTIVATIONS_INTERVAL_MS - now,
          );
          return;
        }
        t.last = now;
      } else if (event.type === 'finished' || event.type === 'failed') {
        // The run's last pictures go in before it ends.
        const t = activationsThrottle.get(runId);
        activationsThrottle.delete(runId);
        if (t?.timer) clearTimeout(t.timer);
        if (t?.held) apply(runId, t.held);
      }
      apply(runId, event);
    },
    setStarting: (starting) => set({ starting }),
    setPanelTab: (panelTab) => set({ panelTab }),
    adopt: (runId, continues) =>
      set((s) => {
        const run = s.runs[runId] ?? createRun(runId);
        const parent = continues ? s.runs[continues] : undefined;
        const fromEpoch = parent?.lastEpoch ? parent.lastEpoch.epoch + 1 : undefined;
        return {
          currentRunId: runId,
          shownRunId: runId,
          panelTab: 'dashboard',
          starting: false,
          callError: null,
          runs: { ...s.runs, [runId]: continues && !run.continues ? { ...run, continues, fromEpoch } : run },
        };
      }),
    setCurrent: (runId) => set((s) => ({ currentRunId: runId, shownRunId: runId ?? s.shownRunId })),
    show: (runId) => set({ shownRunId: runId }),
    reopen: (runId) =>
      set((s) => {
        const current = s.currentRunId ? s.runs[s.currentRunId] : undefined;
        if (s.starting || (current && isActive(current.status))) return { shownRunId: runId };
        return { shownRunId: runId, currentRunId: runId, callError: null };
      }),
    forgetProject: () => set({ currentRunId: null, shownRunId: null, compare: null, callError: null }),
    loadDetail(detail) {
      const id = detail.summary.runId;
      const live = get().runs[id];
      // A run still streaming keeps its live record; the history would only be a shorter copy.
      if (live && live.start && (live.status === 'running' || live.batches.length > 0)) return;
      set((s) => ({ runs: { ...s.runs, [id]: runFromHistory(detail.summary, detail.history, detail.project) } }));
    },
    settle(summary) {
      const run = get().runs[summary.runId];
      if (!run || summary.status === 'running') return;
      const settled: RunRecord = {
        ...run,
        status: summary.status,
        final: run.final ?? summary.final,
        evaluation: run.evaluation ?? summary.final?.test,
        failure: run.failure ?? summary.failure,
      };
      set((s) => ({ runs: { ...s.runs, [summary.runId]: settled } }));
    },
    setCompare: (compare) => set({ compare }),
    setConnection: (connection) => set({ connection }),
    setCallError: (callError) => set({ callError, starting: false }),
  };
});

const initial = useRuns.getState();

/** A fresh store (tests). */
export function resetRuns(): void {
  for (const t of activationsThrottle.values()) if (t.timer) clearTimeout(t.timer);
  activationsThrottle.clear();
  useRuns.setState(initial, true);
  syncShown();
}

const shownOf = (s: RunsState) => (s.shownRunId ? (s.runs[s.shownRunId] ?? null) : null);

/**
 * The shown run as the dashboard and activation maps read it. A small model's run replaces its
 * record dozens of times a second (an epoch event each), and each replacement re-rendered the whole
 * dashboard: new text, a layout, a paint and a compositor commit per event. This copy follows at
 * most once per curve tick (curveClock.ts), in the same frame as the charts; another run, or a change
 * of status, comes through at once.
 */
const shownView = create<{ run: RunRecord | null }>(() => ({ run: shownOf(useRuns.getState()) }));
function syncShown() {
  cancelTick(syncShown);
  shownView.setState({ run: shownOf(useRuns.getState()) });
}
useRuns.subscribe((state) => {
  const next = shownOf(state);
  const seen = shownView.getState().run;
  if (next === seen) return;
  if (!next || !seen || next.runId !== seen.runId || next.status !== seen.status) syncShown();
  else requestTick(syncShown);
});

/** The run the dashboard shows (following a streaming run ten times a second; see {@link shownView}). */
export const useShownRun = (): RunRecord | null => shownView((s) => s.run);

/** The run this window is training. */
export const useCurrentRun = (): RunRecord | null =>
  useRuns((s) => (s.currentRunId ? (s.runs[s.currentRunId] ?? null) : null));
