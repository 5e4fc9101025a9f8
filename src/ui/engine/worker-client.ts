import type { SimEvent } from '../../engine';
import { formatClock } from '../../engine/units';
import type { ClientState, MapFrame, RegionState } from '../../protocol/frame';
import {
  assertNever,
  type FromWorker,
  type Query,
  type RegionInfo,
  type ToWorker,
} from '../../protocol/messages';
import type { CommandEnd, CommandHandle, EngineApi, SessionView } from './api';
import { SESSION_FORMAT, SESSION_VERSION, type Layout, type SessionDoc } from '../../session';
import type { SessionSync } from '../../protocol/messages';

/** A frame that has not come back for this long means the worker is stuck or gone. */
const WATCHDOG_MS = 45_000;
/** More restarts than this within a minute and the lab stops trying (the log itself may be the problem). */
const MAX_RESTARTS_PER_MINUTE = 2;
/** Background jobs kept listening after their `commandDone` (their output keeps coming): the newest ones. */
const MAX_BACKGROUND_JOBS = 64;

interface PendingCommand {
  readonly onOutput: (lines: readonly string[]) => void;
  readonly resolve: (v: CommandEnd) => void;
  /** A ` &` line: `commandDone` comes at once, and its output keeps coming under the same id. */
  readonly background: boolean;
  /** `commandDone` has arrived: no longer in flight. */
  done: boolean;
}

/** Whether a console line runs as a background job (ends in ` &`, as the console's language says). */
function isBackground(line: string): boolean {
  return /(^|\s)&$/.test(line.trim());
}

/**
 * The UI side of the worker protocol. It requests at most one map frame per animation frame and
 * only after the previous one arrived, so a slow engine can never flood the main thread.
 */
export class WorkerEngine implements EngineApi {
  regions: readonly RegionInfo[] = [];
  prompt = 'dev';
  private nextId = 1;
  private readonly commands = new Map<number, PendingCommand>();
  private readonly replies = new Map<number, (value: unknown) => void>();
  private readonly frameListeners = new Set<(f: MapFrame) => void>();
  private readonly eventListeners = new Set<(e: readonly SimEvent[]) => void>();
  private readonly errorListeners = new Set<(message: string) => void>();
  private frameOutstanding = false;
  /** Everything frames have said so far, so a late subscriber starts from the full picture. */
  private readonly regionStates = new Map<string, RegionState>();
  private lastClients: readonly ClientState[] = [];
  private lastFrame: MapFrame | undefined;
  private rafHandle = 0;
  private readyResolve: (() => void) | undefined;
  private worker: Worker;
  private session: SessionSync | undefined;
  /**
   * The log changed after the latest frame: the session's own cursor is the newer one until the
   * next frame (a command typed at the head has been applied; frames carry the cursor otherwise).
   */
  private sessionAfterFrame = false;
  private readonly sessionListeners = new Set<(s: SessionView) => void>();
  private readonly progressListeners = new Set<(fraction: number | undefined) => void>();
  private frameRequestedAt = 0;
  private readonly restarts: number[] = [];
  private stopped = false;
  /**
   * The clock and registry as the UI last set them or a frame last changed them (as the time
   * controls show them), to be put back in a restarted worker.
   */
  private readonly clock: { playing?: boolean; speed?: number; registry?: string } = {};
  /** What frames said last, so a frame still carrying an old value does not undo a newer choice. */
  private readonly framed: { playing?: boolean; speed?: number } = {};

  constructor(
    private readonly createWorker: () => Worker,
    private readonly wallNow: () => number = () => performance.now(),
  ) {
    this.worker = this.connect();
  }

