import type { EngineApi, SessionView } from '../engine/api';
import { useUiStore } from '../store/ui-store';
import { applyCompletion, type CompletionOutcome } from './console-completion';
import { emptyHistory, historyAdd, historyDown, historyUp, type HistoryState } from './console-history';
import {
  appendLines,
  classifyLine,
  isBackgroundLine,
  isClearLine,
  promptName,
  type ConsoleLine,
  type LineStyle,
} from './console-lines';

/** What the console panel draws. A new object on every change, for `useSyncExternalStore`. */
export interface ConsoleSnapshot {
  readonly lines: readonly ConsoleLine[];
  /** The foreground command holding the prompt, if any. */
  readonly running: { readonly id: number; readonly line: string } | undefined;
  /** Lines typed while a command ran; they run in order when it finishes (type-ahead). */
  readonly queued: readonly string[];
  /** A batch (a scenario step) holds the console: queued lines wait until it is over. */
  readonly held: boolean;
}

/**
 * Hears how a line ended: its exit code (130 when cancelled or dropped) and, when it reached the
 * engine, where it sits in the session log.
 */
export type LineDone = (exitCode: number, logIndex?: number) => void;

/** Where the controller reads and writes the prompt (the store, or a stub in tests). */
export interface PromptPort {
  get(): string;
  set(prompt: string): void;
}

/**
 * The console's behaviour, outside React: runs lines through the engine, streams their output,
 * holds the prompt while a foreground command runs, queues type-ahead, cancels, completes and
 * remembers history. One controller lives per engine for the whole session, so the output and
 * the history survive the panel being unmounted and mounted again.
 */
/** What a newcomer sees before typing anything. */
const WELCOME = [
  '# This console speaks az, docker and the simulator\'s own "sim" commands. Try:',
  '#   docker build -t myregistry.azurecr.io/app:v1 .    then    docker push myregistry.azurecr.io/app:v1',
  '#   sim client add paris --location francecentral    then    sim client use paris',
  '#   az acr replication list -r myregistry -o table     ·  type "help" for everything, add --help to any command',
];

export class ConsoleController {
  private snapshot: ConsoleSnapshot = { lines: [], running: undefined, queued: [], held: false };
  private listeners = new Set<() => void>();
  private nextLineId = 0;
  private history: HistoryState = emptyHistory;
  /** Who hears how each queued line ends, parallel to `snapshot.queued`. */
  private queuedDone: (LineDone | undefined)[] = [];
  /** Every line started since the session began, in order (for "Export session as scenario"). */
  private ran: string[] = [];
  private sessionEpoch = 0;
  /** Open reservations (see `reserve`): while any is open, typed lines wait in the queue. */
  private reservations = 0;
  /** How many lines at the head of the queue are the reservation holder's own. */
  private reservedAhead = 0;

  constructor(
    private readonly engine: EngineApi,
    private readonly prompt: PromptPort,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ConsoleSnapshot => this.snapshot;

  /**
   * Runs a line as if typed: at once when the prompt is free, otherwise after the running
   * command and anything queued before it (and, while a reservation is open, after the
   * holder's lines). Background lines (` &`) never hold the prompt.
   */
  submit(line: string, onDone?: LineDone): 'started' | 'queued' | 'ignored' {
    this.history = historyAdd(this.history, line);
    if (this.snapshot.running !== undefined || this.reservations > 0) {
      if (line.trim() === '') {
        onDone?.(0);
        return 'ignored';
      }
      this.queuedDone.push(onDone);
      this.update({ queued: [...this.snapshot.queued, line] });
      return 'queued';
    }
    this.start(line, onDone);
    return 'started';
  }

  /**
   * Someone is about to run several lines one after another (a scenario step, a panel's
   * commands). Until the returned function is called, lines typed meanwhile wait in the queue
   * instead of slipping in between them (where they would change what a step's checkpoint sees);
   * the holder runs its own lines with `submitReserved`.
   */
  reserve(): () => void {
    this.reservations++;
    if (!this.snapshot.held) this.update({ held: true });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reservations--;
      if (this.reservations === 0) this.update({ held: false });
      this.drainQueue();
    };
  }

