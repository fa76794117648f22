import type { TrainerErrorCode } from '../../shared/protocol/trainer';
import type { TrainerExit } from './trainerLauncher';

/**
 * Says in plain words why a trainer process ended without reporting `finished` or `failed`.
 *
 * @param closing - the app was closing and ended the trainer itself
 */
export function explainTrainerExit(exit: TrainerExit, closing = false): { code: TrainerErrorCode; message: string; hint?: string } {
  const how = exit.signal ? `was ended by the system (${exit.signal})` : `stopped with exit code ${exit.code}`;
  if (closing) {
    return { code: 'crashed', message: 'Deepwire was closed while this run was training.', hint: 'The weights of the last finished epoch are kept; continue the run from them.' };
  }
  const tail = exit.stderrTail ?? '';
  if (/heap out of memory|out of memory|ENOMEM|std::bad_alloc|OOM/i.test(tail)) {
    return {
      code: 'out-of-memory',
      message: 'Training ran out of memory and stopped.',
      hint: 'Use a smaller batch size, a smaller model or fewer examples, or close other programs.',
    };
  }
  const lastLine = tail.trim().split('\n').filter(Boolean).pop();
  return {
    code: 'crashed',
    message: `The training process ${how} before the run finished.${lastLine ? ` Its last words: ${lastLine.slice(0, 300)}` : ''}`,
    hint:
      exit.signal === 'SIGKILL'
        ? 'The system may have run out of memory: try a smaller batch size or model. Your project is untouched.'
        : 'Your project is untouched. Try again; if it happens again, run `deepwire doctor` and report the message.',
  };
}
