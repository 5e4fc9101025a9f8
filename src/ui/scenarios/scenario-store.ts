import { create } from 'zustand';
import type { PlayerController } from './player-controller';

/** Where the current session's world came from: what "Export session as scenario" starts from. */
export interface SessionOrigin {
  readonly seed: number;
  readonly preset: 'demo' | 'empty';
  /** The scenario that started the session, if one did. */
  readonly scenarioTitle?: string;
}

/** The dashboard's first session: `?seed=N` (as main.tsx reads it) on the demo world. */
function originFromUrl(): SessionOrigin {
  const search = typeof location === 'undefined' ? '' : location.search;
  const raw = new URLSearchParams(search).get('seed');
  const seed = raw !== null && /^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff ? Number(raw) : 1;
  return { seed, preset: 'demo' };
}

/** The scenario picker, the guided player, help and the tour: which is open, and the session's origin. */
export interface ScenarioUiState {
  /** The picker dialog; `preselect` opens it on one scenario (the "Start here" card). */
  picker: { readonly open: boolean; readonly preselect?: string };
  helpOpen: boolean;
  tourOpen: boolean;
  /** The guided player of the running scenario, if any. */
  player: PlayerController | undefined;
  origin: SessionOrigin;
  openPicker: (preselect?: string) => void;
  closePicker: () => void;
  setHelpOpen: (open: boolean) => void;
  setTourOpen: (open: boolean) => void;
  /** Replaces the player (the old one is disposed). */
  setPlayer: (player: PlayerController | undefined) => void;
  setOrigin: (origin: SessionOrigin) => void;
}

export const useScenarioStore = create<ScenarioUiState>()((set, get) => ({
  picker: { open: false },
  helpOpen: false,
  tourOpen: false,
  player: undefined,
  origin: originFromUrl(),
  openPicker: (preselect) => set({ picker: { open: true, preselect }, helpOpen: false, tourOpen: false }),
  closePicker: () => set({ picker: { open: false } }),
  setHelpOpen: (helpOpen) => set(helpOpen ? { helpOpen, tourOpen: false } : { helpOpen }),
  setTourOpen: (tourOpen) => set(tourOpen ? { tourOpen, helpOpen: false } : { tourOpen }),
  setPlayer: (player) => {
    const old = get().player;
    if (old && old !== player) old.dispose();
    set({ player });
  },
  setOrigin: (origin) => set({ origin }),
}));
