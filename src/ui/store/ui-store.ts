import { create } from 'zustand';

export type Theme = 'dark' | 'light';

/** UI state only: what is selected, what is open, how fast time runs. Engine state lives in the worker. */
export interface UiState {
  /** Region selected on the map (programmatic name). */
  selectedRegion: string | undefined;
  /** Registry the map and panels show. */
  registry: string | undefined;
  theme: Theme;
  /** Simulated seconds per wall second. */
  speed: number;
  playing: boolean;
  /** The console prompt's client name. */
  prompt: string;
  /** A line the console should run (set by panels that "show the equivalent command"). */
  pendingCommand: string | undefined;
  selectRegion: (region: string | undefined) => void;
  setRegistry: (registry: string | undefined) => void;
  setTheme: (theme: Theme) => void;
  setSpeed: (speed: number) => void;
  setPlaying: (playing: boolean) => void;
  setPrompt: (prompt: string) => void;
  /** Asks the console to run a command as if typed, so people see the CLI for each action. */
  requestCommand: (line: string | undefined) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  selectedRegion: undefined,
  registry: undefined,
  theme: 'dark',
  speed: 60,
  playing: true,
  prompt: 'dev',
  pendingCommand: undefined,
  selectRegion: (selectedRegion) => set({ selectedRegion }),
  setRegistry: (registry) => set({ registry }),
  setTheme: (theme) => set({ theme }),
  setSpeed: (speed) => set({ speed }),
  setPlaying: (playing) => set({ playing }),
  setPrompt: (prompt) => set({ prompt }),
  requestCommand: (pendingCommand) => set({ pendingCommand }),
}));
