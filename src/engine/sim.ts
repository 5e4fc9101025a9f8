import { removeAt, truncate } from './arrays';
import { Config } from './config';
import { EventLog, type SimEvent, type SimEventBody } from './events';
import type { Flow, SharedLink } from './link';
import type { Process, Task, Wait } from './process';
import { Rng } from './rng';
import { Scheduler } from './scheduler';
import { TransferTable } from './transfers';
import type { Client } from './client';
import type { Cluster } from './cluster';
import type { LoadGenerator } from './load';
import type { Registry } from './registry';
import type { RegionName, SimTimeMs } from './types';

/** A transfer in flight, published for renderers: they interpolate from these fields alone. */
export interface Transfer {
  readonly id: number;
  readonly kind: 'replication' | 'sync' | 'upload' | 'download';
  readonly registry: string;
  /** Region the bytes leave (for uploads: the client's nearest region is not used; see `client`). */
  readonly from: string;
  readonly to: string;
  /** Client name for uploads and downloads. */
  readonly client?: string;
  readonly bytes: number;
  readonly sendTime: number;
  /** The live flow: `bytesDone`, `rate`, `updatedAt` and `expectedArrival` change as the link is shared. */
  readonly flow: Flow;
}

/**
 * Something waiting until a condition holds: `check` is asked when the wait starts and after
 * every `notify`; `resume` runs (once) when it holds. Engine objects that drive themselves
 * (replication jobs) implement this directly; generator waits get a small literal.
 */
export interface Waiter {
  check(): boolean;
  resume(): void;
}

/**
 * A transfer whose pause and abort conditions depend on the world's health: re-checked after
 * every `notify('world')` while `watched` has not finished.
 */
export interface FlowWatch {
  readonly watched: Flow;
  readonly link: SharedLink;
  /** Whether `pauseWhen` applies (otherwise the flow is never paused by the world). */
  readonly pausable: boolean;
  pauseWhen(): boolean;
  abortWhen(): boolean;
  /** Cancels the flow and resumes its owner with "not completed". */
  abort(): void;
}

const neverTrue = (): boolean => false;

export interface SimulationOptions {
  readonly seed: number;
}

/**
 * The world: clock, randomness, configuration, registries, clients and the event log.
 * Domain rules live in their own modules as functions of this object; this class only owns
 * state and the machinery that runs operations over simulated time.
 */
export class Simulation {
  readonly scheduler = new Scheduler();
  readonly config = new Config();
  readonly log = new EventLog();
  readonly seed: number;
  /** Independent random streams, so one subsystem's draws never shift another's. */
  readonly rng: { readonly dns: Rng; readonly content: Rng; readonly load: Rng; readonly cluster: Rng };
  readonly registries = new Map<string, Registry>();
  readonly clients = new Map<string, Client>();
  /** Running load generators (`sim load start`), by name, in start order. */
  readonly loads = new Map<string, LoadGenerator>();
  /** Kubernetes clusters (`sim cluster add`), by name. */
  readonly clusters = new Map<string, Cluster>();
  /** Azure regions whose infrastructure is down (region-scope outages). */
  readonly regionOutages = new Set<RegionName>();
  readonly transfers = new TransferTable();
  private waiters: Waiter[] = [];
  private watched: FlowWatch[] = [];
  private nextTaskId = 1;
  private notifyScheduled = false;

  constructor(options: SimulationOptions) {
    this.seed = options.seed >>> 0;
    const root = new Rng(this.seed);
    this.rng = {
      dns: root.split('dns'),
      content: root.split('content'),
      load: root.split('load'),
      cluster: root.split('cluster'),
    };
  }

  get now(): SimTimeMs {
    return this.scheduler.now;
  }

  emit(body: SimEventBody): SimEvent {
    return this.log.append(this.scheduler.now, body);
  }

  /** Runs everything due up to `now + ms`. */
  advance(ms: number): void {
    this.scheduler.runUntil(this.scheduler.now + ms);
  }

  /**
   * Runs until `done()` holds or `limitMs` of simulated time has passed. Returns whether `done()`
   * held. Used by commands that wait for an operation, like `docker push` or `sim wait`.
   */
  runUntil(done: () => boolean, limitMs = Infinity): boolean {
    return this.scheduler.runWhile(done, this.scheduler.now + limitMs);
  }

  /** Starts an operation. `onDone` runs in simulated time when it finishes. */
  spawn<R>(proc: Process<R>, onDone?: (result: R) => void): Task<R> {
    let cancelled = false;
    const task: Task<R> = {
      id: this.newTaskId(),
      done: false,
      result: undefined,
      cancel: () => {
        cancelled = true;
        task.done = true;
        proc.return(undefined as R);
      },
    };
    const step = (input: boolean): void => {
      if (cancelled) return;
      const next = proc.next(input);
      if (next.done) {
        task.done = true;
        task.result = next.value;
        onDone?.(next.value);
        return;
      }
      this.wait(next.value, step, resumeOk, task);
    };
    // One closure per task for the common "resume with true" wake-up, instead of one per wait:
    // delays and satisfied waits are most of the engine's events.
    const resumeOk = (): void => step(true);
    step(true);
    return task;
  }

