import type { Flow, SharedLink } from './link';

/**
 * Long operations (a push, a replication job, a replica's initial sync) are generator functions
 * that yield what they wait for. The runner turns each wait into scheduler events, so the steps
 * of an operation read top to bottom like the request sequence they model.
 */
export type Wait =
  | { readonly type: 'delay'; readonly ms: number }
  | { readonly type: 'until'; readonly check: () => boolean }
  | {
      readonly type: 'flow';
      readonly link: SharedLink;
      readonly bytes: number;
      /** Called with the flow as soon as it starts (to publish it as a transfer). */
      readonly onStart?: (flow: Flow) => void;
      /** While true the flow is paused; re-checked whenever the world's health changes. */
      readonly pauseWhen?: () => boolean;
      /** When true the flow is abandoned and the wait yields false. */
      readonly abortWhen?: () => boolean;
    }
  | CallWait;

/**
 * Work that drives itself with scheduler actions (see `RequestCall` in dataplane.ts): the runner
 * calls `start` with the task's "resume with true" function, which the work calls once it is done
 * (or `resumeWith(false)` for an outcome like a flow's abort). Its actions must do nothing once
 * `task.done` holds (the task was cancelled while they were due).
 */
export interface CallWait {
  readonly type: 'call';
  start(resume: () => void, task: { readonly done: boolean }, resumeWith: (ok: boolean) => void): void;
}

export type Process<R> = Generator<Wait, R, boolean>;

export const delay = (ms: number): Wait => ({ type: 'delay', ms });
export const until = (check: () => boolean): Wait => ({ type: 'until', check });

/** A running operation. */
export interface Task<R> {
  readonly id: number;
  done: boolean;
  result: R | undefined;
  /** Stops the operation at its current wait; `result` stays undefined. */
  cancel(): void;
}
