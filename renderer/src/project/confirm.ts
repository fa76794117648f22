import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
}

interface ConfirmState {
  pending: (ConfirmRequest & { resolve(ok: boolean): void }) | null;
}

/** The one open confirmation, if any (rendered by <ConfirmDialog />). */
export const useConfirmState = create<ConfirmState>()(() => ({ pending: null }));

/** Asks the user to confirm; resolves true when they do. */
export function askConfirm(request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    useConfirmState.getState().pending?.resolve(false);
    useConfirmState.setState({
      pending: {
        ...request,
        resolve: (ok) => {
          useConfirmState.setState({ pending: null });
          resolve(ok);
        },
      },
    });
  });
}
