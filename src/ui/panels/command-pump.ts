/**
 * Runs the lines other parts of the UI queue for the console (`runCommands` in the UI store).
 * Lines to be typed out for the room (a scenario step's actions) run as one batch, one after
 * another, each once the previous has finished; meanwhile the pump holds a reservation on the
 * console, so a line the presenter types (or a panel asks for) runs after the batch instead of
 * between two of its lines, where it could change what a step's checkpoint sees. Other lines (a
 * panel's commands) join the console's queue like typed ones, in the order they came.
 */
import type { CommandRequest } from '../store/ui-store';
import type { ConsoleController } from './console-controller';

/** The exit code a dropped or cancelled line reports (as for Ctrl+C). */
const DROPPED = 130;

export interface PumpPorts {
  /** Takes every request waiting in the store (the store's queue empties). */
  take(): readonly CommandRequest[];
  /**
   * Types a line into the input for the room to see; resolves when it is all there, or as soon
   * as `stopped()` says the batch was cancelled.
   */
  typeOut(line: string, stopped: () => boolean): Promise<void>;
  /** Whether a `typed` request may be typed out now (the input is empty, motion allowed, mounted). */
  mayTypeOut(): boolean;
}

export interface CommandPump {
  /**
   * Runs whatever is waiting; a call while a run is going on for the same console queues a
   * panel's lines at once and leaves lines to type out to that run (with the ports it started with).
   */
  pump(): Promise<void>;
  /**
   * Ctrl+C while a batch line is being typed out (before it runs): that line and the rest of
   * its batch are dropped, as Ctrl+C on a running line drops them.
   */
  cancel(): void;
}

/** The batch a pump is working on for a console: one pump at a time per console, even across remounts. */
const runs = new WeakMap<ConsoleController, { cancelled: boolean; later: CommandRequest[] }>();

export function createCommandPump(controller: ConsoleController, ports: PumpPorts): CommandPump {
  /** How a request ended: its exit code and log index, or that it was skipped. */
  type Outcome = { readonly exitCode: number; readonly logIndex?: number } | 'skipped';

  /** Runs one request after the prompt is free. */
  const runOne = async (request: CommandRequest, epoch: number): Promise<Outcome> => {
    await controller.whenIdle();
    const run = runs.get(controller);
    const stopped = (): boolean => run?.cancelled === true;
    if (controller.epoch === epoch && !request.skip?.() && ports.mayTypeOut())
      await ports.typeOut(request.line, stopped);
    // A new session began meanwhile (the line belonged to the old one), or Ctrl+C.
    if (controller.epoch !== epoch || stopped()) return { exitCode: DROPPED };
    // Its owner gave up (a closed player): the batch's other lines are not affected.
    if (request.skip?.()) return 'skipped';
    return new Promise((resolve) =>
      controller.submitReserved(request.line, (exitCode, logIndex) => resolve({ exitCode, logIndex })),
    );
  };

  /**
   * Takes what waits in the store: a panel's lines are like typed ones and join the console's
   * queue at once, in order; lines to type out are returned (or kept for the run going on).
   */
  const takeNow = (): CommandRequest[] => {
    const taken = ports.take();
    for (const request of taken) if (!request.typed) controller.submit(request.line, request.onDone);
    return taken.filter((r) => r.typed);
  };

  const pump = async (): Promise<void> => {
    const going = runs.get(controller);
    if (going) {
      going.later.push(...takeNow());
      return;
    }
    const run = { cancelled: false, later: [] as CommandRequest[] };
    runs.set(controller, run);
    let release: (() => void) | undefined;
    try {
      for (;;) {
        const batch = [...run.later.splice(0), ...takeNow()];
        if (batch.length === 0) break;
        release ??= controller.reserve();
        const epoch = controller.epoch;
        run.cancelled = false;
        for (const request of batch) {
          // Ctrl+C on one line of a batch drops the rest of it, as it drops type-ahead.
          const outcome = run.cancelled ? 'skipped' : await runOne(request, epoch);
          if (outcome === 'skipped') {
            request.onDone?.(DROPPED);
            continue;
          }
          if (outcome.exitCode === DROPPED) run.cancelled = true;
          request.onDone?.(outcome.exitCode, outcome.logIndex);
        }
      }
    } finally {
      release?.();
      runs.delete(controller);
    }
  };

  const cancel = (): void => {
    const run = runs.get(controller);
    if (run) run.cancelled = true;
  };

  return { pump, cancel };
}
