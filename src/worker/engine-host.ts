import { complete, createCommandTree, type CommandTree, type RunningCommand } from '../commands';
import { REGIONS, type Registry, type SimEvent } from '../engine';
import type { MapFrame, RegionState } from '../protocol/frame';
import { assertNever, type FromWorker, type ToWorker } from '../protocol/messages';
import { clientStates, packTransfers, regionStates } from './map-state';
import { answerQuery, regionInfo } from './queries';
import { clusterStates } from './cluster-state';
import { SeriesStore } from './series';
import { TimeMachine } from './time-machine';
import type { SessionDoc } from '../session';

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
  /** Log index of each live console command, by the UI's command id (for Ctrl+C). */
  private readonly logIndexById = new Map<number, number>();
  /** How much of the log the UI has been sent, and the revision it was sent at. */
  private syncedLength = 0;
  private syncedRevision = -1;

  /** The world, the timed command log and time travel (see {@link TimeMachine}). */
  readonly machine: TimeMachine;

  constructor(
    private readonly post: Post,
    private readonly wallNow: () => number,
  ) {
    this.machine = new TimeMachine(this.tree, wallNow, {
      worldReplaced: () => this.resetViewsKeepingLog(),
      error: (message) => this.post({ type: 'error', message }),
    });
  }

  get sim() {
    return this.machine.sim;
  }

  private get session() {
    return this.machine.session;
  }

  /** The timed command log and its time-travel state. */
  get timeline() {
    return this.machine.timeline;
  }

  get checkpoints() {
    return this.machine.checkpoints;
  }

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'init':
        this.machine.start(message.seed, message.preset);
        this.afterRebuild();
        this.postReady();
        return;
      case 'restore':
        this.restore(message.doc);
        return;
      case 'seek':
        if (Number.isFinite(message.t) && !this.machine.isRestoring) {
          if (this.machine.seek(message.t)) this.afterRebuild();
          this.flushCommands();
          this.syncLog(true);
        }
        return;
      case 'switchBranch':
        if (this.machine.switchBranch(message.index)) this.afterRebuild();
        this.syncLog();
        return;
      case 'discardBranch':
        this.timeline.discard(message.index);
        this.syncLog();
        return;
      case 'command':
        if (this.machine.isRestoring)
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
        if (this.machine.isRestoring) this.continueRestore();
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
    this.machine.forkIfInPast();
    const index = this.timeline.append({ t: this.sim.now, line: line.slice(0, LINE_LIMIT) });
    this.logIndexById.set(id, index);
    const running = this.machine.apply(index, (l) => buffer.push(l), true);
    this.timeline.head = Math.max(this.timeline.head, this.sim.now);
    this.commands.set(id, { running: running ?? finishedCommand(line, 0), buffer, doneSent: false });
    // The log entry first: whoever hears that the command is done can find its line in the log.
    this.syncLog();
    this.flushCommands();
  }

  /** After the world was rebuilt: the console's commands end, and every view starts over. */
  private afterRebuild(): void {
    this.interruptConsole();
    this.resetViews();
    // The UI refetches everything on the `session` message; old events need not be resent.
    this.eventsSent = this.sim.log.length;
  }

  /**
   * Starts replaying a saved session. Small sessions are ready at once; a long one replays in
   * slices on the following frame requests, which answer with `progress` until it is `ready`.
   */
  private restore(doc: SessionDoc): void {
    this.interruptConsole();
    this.machine.beginRestore(doc);
    this.continueRestore();
  }

  private continueRestore(): void {
    const step = this.machine.continueRestore();
    if (!step.done) {
      this.post({ type: 'progress', fraction: step.fraction });
      return;
    }
    this.afterRebuild();
    this.postReady();
  }

  /** Ends the commands the console is waiting for: the world they ran in is being replaced. */
  private interruptConsole(): void {
    for (const [id, fg] of this.commands) {
      if (fg.doneSent) continue;
      fg.buffer.push('# stopped: the timeline moved, so this command no longer runs here');
      fg.doneSent = true;
      this.post({ type: 'output', id, lines: fg.buffer.splice(0, fg.buffer.length) });
      this.post({
        type: 'commandDone',
        id,
        exitCode: 130,
        prompt: this.session.clientName,
        logIndex: this.logIndexById.get(id),
      });
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
          seed: this.machine.seed,
          preset: this.machine.preset,
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
      if (this.timeline.reviewing) this.machine.replayTo(this.sim.now + ms);
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
          logIndex: this.logIndexById.get(id),
        });
      }
      if (finished) {
        this.commands.delete(id);
        this.logIndexById.delete(id);
      }
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
    this.machine.buildCheckpoints();
  }

  private flushEvents(): void {
    const log = this.sim.log;
    if (this.eventsSent >= log.length) return;
    const batch: SimEvent[] = log.slice(this.eventsSent, this.eventsSent + MAX_EVENTS_PER_MESSAGE);
    this.eventsSent += batch.length;
    this.post({ type: 'events', events: batch, total: log.length });
  }
}
