import { complete, createCommandTree, Session, type CommandTree, type RunningCommand } from '../commands';
import { REGIONS, type Registry, type SimEvent } from '../engine';
import type { MapFrame, RegionState } from '../protocol/frame';
import { assertNever, type FromWorker, type ToWorker } from '../protocol/messages';
import { clientStates, packTransfers, regionStates } from './map-state';
import { answerQuery, regionInfo } from './queries';
import { clusterStates } from './cluster-state';
import { SeriesStore } from './series';
import { SessionLog } from './session-log';
import { Checkpoints, type Spare } from './checkpoints';
import type { SessionDoc } from '../session';

/** Wall time per frame given to building checkpoint worlds in the background. */
const SPARE_BUDGET_MS = 4;
/** Wall time per frame request given to replaying a long saved session (with progress shown). */
const RESTORE_SLICE_MS = 60;
/** Simulated time replayed between wall-clock checks while building a checkpoint. */
const SPARE_SLICE_MS = 60_000;

/** Longest console line kept in the log (the session format's bound). */
const LINE_LIMIT = 8_192;

/** A command that ended before it began (refused), in the shape the console waits on. */
function finishedCommand(line: string, exitCode: number): RunningCommand {
  return {
    line,
    background: false,
    job: undefined,
    exitCode,
    task: undefined,
    output: [],
    cancel: () => undefined,
  };
}

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/** Longest wall-clock gap one frame may cover, so a backgrounded tab does not jump hours ahead. */
const MAX_FRAME_WALL_MS = 250;
/** Events per `events` message; more wait for the next frame (keeps messages small). */
const MAX_EVENTS_PER_MESSAGE = 200;
export const MIN_SPEED = 1;
export const MAX_SPEED = 36_000;

interface Foreground {
  readonly running: RunningCommand;
  readonly buffer: string[];
  doneSent: boolean;
}

/**
 * Hosts the engine and the console session for the dashboard. It advances simulated time by
 * speed × wall time when asked for a frame, streams command output, and answers queries. It is
 * plain TypeScript with the wall clock passed in, so it runs in a Worker and in Node tests alike.
 */
export class EngineHost {
  private readonly tree: CommandTree = createCommandTree();
  private session: Session;
  private lastWall: number | undefined;
  private readonly commands = new Map<number, Foreground>();
  private eventsSent = 0;
  private registryName: string | undefined;
  private lastRegions = new Map<string, string>();
  private lastClients = '';
  private lastClusters = '';
  /** Per-replica per-minute request, 429 and lag series, following the engine's event log. */
  private readonly series = new SeriesStore();
  /** The simulation the series follow (a preset or seed command replaces it). */
  private seriesSim: unknown;
  /** The seed and starting world of the session: with the log, enough to rebuild it exactly. */
  private seed = 1;
  private preset: 'demo' | 'empty' = 'empty';
  /** The timed command log and its time-travel state (see {@link SessionLog}). */
  readonly timeline = new SessionLog();
  /** Commands started from the log (live or replayed) that may still be running, by log index. */
  private running = new Map<number, RunningCommand>();
  /** Spare worlds at checkpoint times, so rewinding replays only from the nearest one. */
  readonly checkpoints = new Checkpoints();
  /** Set once the presenter rewinds: only then are checkpoints worth their memory and time. */
  private rewound = false;
  /** Set while a checkpoint world is being replayed in place of the live one. */
  private building = false;
  /** A saved session being replayed in slices (long sessions), and where its last world starts. */
  private restoring: { spare: Spare; lastWorld: number } | undefined;
  /** Log index of each live console command, by the UI's command id (for Ctrl+C). */
  private readonly logIndexById = new Map<number, number>();
  /** How much of the log the UI has been sent, and the revision it was sent at. */
  private syncedLength = 0;
  private syncedRevision = -1;

  constructor(
    private readonly post: Post,
    private readonly wallNow: () => number,
  ) {
    this.session = new Session({ seed: 1, tree: this.tree });
  }