  /**
   * The timeline moved (a rewind, Back to live, another branch): the command that ran was
   * stopped by the engine, and lines typed for the world that was shown must not run in the one
   * shown now (a line typed in the past would fork the session). Drops them, and says so.
   */
  timelineMoved(): void {
    const n = this.snapshot.queued.length;
    if (n === 0) return;
    this.dropQueued();
    this.print([`# dropped ${n} queued line(s): the timeline moved`], 'hint');
  }

  /**
   * The reservation holder's line: runs as soon as the prompt is free, ahead of typed lines
   * waiting in the queue. Echoed and recorded like a typed line.
   */
  submitReserved(line: string, onDone?: LineDone): 'started' | 'queued' {
    this.history = historyAdd(this.history, line);
    if (this.snapshot.running !== undefined) {
      this.queuedDone.splice(this.reservedAhead, 0, onDone);
      const queued = [...this.snapshot.queued];
      queued.splice(this.reservedAhead, 0, line);
      this.reservedAhead++;
      this.update({ queued });
      return 'queued';
    }
    this.start(line, onDone);
    return 'started';
  }

  /** Resolves once no foreground command holds the prompt (at once if none does). */
  whenIdle(): Promise<void> {
    if (this.snapshot.running === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.snapshot.running !== undefined) return;
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  /** Counts `startOver` calls: a line taken before a new session must not run in it. */
  get epoch(): number {
    return this.sessionEpoch;
  }

  /** The lines run in this session so far, in order. */
  sessionLines(): readonly string[] {
    return this.ran;
  }

  /**
   * A new world replaced the session: the running command is cancelled, type-ahead dropped,
   * the output cleared and the recorded lines forgotten; `banner` is printed as a hint.
   */
  startOver(banner: readonly string[]): void {
    const { running } = this.snapshot;
    if (running !== undefined) this.engine.cancel(running.id);
    this.dropQueued();
    this.ran = [];
    this.sessionEpoch++;
    this.update({ running: undefined, lines: [] });
    this.print(banner, 'hint');
  }

  /** Ctrl+C: cancels the foreground command and drops type-ahead, or abandons a half-typed line. */
  interrupt(partialLine: string): void {
    const { running, queued } = this.snapshot;
    if (running === undefined) {
      this.print([`${this.prompt.get()}$ ${partialLine}^C`], 'echo');
      return;
    }
    this.engine.cancel(running.id);
    this.dropQueued();
    this.update({ running: undefined });
    this.print(['^C'], 'echo');
    if (queued.length > 0) this.print([`# dropped ${queued.length} queued line(s)`], 'hint');
  }

  /** Forgets type-ahead; whoever waited on a dropped line hears 130, as for Ctrl+C. */
  private dropQueued(): void {
    const waiting = this.queuedDone;
    this.queuedDone = [];
    this.reservedAhead = 0;
    if (this.snapshot.queued.length > 0) this.update({ queued: [] });
    for (const done of waiting) done?.(130);
  }

  clear(): void {
    this.update({ lines: [] });
  }

  /** Adds lines to the output; the style is worked out from each line unless given. */
  print(texts: readonly string[], style?: LineStyle): void {
    if (texts.length === 0) return;
    const added = texts.map((text) => ({ text, style: style ?? classifyLine(text) }));
    const first = this.nextLineId;
    this.nextLineId += added.length;
    this.update({ lines: appendLines(this.snapshot.lines, added, first) });
  }

  /**
   * A saved session came back (reload, link, crash recovery) before anything was typed here: its
   * commands become the ↑ history, and the output says what happened.
   */
  recallSession(lines: readonly string[]): void {
    if (this.history.entries.length > 0 || lines.length === 0) return;
    for (const line of lines) this.history = historyAdd(this.history, line);
    this.print(
      [
        `# session restored: ${lines.length} command${lines.length === 1 ? '' : 's'} replayed from its log (↑ recalls them)`,
      ],
      'hint',
    );
  }

  historyUp(current: string): string {
    const r = historyUp(this.history, current);
    this.history = r.state;
    return r.line;
  }

  historyDown(current: string): string {
    const r = historyDown(this.history, current);
    this.history = r.state;
    return r.line;
  }

  /** Tab: asks the engine for candidates; several are listed on one output line. */
  async complete(line: string, caret: number): Promise<CompletionOutcome> {
    const result = await this.engine.complete(line.slice(0, caret));
    const outcome = applyCompletion(line, caret, result);
    if (outcome.listing) this.print([outcome.listing.join('   ')], 'hint');
    return outcome;
  }

  private start(line: string, onDone?: LineDone): void {
    this.print([`${this.prompt.get()}$ ${line}`], 'echo');
    if (isClearLine(line)) {
      this.clear();
      onDone?.(0);
      this.drainQueue();
      return;
    }
    if (line.trim() !== '') this.ran.push(line);
    let handle;
    try {
      handle = this.engine.runCommand(line, (lines) => this.print(lines));
    } catch (e) {
      this.print([`internal error: ${e instanceof Error ? e.message : String(e)}`], 'error');
      onDone?.(1);
      return;
    }
    const { id } = handle;
    if (!isBackgroundLine(line)) this.update({ running: { id, line } });
    const finish = (): void => {
      if (this.snapshot.running?.id !== id) return;
      this.update({ running: undefined });
      this.drainQueue();
    };
    handle.done.then(
      ({ exitCode, prompt, logIndex }) => {
        this.prompt.set(promptName(prompt));
        finish();
        onDone?.(exitCode, logIndex);
      },
      (e: unknown) => {
        this.print([`internal error: ${e instanceof Error ? e.message : String(e)}`], 'error');
        finish();
        onDone?.(1);
      },
    );
  }

  private drainQueue(): void {
    while (this.snapshot.running === undefined && this.snapshot.queued.length > 0) {
      // Typed lines wait while someone holds a reservation; the holder's own lines do not.
      if (this.reservedAhead > 0) this.reservedAhead--;
      else if (this.reservations > 0) return;
      const [next, ...rest] = this.snapshot.queued;
      const done = this.queuedDone.shift();
      this.update({ queued: rest });
      this.start(next!, done);
    }
  }

  private update(change: Partial<ConsoleSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const l of this.listeners) l();
  }
}

