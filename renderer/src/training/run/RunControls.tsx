import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TRAINING_DEFAULTS } from '../../../../shared/training/options';
import { useEditor } from '../../store';
import { isActive, type RunRecord } from '../runs/runModel';
import { useRuns } from '../runs/runsStore';
import type { PanelProblem } from '../setup/trainingChecks';
import { useRunActions } from './useRunActions';

const STATUS_TEXT: Record<RunRecord['status'], string> = {
  starting: 'Starting…',
  running: 'Training',
  completed: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};

/**
 * How long a Stop may take before the controls say the run is still stopping and offer to force it.
 * A run stops after its current batch, normally well within this; a hung trainer never does, and the
 * host ends it on a second Stop (issue 13, item 15).
 */
export const STOP_PATIENCE_MS = 3000;

/** The Stop the user asked for on `runId`: `slow` once it has taken longer than STOP_PATIENCE_MS. */
function useStopping(runId: string | undefined, active: boolean) {
  const [asked, setAsked] = useState<{ runId: string; slow: boolean } | null>(null);
  useEffect(() => {
    if (!asked || asked.slow) return;
    const timer = setTimeout(() => setAsked((a) => (a === asked ? { ...a, slow: true } : a)), STOP_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [asked]);
  const stopping = asked && asked.runId === runId && active ? asked : null;
  return { stopping, asked: (id: string) => setAsked((a) => (a?.runId === id ? a : { runId: id, slow: false })) };
}

/**
 * Train / Stop / Continue and the run's status, for the app's toolbar (or the top of a standalone
 * Train panel). When the panel's checks block training, says so; the full reason is in the panel.
 */
export function RunControls({ problems, onReveal }: { problems: PanelProblem[]; onReveal?(blocked: boolean): void }) {
  const { train, stop, continueRun } = useRunActions();
  // The run's id and status, not its record: the record is replaced on every epoch.
  const { runId, status, warning, phase, starting, connection } = useRuns(
    useShallow((s) => ({
      runId: s.currentRunId,
      status: s.currentRunId ? s.runs[s.currentRunId]?.status : undefined,
      warning: s.currentRunId ? s.runs[s.currentRunId]?.warning : undefined,
      phase: s.currentRunId ? s.runs[s.currentRunId]?.phase?.message : undefined,
      starting: s.starting,
      connection: s.connection,
    })),
  );
  const current = runId && status ? { runId, status } : undefined;
  const running = starting || (current ? isActive(current.status) : false);
  const { stopping, asked } = useStopping(current?.runId, !!current && isActive(current.status));
  const offline = connection !== 'connected';
  // Before the first batch the run is still starting; what the trainer is doing is the chip's
  // tooltip (the dashboard shows it in full).
  const preparing = !!phase && !!current && isActive(current.status);
  const blocked = problems.length > 0;
  const canContinue = !!current && !running && (current.status === 'completed' || current.status === 'stopped');
  // For Continue the Epochs setting means how many MORE, not the total: the button says so.
  const more = useEditor((s) => s.project.training?.epochs) ?? TRAINING_DEFAULTS.epochs;
  const moreText = `${more} more epoch${more === 1 ? '' : 's'}`;

  return (
    <div className="dw-controls">
      <div className="dw-controls__row">
        <button
          type="button"
          className="dw-button dw-button--primary"
          data-testid="train-button"
          disabled={running || blocked || offline}
          title={
            blocked
              ? problems[0].message
              : offline
                ? 'Waiting for the connection to Deepwire.'
                : 'Train the network from fresh weights.'
          }
          onClick={() => {
            onReveal?.(false);
            void train();
          }}
        >
          {running ? 'Training…' : 'Train'}
        </button>
        <button
          type="button"
          className="dw-button"
          data-testid="stop-button"
          // While a first Stop is on its way, a second press would force it: not before it is overdue.
          disabled={!current || !isActive(current.status) || offline || (!!stopping && !stopping.slow)}
          onClick={() => {
            if (current) asked(current.runId);
            void stop();
          }}
          title={
            stopping?.slow
              ? 'The training process is not answering: end it now. What its last finished epoch saved is kept.'
              : 'Stop after the current batch; the weights are kept.'
          }
        >
          {stopping?.slow ? 'Force stop' : 'Stop'}
        </button>
        <button
          type="button"
          className="dw-button"
          data-testid="continue-button"
          disabled={!canContinue || blocked || offline}
          onClick={() => {
            if (!current) return;
            onReveal?.(false);
            void continueRun(current.runId);
          }}
          title={
            canContinue
              ? `Continue for ${moreText} from this run's weights (the Epochs setting in Train › Setup).`
              : 'After a run finishes or is stopped, train it more from where it ended.'
          }
          aria-label={canContinue ? `Continue for ${moreText}` : 'Continue'}
        >
          Continue{canContinue && <span className="dw-continue-more"> for {moreText}</span>}
        </button>
        {current &&
          (warning && !isActive(current.status) ? (
            <span
              className="dw-status dw-status--warning"
              data-testid="run-status"
              title={`${warning.message}\n${warning.hint}`}
            >
              {warning.code === 'diverged' ? 'Diverged' : 'Did not learn'}
            </span>
          ) : (
            <span
              className={`dw-status dw-status--${preparing ? 'starting' : current.status}`}
              data-testid="run-status"
              title={preparing ? phase : undefined}
            >
              {stopping ? 'Stopping…' : preparing ? STATUS_TEXT.starting : STATUS_TEXT[current.status]}
            </span>
          ))}
        {stopping?.slow && (
          <span className="dw-status dw-status--warning" role="status" data-testid="stop-hint">
            Still stopping… press again to force
          </span>
        )}
        {!running && blocked && (
          <button
            type="button"
            className="dw-status dw-status--blocked"
            title={`${problems[0].message}${problems[0].hint ? `\n${problems[0].hint}` : ''}`}
            onClick={() => onReveal?.(true)}
          >
            Can’t train yet
          </button>
        )}
        {offline && (
          <span className="dw-status dw-status--offline" role="status" data-testid="connection-status">
            {connection === 'reconnecting' ? 'Reconnecting…' : 'Disconnected'}
          </span>
        )}
      </div>
    </div>
  );
}

/** What stands in the way of training: the panel's own checks before a run, or the engine's refusal. */
export function TrainingProblems({ problems }: { problems: PanelProblem[] }) {
  const { running, callError } = useRuns(
    useShallow((s) => {
      const current = s.currentRunId ? s.runs[s.currentRunId] : undefined;
      return { running: s.starting || (current ? isActive(current.status) : false), callError: s.callError };
    }),
  );
  if (running || (!problems.length && !callError)) return null;
  return (
    <div className="dw-problems">
      {!running &&
        problems.map((p) => (
          <div key={p.message} className="dw-problem" role="alert" data-testid="training-problem">
            <strong>{p.message}</strong>
            {p.hint && <span>{p.hint}</span>}
          </div>
        ))}
      {callError && (
        <div className="dw-problem" role="alert" data-testid="start-error">
          <strong>{callError.message}</strong>
          {callError.hint && <span>{callError.hint}</span>}
        </div>
      )}
    </div>
  );
}
