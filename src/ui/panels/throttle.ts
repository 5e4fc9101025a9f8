/** The host timers a throttle uses; swappable so tests can drive time by hand. */
export interface ThrottleTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const hostTimers: ThrottleTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttle {
  /** Asks for a call: now if the last one was long enough ago, else once at the end of the wait. */
  trigger(): void;
  cancel(): void;
}

/**
 * Calls `fn` at most once per `intervalMs`, leading and trailing: the first trigger runs at once
 * (so a lone event shows immediately) and a burst ends with one more call (so the last event of
 * the burst is never missed).
 */
export function createThrottle(
  fn: () => void,
  intervalMs: number,
  timers: ThrottleTimers = hostTimers,
): Throttle {
  let last = -Infinity;
  let pending: unknown;
  const run = (): void => {
    pending = undefined;
    last = timers.now();
    fn();
  };
  return {
    trigger() {
      if (pending !== undefined) return;
      const wait = last + intervalMs - timers.now();
      if (wait <= 0) run();
      else pending = timers.setTimeout(run, wait);
    },
    cancel() {
      if (pending !== undefined) timers.clearTimeout(pending);
      pending = undefined;
    },
  };
}
