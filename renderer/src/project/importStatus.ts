import { create } from 'zustand';

/**
 * Where File → Import… is: importing (it can take a while for a large model), done (what the import
 * said: the measured difference and the notes, such as the Input's layout change) or failed (why,
 * and what to do). A small store of its own: nothing else in the editor depends on it.
 */
export interface ImportStatusState {
  status: { state: 'running' | 'done' | 'failed'; title: string; details: string[] } | null;
  set(status: ImportStatusState['status']): void;
}

export const useImportStatus = create<ImportStatusState>((set) => ({
  status: null,
  set: (status) => set({ status }),
}));