const controllers = new WeakMap<EngineApi, ConsoleController>();

/** The session's console for an engine, wired to the UI store's prompt. */
export function consoleFor(engine: EngineApi): ConsoleController {
  let controller = controllers.get(engine);
  if (!controller) {
    controller = new ConsoleController(engine, {
      get: () => useUiStore.getState().prompt,
      set: (prompt) => useUiStore.getState().setPrompt(prompt),
    });
    controller.print(WELCOME, 'hint');
    controllers.set(engine, controller);
    const restored = controller;
    const recall = (view: SessionView | undefined): boolean => {
      if (!view || view.log.length === 0) return false;
      restored.recallSession(view.log.flatMap((e) => ('line' in e ? [e.line] : [])));
      return true;
    };
    // Rewinding, or switching to another timeline, can change the current client without any
    // command finishing: the prompt follows the world shown, as the frames report it.
    engine.onFrame((frame) => {
      const current = frame.clients?.find((c) => c.current)?.name;
      const ui = useUiStore.getState();
      if (current !== undefined && current !== ui.prompt) ui.setPrompt(current);
    });
    // The session may have arrived before the console first mounted, or may arrive just after.
    if (!recall(engine.sessionView())) {
      const off = engine.onSession((view) => {
        if (recall(view)) off();
      });
    }
  }
  return controller;
}