  get sim() {
    return this.session.sim;
  }

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'init':
        this.restoring = undefined;
        this.seed = message.seed;
        this.preset = message.preset;
        this.timeline.reset();
        this.checkpoints.drop();
        this.rewound = false;
        this.rebuild(0);
        this.postReady();
        return;
      case 'restore':
        this.restore(message.doc);
        return;
      case 'seek':
        if (Number.isFinite(message.t) && !this.restoring) this.seek(message.t);
        return;
      case 'switchBranch': {
        const at = this.timeline.switchTo(message.index);
        if (at !== undefined) {
          this.checkpoints.drop(at);
          this.rebuild(at);
        }
        this.syncLog();
        return;
      }
      case 'discardBranch':
        this.timeline.discard(message.index);
        this.syncLog();
        return;
      case 'command':
        if (this.restoring)
          this.refuse(
            message.id,
            message.line,
            '# the session is still being replayed; try again in a moment',
          );
        else this.runCommand(message.id, message.line);
        return;
      case 'cancel': {
        const fg = this.commands.get(message.id);
        const index = this.logIndexById.get(message.id);
        if (fg && fg.running.exitCode === undefined && index !== undefined && !this.timeline.full) {
          this.timeline.append({ t: this.sim.now, cancel: index });
          fg.running.cancel();
        }
        this.flushCommands();
        this.syncLog();
        return;
      }
      case 'setSpeed':
        this.session.speed = Math.min(
          MAX_SPEED,
          Math.max(MIN_SPEED, Number.isFinite(message.speed) ? message.speed : 1),
        );
        return;
      case 'play':
        this.session.playing = true;
        return;
      case 'pause':
        this.session.playing = false;
        return;
      case 'advance':
        if (Number.isFinite(message.ms) && message.ms > 0 && message.ms <= 30 * 86_400_000)
          this.advanceBy(message.ms);
        this.flushCommands();
        return;
      case 'frameRequest':
        if (this.restoring) this.continueRestore();
        else this.frame();
        return;
      case 'query':
        this.post({
          type: 'queryResult',
          id: message.id,
          result: answerQuery(
            this.sim,
            this.registry()?.name,
            message.query,
            this.followedSeries(),
            this.session.identity,
          ),
        });
        return;
      case 'complete': {
        const c = complete(this.tree, this.session, message.line.slice(0, 2_000));
        this.post({
          type: 'completions',
          id: message.id,
          candidates: c.candidates.slice(0, 100),
          replaceFrom: c.replaceFrom,
        });
        return;
      }
      case 'selectRegistry':
        this.registryName = message.registry;
        this.lastRegions.clear();
        return;
      default:
        assertNever(message);
    }
  }

  /** The series store, following the current simulation's log. */
  private followedSeries(): SeriesStore {
    if (this.seriesSim !== this.sim) {
      this.seriesSim = this.sim;
      this.series.attach(this.sim.log);
    }
    return this.series;
  }

  private resetViews(): void {
    this.commands.clear();
    this.eventsSent = 0;
    this.lastRegions.clear();
    this.lastClients = '';
    this.lastClusters = '';
    this.lastWall = undefined;
  }

  /** The registry the map shows: the selected one, else the first. */
  private registry(): Registry | undefined {
    const sim = this.sim;
    if (this.registryName) {
      const r = sim.registries.get(this.registryName.toLowerCase());
      if (r) return r;
    }
    return sim.registries.values().next().value;
  }

  private postReady(): void {
    this.post({
      type: 'ready',
      prompt: this.session.clientName,
      regions: REGIONS.map((r) => regionInfo(r.name)!),
    });
    this.syncLog(true);
  }

  /** Answers a console line that cannot run now, with one line saying why. */
  private refuse(id: number, line: string, why: string): void {
    this.commands.set(id, { running: finishedCommand(line, 1), buffer: [why], doneSent: false });
    this.flushCommands();
  }

  private runCommand(id: number, line: string): void {
    const buffer: string[] = [];
    if (this.timeline.full) {
      this.refuse(
        id,
        line,
        `# this session has reached its limit of ${this.timeline.log.length} commands; export it, then start a new one`,
      );
      return;
    }
    // Typing while a recorded future lies ahead forks the session here; the old future is kept.
    if (this.timeline.reviewing || this.sim.now < this.timeline.head) {
      this.timeline.fork(this.sim.now);
      this.checkpoints.drop(this.sim.now);
    }
    const index = this.timeline.append({ t: this.sim.now, line: line.slice(0, LINE_LIMIT) });
    this.logIndexById.set(id, index);
    const running = this.apply(index, (l) => buffer.push(l));
    this.timeline.head = Math.max(this.timeline.head, this.sim.now);
    this.commands.set(id, { running: running ?? finishedCommand(line, 0), buffer, doneSent: false });
    this.flushCommands();
    this.syncLog();
  }

  /**
   * Applies log entry `index` to the world now: starts its command (or cancels the command it
   * names). The live console and every replay go through here, so they cannot differ.
   */
  private apply(index: number, sink: (line: string) => void): RunningCommand | undefined {
    const entry = this.timeline.log[index]!;
    if ('cancel' in entry) {
      this.running.get(entry.cancel)?.cancel();
      return undefined;
    }
    const simBefore = this.sim;
    const running = this.session.start(entry.line, sink);
    if (this.sim !== simBefore) {
      // `sim seed` or `sim preset` replaced the world: its timeline starts here.
      this.timeline.worldStart = index + 1;
      this.timeline.origin = this.sim.now;
      if (!this.building) {
        this.timeline.head = this.sim.now;
        this.checkpoints.drop();
        this.resetViewsKeepingLog();
      }
    }
    if (running.exitCode === undefined) this.running.set(index, running);
    if (this.running.size > 256)
      for (const [i, r] of this.running) if (r.exitCode !== undefined) this.running.delete(i);
    return running;
  }

  /**
   * Rebuilds the world from the seed and the log up to simulated time `target` of the last world:
   * every entry of earlier worlds, then the last world's entries at or before `target`. Commands
   * the console was waiting for are ended (their world is gone).
   */
  private rebuild(target: number): void {
    const { speed, playing } = this.session;
    this.interruptConsole();
    const lastWorld = this.timeline.worldStart;
    const head = this.timeline.head;
    const spare = this.checkpoints.take(target) ?? this.freshSpare(-Infinity);
    this.session = spare.session;
    this.running = spare.running;
    this.timeline.cursor = spare.cursor;
    this.timeline.worldStart = spare.worldStart;
    this.timeline.origin = spare.origin;
    this.session.speed = speed;
    this.session.playing = playing;
    this.resetViews();
    this.replayTo(target, lastWorld);
    this.timeline.head = Math.max(head, this.sim.now);
    this.resetViewsKeepingLog();
    // The UI refetches everything on the `session` message; old events need not be resent.
    this.eventsSent = this.sim.log.events.length;
  }

  /**
   * Applies recorded entries as time moves on to `target`: each at its own time, so the world is
   * exactly the one the live session had. Entries of worlds before `lastWorld` are all applied.
   */
  private replayTo(target: number, lastWorld = this.timeline.worldStart, outOfTime?: () => boolean): boolean {
    const { log } = this.timeline;
    const quiet = (): void => undefined;
    /** Runs the world to `t`, in slices when there is a wall-clock budget; false when it ran out. */
    const runTo = (t: number): boolean => {
      while (t > this.sim.now) {
        this.sim.scheduler.runUntil(outOfTime ? Math.min(t, this.sim.now + SPARE_SLICE_MS) : t);
        if (outOfTime?.() && t > this.sim.now) return false;
      }
      return true;
    };
    try {
      while (this.timeline.cursor < log.length) {
        const index = this.timeline.cursor;
        const entry = log[index]!;
        if (index >= lastWorld && entry.t > target) break;
        if (!runTo(entry.t)) return false;
        this.timeline.cursor++;
        this.apply(index, quiet);
        if (outOfTime?.()) return false;
      }
      return runTo(target);
    } catch (e) {
      this.post({
        type: 'error',
        message: `internal error while replaying the session: ${e instanceof Error ? e.message : String(e)}`,
      });
      return true;
    }
  }

  /** A world at the session's start, to be replayed up to `time`. */
  private freshSpare(time: number): Spare {
    const session = new Session({ seed: this.seed, tree: this.tree });
    if (this.preset === 'demo') session.loadDemo();
    return { time, session, running: new Map(), cursor: 0, worldStart: 0, origin: session.sim.now };
  }

  /**
   * Spends a few milliseconds of an idle frame building the next checkpoint world. It swaps the
   * spare in as the world, replays, and swaps the live world back, so replay has one code path.
   */
  private buildCheckpoints(): void {
    if (!this.rewound) return;
    const t = this.timeline;
    if (!this.checkpoints.building) {
      const time = this.checkpoints.nextTime(t.origin, t.head);
      if (time === undefined) return;
      this.checkpoints.building = this.freshSpare(time);
    }
    const spare = this.checkpoints.building;
    if (this.advanceSpare(spare, t.worldStart, SPARE_BUDGET_MS)) {
      this.checkpoints.building = undefined;
      this.checkpoints.add(spare);
      this.checkpoints.trim(t.origin, t.head);
    }
  }

  /**
   * Replays a spare world toward its time for at most `budgetMs` of wall time; true once it is
   * there. The spare is swapped in as the world while it replays, so replay has one code path.
   */
  private advanceSpare(spare: Spare, lastWorld: number, budgetMs: number): boolean {
    const t = this.timeline;
    const live = {
      session: this.session,
      running: this.running,
      cursor: t.cursor,
      worldStart: t.worldStart,
      origin: t.origin,
    };
    const deadline = this.wallNow() + budgetMs;
    this.session = spare.session;
    this.running = spare.running;
    t.cursor = spare.cursor;
    t.worldStart = spare.worldStart;
    t.origin = spare.origin;
    this.building = true;
    let done: boolean;
    try {
      done = this.replayTo(spare.time, lastWorld, () => this.wallNow() >= deadline);
    } finally {
      spare.cursor = t.cursor;
      spare.worldStart = t.worldStart;
      spare.origin = t.origin;
      this.session = live.session;
      this.running = live.running;
      t.cursor = live.cursor;
      t.worldStart = live.worldStart;
      t.origin = live.origin;
      this.building = false;
    }
    return done;
  }

  /** Moves to time `t` of the last world: forward through the recorded future, or rebuilt from the log. */
  private seek(t: number): void {
    this.rewound = true;
    const target = Math.max(0, Math.min(t, this.timeline.head));
    if (target >= this.sim.now) this.replayTo(target);
    else this.rebuild(target);
    this.flushCommands();
    this.syncLog(true);
  }

  /**
   * Starts replaying a saved session. Small sessions are ready at once; a long one replays in
   * slices on the following frame requests, which answer with `progress` until it is `ready`.
   */
  private restore(doc: SessionDoc): void {
    this.seed = doc.seed;
    this.preset = doc.preset;
    this.timeline.reset();
    this.checkpoints.drop();
    this.rewound = false;
    this.interruptConsole();
    this.timeline.log = doc.log.slice();
    this.timeline.branches = doc.branches.slice();
    this.timeline.worldStart = this.lastWorldStart(doc);
    this.timeline.head = doc.head;
    this.restoring = { spare: this.freshSpare(doc.now), lastWorld: this.timeline.worldStart };
    this.continueRestore();
  }

  private continueRestore(): void {
    const r = this.restoring!;
    if (!this.advanceSpare(r.spare, r.lastWorld, RESTORE_SLICE_MS)) {
      const sim = r.spare.session.sim;
      const inLastWorld = r.spare.cursor >= r.lastWorld;
      const span = r.spare.time - r.spare.origin;
      const fraction = inLastWorld && span > 0 ? (sim.now - r.spare.origin) / span : 0;
      this.post({ type: 'progress', fraction: Math.min(0.99, Math.max(0, fraction)) });
      return;
    }
    this.restoring = undefined;
    // The replayed world becomes the live one (rebuild takes it as a checkpoint at the target).
    this.checkpoints.add(r.spare);
    this.rebuild(r.spare.time);
    this.postReady();
  }

  /** Where the document says its last world starts (re-derived on replay; only bounds it here). */
  private lastWorldStart(doc: SessionDoc): number {
    return Math.min(doc.worldStart, doc.log.length);
  }

  /** Ends the commands the console is waiting for: the world they ran in is being replaced. */
  private interruptConsole(): void {
    for (const [id, fg] of this.commands) {
      if (fg.doneSent) continue;
      fg.buffer.push('# stopped: the timeline moved, so this command no longer runs here');
      fg.doneSent = true;
      this.post({ type: 'output', id, lines: fg.buffer.splice(0, fg.buffer.length) });
      this.post({ type: 'commandDone', id, exitCode: 130, prompt: this.session.clientName });
    }
    this.commands.clear();
    this.logIndexById.clear();
  }

  /** Tells the UI what changed in the log: appended entries one by one, anything else in full. */
  private syncLog(full = false): void {
    const t = this.timeline;
    const onlyAppended =
      !full &&
      this.syncedLength <= t.log.length &&
      t.revision - this.syncedRevision === t.log.length - this.syncedLength;
    if (onlyAppended) {
      for (let i = this.syncedLength; i < t.log.length; i++)
        this.post({ type: 'logEntry', index: i, entry: t.log[i]!, worldStart: t.worldStart });
    } else if (full || t.revision !== this.syncedRevision) {
      this.post({
        type: 'session',
        session: {
          seed: this.seed,
          preset: this.preset,
          log: t.log,
          worldStart: t.worldStart,
          head: t.head,
          origin: t.origin,
          cursor: t.cursor,
          branches: t.branches,
        },
      });
    }
    this.syncedLength = t.log.length;
    this.syncedRevision = t.revision;
  }

  /** After `sim preset` or `sim seed` replaced the world, every view starts over. */
  private resetViewsKeepingLog(): void {
    this.eventsSent = 0;
    this.lastRegions.clear();
    this.lastClients = '';
    this.lastClusters = '';
  }

  /**
   * While paused, runs the world only until the foreground command finishes (at most `ms`), so
   * the clock stops where the command ended — as in the headless runner — instead of wherever
   * the frame happened to end. Everything else due at that same instant runs too, which keeps
   * the live world identical to a replay of the log.
   */
  private finishForeground(ms: number): void {
    if (this.timeline.reviewing) {
      this.advanceBy(ms);
      return;
    }
    try {
      const scheduler = this.sim.scheduler;
      scheduler.runWhile(() => !this.foregroundRunning(), scheduler.now + ms);
      scheduler.runUntil(scheduler.now);
      this.timeline.head = Math.max(this.timeline.head, this.sim.now);
    } catch (e) {
      this.post({
        type: 'error',
        message: `internal error while advancing time: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }

  private advanceBy(ms: number): void {
    try {
      const world = this.sim;
      if (this.timeline.reviewing) this.replayTo(this.sim.now + ms);
      else this.sim.scheduler.runUntil(this.sim.now + ms);
      if (this.sim === world) this.timeline.head = Math.max(this.timeline.head, this.sim.now);
    } catch (e) {
      this.post({
        type: 'error',
        message: `internal error while advancing time: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }

  /**
   * Sends buffered output, and `commandDone` once per command: when it finishes, or at once for a
   * background job (whose later output keeps arriving under the same id).
   */
  private flushCommands(): void {
    for (const [id, fg] of this.commands) {
      if (fg.buffer.length > 0)
        this.post({ type: 'output', id, lines: fg.buffer.splice(0, fg.buffer.length) });
      const finished = fg.running.exitCode !== undefined;
      if (!fg.doneSent && (finished || fg.running.background)) {
        fg.doneSent = true;
        this.post({
          type: 'commandDone',
          id,
          exitCode: fg.running.exitCode ?? 0,
          prompt: this.session.clientName,
        });
      }
      if (finished) this.commands.delete(id);
    }
  }

  private foregroundRunning(): boolean {
    for (const fg of this.commands.values())
      if (!fg.running.background && fg.running.exitCode === undefined) return true;
    return false;
  }

  /** One animation frame: advance time, then send output, events and what changed on the map. */
  private frame(): void {
    const wall = this.wallNow();
    const elapsed =
      this.lastWall === undefined ? 0 : Math.min(MAX_FRAME_WALL_MS, Math.max(0, wall - this.lastWall));
    this.lastWall = wall;
    if (elapsed > 0) {
      if (this.session.playing) this.advanceBy(elapsed * this.session.speed);
      // Paused time still lets a typed command finish, so the presenter is never stuck.
      else if (this.foregroundRunning()) this.finishForeground(elapsed * this.session.speed);
    }
    this.flushCommands();
    this.flushEvents();
    const registry = this.registry();
    const regions: RegionState[] = [];
    for (const state of regionStates(this.sim, registry)) {
      const key = JSON.stringify(state);
      if (this.lastRegions.get(state.name) !== key) {
        this.lastRegions.set(state.name, key);
        regions.push(state);
      }
    }
    const clients = clientStates(this.sim, registry, this.session.clientName);
    const clientsKey = JSON.stringify(clients);
    const clientsChanged = clientsKey !== this.lastClients;
    this.lastClients = clientsKey;
    const clusters = clusterStates(this.sim, registry);
    const clustersKey = JSON.stringify(clusters);
    const clustersChanged = clustersKey !== this.lastClusters;
    this.lastClusters = clustersKey;
    const transfers = packTransfers(this.sim);
    const frame: MapFrame = {
      time: this.sim.now,
      speed: this.session.speed,
      playing: this.session.playing,
      registry: registry?.name,
      regions,
      clients: clientsChanged ? clients : undefined,
      ...(clustersChanged ? { clusters } : {}),
      transfers,
      head: this.timeline.head,
      origin: this.timeline.origin,
      cursor: this.timeline.cursor,
    };
    this.post({ type: 'frame', frame }, [transfers.buffer]);
    this.buildCheckpoints();
  }

  private flushEvents(): void {
    const events = this.sim.log.events;
    if (this.eventsSent >= events.length) return;
    const batch: SimEvent[] = events.slice(this.eventsSent, this.eventsSent + MAX_EVENTS_PER_MESSAGE);
    this.eventsSent += batch.length;
    this.post({ type: 'events', events: batch, total: events.length });
  }
}
