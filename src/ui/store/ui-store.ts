import { create } from 'zustand';

export type Theme = 'dark' | 'light';

/** A line for the console to run as if typed, with who wants to hear how it ended. */
export interface CommandRequest {
  readonly line: string;
  /**
   * Called with the exit code once the line has finished (130 when cancelled or dropped) and,
   * when it reached the engine, where it sits in the session log.
   */
  readonly onDone?: (exitCode: number, logIndex?: number) => void;
  /** Type the line into the input visibly before running it (scenario steps shown to a room). */
  readonly typed?: boolean;
  /** Asked just before the line runs: true drops it (its `onDone` hears 130), e.g. a closed player's. */
  readonly skip?: () => boolean;
}

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
  /** Lines waiting for the console to take them, in order (the scenario player's commands). */
  commandRequests: readonly CommandRequest[];
  /** Regions a guided scenario step is about: the map rings them. */
  highlightedRegions: readonly string[];
  selectRegion: (region: string | undefined) => void;
  setRegistry: (registry: string | undefined) => void;
  setTheme: (theme: Theme) => void;
  setSpeed: (speed: number) => void;
  setPlaying: (playing: boolean) => void;
  setPrompt: (prompt: string) => void;
  /** Asks the console to run a command as if typed, so people see the CLI for each action. */
  requestCommand: (line: string | undefined) => void;
  /** Queues lines for the console; each request's `onDone` hears its exit code. */
  runCommands: (requests: readonly CommandRequest[]) => void;
  /** The console takes every waiting request (and the queue empties). */
  takeCommandRequests: () => readonly CommandRequest[];
  setHighlightedRegions: (regions: readonly string[]) => void;
}

const NO_REGIONS: readonly string[] = [];

export const useUiStore = create<UiState>()((set, get) => ({
  selectedRegion: undefined,
  registry: undefined,
  theme: 'dark',
  speed: 60,
  playing: true,
  prompt: 'dev',
  pendingCommand: undefined,
  commandRequests: [],
  highlightedRegions: NO_REGIONS,
  selectRegion: (selectedRegion) => set({ selectedRegion }),
  setRegistry: (registry) => set({ registry }),
  setTheme: (theme) => set({ theme }),
  setSpeed: (speed) => set({ speed }),
  setPlaying: (playing) => set({ playing }),
  setPrompt: (prompt) => set({ prompt }),
  requestCommand: (pendingCommand) => set({ pendingCommand }),
  runCommands: (requests) => {
    if (requests.length > 0) set({ commandRequests: [...get().commandRequests, ...requests] });
  },
  takeCommandRequests: () => {
    const taken = get().commandRequests;
    if (taken.length > 0) set({ commandRequests: [] });
    return taken;
  },
  setHighlightedRegions: (regions) => {
    const current = get().highlightedRegions;
    const same = current.length === regions.length && current.every((r, i) => r === regions[i]);
    if (!same) set({ highlightedRegions: regions.length === 0 ? NO_REGIONS : [...regions] });
  },
}));
