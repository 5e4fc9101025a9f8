import { complete, createCommandTree, Session, type CommandTree, type RunningCommand } from '../commands';
import { REGIONS, type Registry, type SimEvent } from '../engine';
import type { MapFrame, RegionState } from '../protocol/frame';
import { assertNever, type FromWorker, type ToWorker } from '../protocol/messages';
import { clientStates, packTransfers, regionStates } from './map-state';
import { answerQuery, regionInfo } from './queries';
import { clusterStates } from './cluster-state';
import { SeriesStore } from './series';

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
  /** The session's timed command log: enough, with the seed, to rebuild it exactly. */
  readonly commandLog: Array<{ readonly t: number; readonly line: string }> = [];

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
        this.session = new Session({ seed: message.seed, tree: this.tree });
        if (message.preset === 'demo') this.session.loadDemo();
        this.resetViews();
        this.post({
          type: 'ready',
          prompt: this.session.clientName,
          regions: REGIONS.map((r) => regionInfo(r.name)!),
        });
        return;
      case 'command':
        this.runCommand(message.id, message.line);
        return;
      case 'cancel': {
        const fg = this.commands.get(message.id);
        fg?.running.cancel();
        this.flushCommands();
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
        this.frame();
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
    this.commandLog.length = 0;
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

  private runCommand(id: number, line: string): void {
    const buffer: string[] = [];
    const simBefore = this.sim;
    this.commandLog.push({ t: this.sim.now, line });
    const running = this.session.start(line.slice(0, 8_192), (l) => buffer.push(l));
    if (this.sim !== simBefore) this.resetViewsKeepingLog();
    this.commands.set(id, { running, buffer, doneSent: false });
    this.flushCommands();
  }

  /** After `sim preset` or `sim seed` replaced the world, every view starts over. */
  private resetViewsKeepingLog(): void {
    this.eventsSent = 0;
    this.lastRegions.clear();
    this.lastClients = '';
    this.lastClusters = '';
  }

  private advanceBy(ms: number): void {
    try {
      this.sim.scheduler.runUntil(this.sim.now + ms);
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
    // Paused time still lets a typed command finish, so the presenter is never stuck.
    if (elapsed > 0 && (this.session.playing || this.foregroundRunning()))
      this.advanceBy(elapsed * this.session.speed);
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
    };
    this.post({ type: 'frame', frame }, [transfers.buffer]);
  }

  private flushEvents(): void {
    const events = this.sim.log.events;
    if (this.eventsSent >= events.length) return;
    const batch: SimEvent[] = events.slice(this.eventsSent, this.eventsSent + MAX_EVENTS_PER_MESSAGE);
    this.eventsSent += batch.length;
    this.post({ type: 'events', events: batch, total: events.length });
  }
}