  private connect(): Worker {
    const worker = this.createWorker();
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.recover(e.message || 'it stopped with an uncaught error');
    };
    worker.onmessageerror = () => this.recover('a message from it could not be read');
    return worker;
  }

  /** Starts a world (a new one, or a saved session replayed) and the frame loop; resolves when ready. */
  start(init: { seed: number; preset: 'demo' | 'empty' } | { doc: SessionDoc }): Promise<void> {
    const ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
    if ('doc' in init) this.send({ type: 'restore', doc: init.doc });
    else this.send({ type: 'init', seed: init.seed, preset: init.preset });
    const loop = (): void => {
      const now = this.wallNow();
      if (!this.frameOutstanding) {
        this.frameOutstanding = true;
        this.frameRequestedAt = now;
        this.send({ type: 'frameRequest' });
      } else if (now - this.frameRequestedAt > WATCHDOG_MS && document.visibilityState === 'visible') {
        this.recover(`it did not answer for ${Math.round(WATCHDOG_MS / 1000)} seconds`);
      }
      this.rafHandle = requestAnimationFrame(loop);
    };
    this.rafHandle = requestAnimationFrame(loop);
    return ready;
  }

  newSession(seed: number, preset: 'demo' | 'empty'): Promise<void> {
    const ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
    this.send({ type: 'init', seed, preset });
    return ready;
  }

  /** Replaces the session with a saved one (already validated); resolves when it is replayed. */
  restore(doc: SessionDoc): Promise<void> {
    const ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
    this.send({ type: 'restore', doc });
    return ready;
  }

  seek(t: number): void {
    this.send({ type: 'seek', t });
  }

  switchBranch(index: number): void {
    this.send({ type: 'switchBranch', index });
  }

  discardBranch(index: number): void {
    this.send({ type: 'discardBranch', index });
  }

  /** The session log as mirrored from the worker, with the latest frame's time. */
  sessionView(): SessionView | undefined {
    if (!this.session) return undefined;
    const frame = this.lastFrame;
    return {
      ...this.session,
      now: frame?.time ?? 0,
      head: Math.max(this.session.head, frame?.head ?? 0),
      origin: frame?.origin ?? this.session.origin,
      cursor: this.sessionAfterFrame ? this.session.cursor : (frame?.cursor ?? this.session.cursor),
    };
  }

  /** The whole session as a document to save, share or export, with the dashboard's layout. */
  sessionDoc(layout: Layout): SessionDoc | undefined {
    const view = this.sessionView();
    if (!view) return undefined;
    const head = Math.max(view.head, view.now);
    return {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      seed: view.seed,
      preset: view.preset,
      log: view.log.slice(),
      worldStart: view.worldStart,
      head,
      now: view.now,
      branches: view.branches.slice(),
      layout,
    };
  }

  onProgress(listener: (fraction: number | undefined) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Log changes (full or appended). Returns an unsubscribe function. */
  onSession(listener: (s: SessionView) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  dispose(): void {
    cancelAnimationFrame(this.rafHandle);
    this.worker.terminate();
  }

  /**
   * The worker crashed or hung: start a new one and replay the mirrored log, so the session comes
   * back exactly where the last frame showed it, with the clock playing or paused at the speed the
   * time controls show. Commands in flight end with a note (finished ones are long forgotten).
   */
  private recover(reason: string): void {
    if (this.stopped) return;
    const now = this.wallNow();
    while (this.restarts.length > 0 && now - this.restarts[0]! > 60_000) this.restarts.shift();
    const doc = this.sessionDoc({});
    this.worker.terminate();
    for (const c of this.commands.values()) {
      if (c.done) continue;
      c.onOutput(['# the engine restarted; this command was replayed from the log']);
      c.resolve({ exitCode: 1, prompt: this.prompt });
    }
    this.commands.clear();
    if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      this.stopped = true;
      this.emitError(
        `The engine stopped again (${reason}) and was not restarted a third time: the session itself may trigger it. Export the session from the Session menu, then reload the page.`,
      );
      return;
    }
    this.restarts.push(now);
    this.worker = this.connect();
    this.frameOutstanding = false;
    if (doc) this.send({ type: 'restore', doc });
    else this.send({ type: 'init', seed: 1, preset: 'demo' });
    // A new worker starts playing at its default speed: put back what the time controls show.
    const { playing, speed, registry } = this.clock;
    if (registry !== undefined) this.send({ type: 'selectRegistry', registry });
    if (speed !== undefined) this.send({ type: 'setSpeed', speed });
    if (playing !== undefined) this.send({ type: playing ? 'play' : 'pause' });
    this.emitError(
      `The engine stopped unexpectedly (${reason}). It was restarted and your session replayed from its log${doc ? ` (${doc.log.length} command${doc.log.length === 1 ? '' : 's'}, back to ${formatClock(doc.now)})` : ''}.`,
    );
  }

  private emitSession(): void {
    const view = this.sessionView();
    if (view) for (const l of this.sessionListeners) l(view);
  }

  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  runCommand(line: string, onOutput: (lines: readonly string[]) => void): CommandHandle {
    const id = this.nextId++;
    const done = new Promise<CommandEnd>((resolve) =>
      this.commands.set(id, { onOutput, resolve, background: isBackground(line), done: false }),
    );
    this.send({ type: 'command', id, line });
    return { id, done };
  }

  cancel(id: number): void {
    this.send({ type: 'cancel', id });
  }

  complete(line: string): Promise<{ candidates: readonly string[]; replaceFrom: number }> {
    const id = this.nextId++;
    const reply = new Promise((resolve) => this.replies.set(id, resolve));
    this.send({ type: 'complete', id, line });
    return reply as Promise<{ candidates: readonly string[]; replaceFrom: number }>;
  }

  query<T>(query: Query): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise((resolve) => this.replies.set(id, resolve));
    this.send({ type: 'query', id, query });
    return reply as Promise<T>;
  }

  play(): void {
    this.clock.playing = true;
    this.send({ type: 'play' });
  }

  pause(): void {
    this.clock.playing = false;
    this.send({ type: 'pause' });
  }

  setSpeed(speed: number): void {
    this.clock.speed = speed;
    this.send({ type: 'setSpeed', speed });
  }

  advance(ms: number): void {
    this.send({ type: 'advance', ms });
  }

  selectRegistry(name: string): void {
    this.clock.registry = name;
    this.send({ type: 'selectRegistry', registry: name });
  }

  onFrame(listener: (frame: MapFrame) => void): () => void {
    this.frameListeners.add(listener);
    // Frames carry only changes: give a new subscriber the whole current state first.
    if (this.lastFrame) {
      listener({
        ...this.lastFrame,
        regions: [...this.regionStates.values()],
        clients: this.lastClients,
        transfers: this.lastFrame.transfers.slice(),
      });
    }
    return () => this.frameListeners.delete(listener);
  }

  onEvents(listener: (events: readonly SimEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Forgets the oldest finished background jobs beyond {@link MAX_BACKGROUND_JOBS}. */
  private trimBackgroundJobs(): void {
    let excess = this.commands.size - MAX_BACKGROUND_JOBS;
    for (const [id, c] of this.commands) {
      if (excess <= 0) return;
      if (!c.done) continue;
      this.commands.delete(id);
      excess--;
    }
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private emitError(message: string): void {
    for (const l of this.errorListeners) l(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        for (const l of this.progressListeners) l(undefined);
        this.regions = message.regions;
        this.prompt = message.prompt;
        this.readyResolve?.();
        return;
      case 'output':
        this.commands.get(message.id)?.onOutput(message.lines);
        return;
      case 'commandDone': {
        const c = this.commands.get(message.id);
        if (!c) return;
        c.resolve({ exitCode: message.exitCode, prompt: message.prompt, logIndex: message.logIndex });
        c.done = true;
        // Background jobs keep streaming output under the same id after they are "done".
        if (c.background) this.trimBackgroundJobs();
        else this.commands.delete(message.id);
        return;
      }
      case 'frame': {
        this.frameOutstanding = false;
        const frame = message.frame;
        // `sim pause`, `sim speed` and the like change the clock from the console.
        if (frame.playing !== this.framed.playing) this.clock.playing = this.framed.playing = frame.playing;
        if (frame.speed !== this.framed.speed) this.clock.speed = this.framed.speed = frame.speed;
        for (const r of frame.regions) this.regionStates.set(r.name, r);
        if (frame.clients) this.lastClients = frame.clients;
        this.lastFrame = frame;
        this.sessionAfterFrame = false;
        for (const l of this.frameListeners) l(frame);
        return;
      }
      case 'queryResult':
      case 'completions': {
        const reply = this.replies.get(message.id);
        this.replies.delete(message.id);
        reply?.(
          message.type === 'queryResult'
            ? message.result
            : { candidates: message.candidates, replaceFrom: message.replaceFrom },
        );
        return;
      }
      case 'events':
        for (const l of this.eventListeners) l(message.events);
        return;
      case 'error':
        if (message.fatal) this.recover(`it failed: ${message.message}`);
        else this.emitError(message.message);
        return;
      case 'progress':
        // Replaying a long session answers frame requests with progress instead of frames.
        this.frameOutstanding = false;
        for (const l of this.progressListeners) l(message.fraction);
        return;
      case 'session':
        this.session = { ...message.session, log: message.session.log.slice() };
        this.sessionAfterFrame = true;
        this.emitSession();
        return;
      case 'logEntry': {
        const session = this.session;
        if (!session) return;
        const log = session.log as SessionSync['log'][number][];
        log.length = message.index;
        log.push(message.entry);
        this.session = { ...session, log, worldStart: message.worldStart, cursor: log.length };
        this.sessionAfterFrame = true;
        this.emitSession();
        return;
      }
      default:
        assertNever(message);
    }
  }
}
