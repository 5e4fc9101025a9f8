import type { SimEvent } from '../../engine';
import type { MapFrame } from '../../protocol/frame';
import type { Query, RegionInfo, SessionSync } from '../../protocol/messages';
import type { Layout, SessionDoc } from '../../session';

/** What the UI knows of the session: the worker's log mirrored entry by entry, plus the clock. */
export interface SessionView extends SessionSync {
  /** Simulated time of the latest frame. */
  readonly now: number;
}

/** How a console command ended. */
export interface CommandEnd {
  readonly exitCode: number;
  readonly prompt: string;
  /** Where its line sits in the session log (absent when it was refused before being logged). */
  readonly logIndex?: number;
}

/** A console command started through the worker. */
export interface CommandHandle {
  readonly id: number;
  /** Resolves when the command has finished. */
  readonly done: Promise<CommandEnd>;
}

/**
 * What the UI can ask of the engine worker. Panels use this through hooks; nothing in the UI
 * touches the worker directly.
 */
export interface EngineApi {
  /** Static facts about every region, available after `ready`. */
  readonly regions: readonly RegionInfo[];
  /** The console prompt's client when the engine became ready. */
  readonly prompt: string;
  /** Runs one console line; `onOutput` receives lines as they are produced in simulated time. */
  runCommand(line: string, onOutput: (lines: readonly string[]) => void): CommandHandle;
  /** Ctrl+C: cancels a running foreground command. */
  cancel(id: number): void;
  /** Tab completion: candidates for the word under the cursor and where that word starts. */
  complete(line: string): Promise<{ readonly candidates: readonly string[]; readonly replaceFrom: number }>;
  query<T>(query: Query): Promise<T>;
  play(): void;
  pause(): void;
  /** Simulated seconds per wall-clock second. */
  setSpeed(speed: number): void;
  advance(ms: number): void;
  selectRegistry(name: string): void;
  /**
   * Replaces the whole session with a new world (a scenario's seed, or a fresh start). Resolves
   * when the engine is ready again; the old session's future is not kept.
   */
  newSession(seed: number, preset: 'demo' | 'empty'): Promise<void>;
  /** Replaces the session with a saved one (validated already), replayed to where it was. */
  restore(doc: SessionDoc): Promise<void>;
  /** Moves the world to time `t` of the session's last world, replaying the log (time travel). */
  seek(t: number): void;
  /** Makes a future that a fork set aside the current one (the current one is kept in its place). */
  switchBranch(index: number): void;
  discardBranch(index: number): void;
  /** The session's log, forks and clock as last reported, if the engine has started. */
  sessionView(): SessionView | undefined;
  /** The whole session as a document to save, share or export. */
  sessionDoc(layout: Layout): SessionDoc | undefined;
  /**
   * Progress (0..1) while a long saved session is replayed; `undefined` once it is ready.
   * Returns an unsubscribe function.
   */
  onProgress(listener: (fraction: number | undefined) => void): () => void;
  /** Called when the log or its forks change. Returns an unsubscribe function. */
  onSession(listener: (view: SessionView) => void): () => void;
  /** Map frames, at most one per animation frame. Returns an unsubscribe function. */
  onFrame(listener: (frame: MapFrame) => void): () => void;
  /** New events as they happen. Returns an unsubscribe function. */
  onEvents(listener: (events: readonly SimEvent[]) => void): () => void;
}