  /** Numbers a new operation (generator tasks and self-driven jobs share the sequence). */
  newTaskId(): number {
    return this.nextTaskId++;
  }

  /**
   * Parks `w` until a `notify` finds its condition true. The caller has already checked it (an
   * `until` that holds at once resumes by a zero-delay event instead, see `wait`).
   */
  addWaiter(w: Waiter): void {
    this.waiters.push(w);
  }

  /** Re-checks `entry`'s pause and abort conditions whenever the world changes (see `notify`). */
  watch(entry: FlowWatch): void {
    this.watched.push(entry);
  }

  /** Turns one wait into scheduler events. `resumeOk` is the task's `() => resume(true)`. */
  private wait(
    w: Wait,
    resume: (ok: boolean) => void,
    resumeOk: () => void,
    task: { readonly done: boolean },
  ): void {
    switch (w.type) {
      case 'delay':
        this.scheduler.after(w.ms, resumeOk);
        return;
      case 'until':
        if (w.check()) this.scheduler.after(0, resumeOk);
        else this.waiters.push({ check: w.check, resume: resumeOk });
        return;
      case 'flow': {
        if (w.abortWhen?.()) {
          this.scheduler.after(0, () => resume(false));
          return;
        }
        let entry: FlowWatch | undefined;
        const flow = w.link.start(w.bytes, () => {
          if (entry) this.unwatch(entry);
          resumeOk();
        });
        w.onStart?.(flow);
        if (w.pauseWhen || w.abortWhen) {
          entry = {
            watched: flow,
            link: w.link,
            pausable: w.pauseWhen !== undefined,
            pauseWhen: w.pauseWhen ?? neverTrue,
            abortWhen: w.abortWhen ?? neverTrue,
            abort: () => {
              w.link.cancel(flow);
              resume(false);
            },
          };
          this.watched.push(entry);
          if (w.pauseWhen?.()) w.link.pause(flow);
        }
        return;
      }
      case 'call':
        w.start(resumeOk, task, resume);
        return;
      default: {
        const never: never = w;
        throw new Error(`unknown wait ${String(never)}`);
      }
    }
  }

  unwatch(entry: FlowWatch): void {
    // Usually the oldest flow ends first: search from the front. (A set would need an identity
    // hash stored on every entry, which costs more than this scan.)
    const i = this.watched.indexOf(entry);
    if (i >= 0) removeAt(this.watched, i);
  }

  /**
   * Tells waiting operations that the world changed. `content` (a blob or manifest arrived, a job
   * finished) re-checks `until` waits only; `world` (health, lifecycle, deletion) also re-checks
   * every watched transfer's pause and abort conditions, which depend only on those. Re-checking
   * is deferred to one zero-delay event so a burst of changes costs one pass.
   */
  notify(kind: 'content' | 'world' = 'world'): void {
    if (kind === 'world') this.flowsDirty = true;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    this.scheduler.after(0, this.runNotify);
  }

  private flowsDirty = false;

  /** The deferred notify pass; one closure for the simulation's lifetime. */
  private readonly runNotify = (): void => {
    this.notifyScheduled = false;
    const flows = this.flowsDirty;
    this.flowsDirty = false;
    this.recheck(flows);
  };

  private recheck(flows: boolean): void {
    const waiters = this.waiters;
    if (waiters.length > 0) {
      // The waiters whose condition holds leave (the rest keep their order, compacted in place);
      // then they resume in order, and any new waits they start queue behind the rest.
      let ready: Waiter[] | undefined;
      let kept = 0;
      for (let i = 0; i < waiters.length; i++) {
        const w = waiters[i]!;
        if (w.check()) (ready ??= []).push(w);
        else waiters[kept++] = w;
      }
      truncate(waiters, kept);
      if (ready) for (const w of ready) w.resume();
    }
    if (flows && this.watched.length > 0) {
      for (const entry of [...this.watched]) {
        if (entry.watched.finished) {
          this.unwatch(entry);
          continue;
        }
        if (entry.abortWhen()) {
          this.unwatch(entry);
          entry.abort();
          continue;
        }
        if (entry.pausable) {
          if (entry.pauseWhen()) entry.link.pause(entry.watched);
          else entry.link.resume(entry.watched);
        }
      }
    }
  }

  /** Publishes a transfer for renderers until its flow ends. */
  trackTransfer(t: Transfer): void {
    this.transfers.add(t);
  }

  untrackTransfer(id: number): void {
    this.transfers.delete(id);
  }
}
