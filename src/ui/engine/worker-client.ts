import type { SimEvent } from '../../engine';
import type { ClientState, MapFrame, RegionState } from '../../protocol/frame';
import {
  assertNever,
  type FromWorker,
  type Query,
  type RegionInfo,
  type ToWorker,
} from '../../protocol/messages';
import type { CommandHandle, EngineApi } from './api';

interface PendingCommand {
  readonly onOutput: (lines: readonly string[]) => void;
  readonly resolve: (v: { exitCode: number; prompt: string }) => void;
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

  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    worker.onerror = (e) => this.emitError(e.message || 'the engine worker failed');
  }

  /** Starts a world and the frame loop; resolves when the engine is ready. */
  start(seed: number, preset: 'demo' | 'empty'): Promise<void> {
    const ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
    this.send({ type: 'init', seed, preset });
    const loop = (): void => {
      if (!this.frameOutstanding) {
        this.frameOutstanding = true;
        this.send({ type: 'frameRequest' });
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

  dispose(): void {
    cancelAnimationFrame(this.rafHandle);
    this.worker.terminate();
  }

  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  runCommand(line: string, onOutput: (lines: readonly string[]) => void): CommandHandle {
    const id = this.nextId++;
    const done = new Promise<{ exitCode: number; prompt: string }>((resolve) =>
      this.commands.set(id, { onOutput, resolve }),
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
    this.send({ type: 'play' });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  setSpeed(speed: number): void {
    this.send({ type: 'setSpeed', speed });
  }

  advance(ms: number): void {
    this.send({ type: 'advance', ms });
  }

  selectRegistry(name: string): void {
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

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private emitError(message: string): void {
    for (const l of this.errorListeners) l(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.regions = message.regions;
        this.prompt = message.prompt;
        this.readyResolve?.();
        return;
      case 'output':
        this.commands.get(message.id)?.onOutput(message.lines);
        return;
      case 'commandDone': {
        const c = this.commands.get(message.id);
        c?.resolve({ exitCode: message.exitCode, prompt: message.prompt });
        // Background jobs keep streaming output under the same id after they are "done".
        return;
      }
      case 'frame': {
        this.frameOutstanding = false;
        const frame = message.frame;
        for (const r of frame.regions) this.regionStates.set(r.name, r);
        if (frame.clients) this.lastClients = frame.clients;
        this.lastFrame = frame;
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
        this.emitError(message.message);
        return;
      default:
        assertNever(message);
    }
  }
}
