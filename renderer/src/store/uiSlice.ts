import type { StateCreator } from 'zustand';
import type { EditorState, UiSlice } from './types';

let seq = 0;

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set) => ({
  refusal: null,
  openError: null,
  showRefusal: (message) => set({ refusal: { message, seq: ++seq } }),
  clearRefusal: () => set({ refusal: null }),
  showOpenError: (openError) => set({ openError }),
});
