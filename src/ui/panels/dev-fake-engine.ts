/**
 * A stand-in for the engine worker, for the panels' dev page only: it runs the real console
 * language and simulation on the main thread and advances simulated time on animation frames.
 * It answers just enough of EngineApi for the console, time controls and event log.
 */
import { complete, createCommandTree, Session, type RunningCommand } from '../../commands';
import { REGIONS, type EventLog, type SimEvent } from '../../engine';
import type { MapFrame } from '../../protocol/frame';
import { toRegionInfo, type Query, type RegionInfo } from '../../protocol/messages';
import type { CommandHandle, EngineApi } from '../engine/api';
import { eventRegion } from './event-families';

interface LiveCommand {
  readonly running: RunningCommand;
  readonly onOutput: (lines: readonly string[]) => void;
  readonly buffer: string[];
  resolve: ((v: { exitCode: number; prompt: string }) => void) | undefined;
}

/** Longest wall-clock step simulated at once, so a stalled tab does not jump hours. */
const MAX_STEP_MS = 250;

export interface FakeEngine extends EngineApi {
  dispose(): void;
}

export function createFakeEngine(seed = 1): FakeEngine {
  const tree = createCommandTree();
  const session = new Session({ seed, tree });
  session.loadDemo();
  let playing = true;
  let speed = 60;
  let log: EventLog = session.sim.log;
  let seenEvents = log.length;
  let nextId = 1;
  const live = new Map<number, LiveCommand>();
  const frameListeners = new Set<(f: MapFrame) => void>();
  const eventListeners = new Set<(e: readonly SimEvent[]) => void>();

  const flush = (): void => {
    for (const [id, cmd] of live) {
      if (cmd.buffer.length > 0) cmd.onOutput(cmd.buffer.splice(0));
      const finished = cmd.running.exitCode !== undefined;
      if (cmd.resolve && (finished || cmd.running.background)) {
        cmd.resolve({ exitCode: cmd.running.exitCode ?? 0, prompt: session.clientName });
        cmd.resolve = undefined;
      }
      if (finished) live.delete(id);
    }
    if (session.sim.log !== log) {
      log = session.sim.log; // `sim preset demo` or `sim seed` replaced the world
      seenEvents = 0;
    }
    if (log.length > seenEvents) {
      const fresh = log.slice(Math.max(seenEvents, log.length - 500));
      seenEvents = log.length;
      for (const l of eventListeners) l(fresh);
    }
    const frame: MapFrame = {
      time: session.sim.now,
      head: session.sim.now,
      origin: 0,
      cursor: 0,
      speed,
      playing,
      registry: 'myregistry',
      regions: [],
      clients: undefined,
      transfers: new Float64Array(0),
    };
    for (const l of frameListeners) l(frame);
  };

  let last = performance.now();
  let raf = requestAnimationFrame(function tick(now) {
    const wall = Math.min(MAX_STEP_MS, now - last);
    last = now;
    if (playing && wall > 0) session.sim.advance(wall * speed);
    flush();
    raf = requestAnimationFrame(tick);
  });

  const regions: RegionInfo[] = REGIONS.map(toRegionInfo);

  const events = (q: Extract<Query, { kind: 'events' }>): SimEvent[] => {
    const out: SimEvent[] = [];
    for (let i = log.length - 1; i >= 0 && out.length < q.limit; i--) {
      const e = log.at(i)!;
      if (q.kinds && !q.kinds.includes(e.kind)) continue;
      if (q.region !== undefined && eventRegion(e) !== q.region) continue;
      out.push(e);
    }
    return out;
  };

  return {
    regions,
    prompt: 'local',
    runCommand(line, onOutput): CommandHandle {
      const id = nextId++;
      const buffer: string[] = [];
      let resolve: LiveCommand['resolve'];
      const done = new Promise<{ exitCode: number; prompt: string }>((r) => (resolve = r));
      const running = session.start(line, (l) => buffer.push(l));
      live.set(id, { running, onOutput, buffer, resolve });
      flush();
      return { id, done };
    },
    restore: () => Promise.reject(new Error('the dev engine does not restore sessions')),
    seek: () => undefined,
    switchBranch: () => undefined,
    discardBranch: () => undefined,
    sessionView: () => undefined,
    sessionDoc: () => undefined,
    onSession: () => () => undefined,
    onProgress: () => () => undefined,
    newSession(newSeed, preset) {
      session.reset(newSeed);
      if (preset === 'demo') session.loadDemo();
      return Promise.resolve();
    },
    cancel(id) {
      const cmd = live.get(id);
      if (!cmd) return;
      cmd.running.cancel();
      flush();
    },
    complete: async (line) => complete(tree, session, line),
    query: async <T>(q: Query): Promise<T> => (q.kind === 'events' ? events(q) : []) as T,
    play: () => void (playing = true),
    pause: () => void (playing = false),
    setSpeed: (s) => void (speed = s),
    advance(ms) {
      session.sim.advance(ms);
      flush();
    },
    selectRegistry: () => undefined,
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    dispose: () => cancelAnimationFrame(raf),
  };
}
