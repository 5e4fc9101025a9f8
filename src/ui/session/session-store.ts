import { create } from 'zustand';
import type { StartupNotice } from './persistence';

export interface Notice extends StartupNotice {
  readonly id: number;
}

interface SessionUiState {
  notices: readonly Notice[];
  notify: (notice: StartupNotice) => void;
  dismiss: (id: number) => void;
  /**
   * Set while unreadable saved data is on screen: autosave must not overwrite it until the user
   * has had a chance to download it (or dismissed the notice).
   */
  holdAutosave: boolean;
}

let nextId = 1;

/** Notices about the session (restored, refused, unreadable), shown as alerts. */
export const useSessionUi = create<SessionUiState>()((set) => ({
  notices: [],
  holdAutosave: false,
  notify: (notice) =>
    set((s) => ({
      notices: [...s.notices.slice(-3), { ...notice, id: nextId++ }],
      holdAutosave: s.holdAutosave || notice.download !== undefined,
    })),
  dismiss: (id) =>
    set((s) => {
      const notices = s.notices.filter((n) => n.id !== id);
      return { notices, holdAutosave: notices.some((n) => n.download !== undefined) };
    }),
}));
