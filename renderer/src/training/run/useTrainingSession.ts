import { useEffect, useRef } from 'react';
import type { EngineClient } from '../../../../shared/protocol/client';
import { useEngine } from '../../engine/EngineProvider';
import { useEditor } from '../../store';
import { isActive } from '../runs/runModel';
import { useRuns } from '../runs/runsStore';

/** One subscription per client however many components ask (the panel and the app shell both may). */
const sessions = new WeakMap<EngineClient, { users: number; off(): void }>();

function subscribe(client: EngineClient): () => void {
  const { setConnection } = useRuns.getState();
  const offEvents = client.onEvent((event) => useRuns.getState().ingest(event));
  const offConnection = client.onConnection?.((state) => {
    setConnection(state);
    if (state !== 'connected') return;
    const { currentRunId, runs } = useRuns.getState();
    const run = currentRunId ? runs[currentRunId] : undefined;
    if (!run || !isActive(run.status)) return;
    client.getRun(run.runId).then(
      (detail) => {
        if (detail.summary.status !== 'running') useRuns.getState().settle(detail.summary);
      },
      () => {},
    );
  });
  return () => {
    offEvents();
    offConnection?.();
  };
}

/**
 * Feeds the engine's events into the runs store and follows the connection. Safe to call from
 * several components: the client is subscribed once while any of them is mounted.
 *
 * After a reconnect the host replays the latest state of runs still training; a run that ended
 * while the connection was down is settled from its stored summary, so the UI never waits forever.
 */
export function useTrainingSession(): void {
  const client = useEngine();
  useEffect(() => {
    let s = sessions.get(client);
    if (!s) {
      s = { users: 0, off: subscribe(client) };
      sessions.set(client, s);
    }
    s.users++;
    return () => {
      const t = sessions.get(client);
      if (t && --t.users === 0) {
        t.off();
        sessions.delete(client);
      }
    };
  }, [client]);

  // Another project was opened (a template, a file, New): its nodes are not the run's, and the old
  // project's dashboard, confusion matrix and activation maps must not stay on screen as if they
  // were the new one's (issue 14.2). Reopening the same file (same id) keeps them.
  const projectId = useEditor((s) => s.project.id);
  const loadSeq = useEditor((s) => s.loadSeq);
  const seen = useRef({ projectId, loadSeq });
  useEffect(() => {
    const before = seen.current;
    seen.current = { projectId, loadSeq };
    if (before.loadSeq === loadSeq || before.projectId === projectId) return;
    useRuns.getState().forgetProject();
  }, [projectId, loadSeq]);
}
