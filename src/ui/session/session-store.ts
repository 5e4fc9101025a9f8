import { create } from 'zustand';
import type { StartupNotice } from './persistence';

export interface Notice extends StartupNotice {
  readonly id: number;
}

/** How long an informational notice stays up on its own (while nobody hovers or focuses it). */
export const INFO_NOTICE_MS = 8_000;

/** Why a notice is being kept up: the pointer is over it, or the keyboard focus is in it. */
export type HoldReason = 'hover' | 'focus';

interface SessionUiState {
  notices: readonly Notice[];
  notify: (notice: StartupNotice) => void;
  dismiss: (id: number) => void;
  /** Keeps an informational notice up while it is hovered or focused. */
  hold: (id: number, reason: HoldReason) => void;
  /** The hover or focus has left: the notice goes after {@link INFO_NOTICE_MS} again. */
  release: (id: number, reason: HoldReason) => void;
  /**
   * Set while unreadable saved data is on screen: autosave must not overwrite it until the user
   * has had a chance to download it (or dismissed the notice).
   */
  holdAutosave: boolean;
}

/**
 * Whether a notice goes away on its own: information does; errors, and notices that offer
 * something to do (download data, restore a session), stay until dismissed.
 */
export function dismissesItself(notice: StartupNotice): boolean {
  return notice.tone === 'info' && notice.download === undefined && !notice.restorePrevious;
}

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
const holds = new Map<number, Set<HoldReason>>();

function stopTimer(id: number): void {
  const timer = timers.get(id);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(id);
}

/** Notices about the session (restored, refused, unreadable), shown as alerts. */
export const useSessionUi = create<SessionUiState>()((set, get) => {
  const startTimer = (id: number): void => {
    stopTimer(id);
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        get().dismiss(id);
      }, INFO_NOTICE_MS),
    );
  };
  return {
    notices: [],
    holdAutosave: false,
    notify: (notice) => {
      const added = { ...notice, id: nextId++ };
      // At most four at a time: the oldest makes way.
      const kept = get().notices.slice(-3);
      for (const n of get().notices) {
        if (kept.includes(n)) continue;
        stopTimer(n.id);
        holds.delete(n.id);
      }
      set((s) => ({
        notices: [...kept, added],
        holdAutosave: s.holdAutosave || added.download !== undefined,
      }));
      if (dismissesItself(added)) startTimer(added.id);
    },
    dismiss: (id) => {
      stopTimer(id);
      holds.delete(id);
      set((s) => {
        const notices = s.notices.filter((n) => n.id !== id);
        return { notices, holdAutosave: notices.some((n) => n.download !== undefined) };
      });
    },
    hold: (id, reason) => {
      const notice = get().notices.find((n) => n.id === id);
      if (!notice) return;
      let reasons = holds.get(id);
      if (!reasons) holds.set(id, (reasons = new Set()));
      reasons.add(reason);
      stopTimer(id);
    },
    release: (id, reason) => {
      const reasons = holds.get(id);
      reasons?.delete(reason);
      if (reasons && reasons.size > 0) return;
      holds.delete(id);
      const notice = get().notices.find((n) => n.id === id);
      if (notice && dismissesItself(notice)) startTimer(id);
    },
  };
});
