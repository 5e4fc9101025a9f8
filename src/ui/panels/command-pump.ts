/**
 * Runs the lines other parts of the UI queue for the console (`runCommands` in the UI store: a
 * scenario step's actions, a panel's commands) one after another, each once the previous has
 * finished, typed out visibly first when asked. While it works it holds a reservation on the
 * console, so a line the presenter types meanwhile runs after the batch instead of between two
 * of its lines (where it could change what a step's checkpoint sees).
 */
import type { CommandRequest } from '../store/ui-store';
import type { ConsoleController } from './console-controller';

/** The exit code a dropped or cancelled line reports (as for Ctrl+C). */
const DROPPED = 130;

export interface PumpPorts {
  /** Takes every request waiting in the store (the store's queue empties). */
  take(): readonly CommandRequest[];
  /** Types a line into the input for the room to see; resolves when it is all there. */
  typeOut(line: string): Promise<void>;
  /** Whether a `typed` request may be typed out now (the input is empty, motion allowed, mounted). */
  mayTypeOut(): boolean;
}

export interface CommandPump {
  /**
   * Runs whatever is waiting; a call while a run is going on for the same console returns at
   * once (that run takes it, with the ports it started with).
   */
  pump(): Promise<void>;
}

/** Consoles a pump is working for: one pump at a time per console, even across remounts. */
const pumping = new WeakSet<ConsoleController>();

export function createCommandPump(controller: ConsoleController, ports: PumpPorts): CommandPump {
  /** How a request ended: its exit code and log index, or that it was skipped. */
  type Outcome = { readonly exitCode: number; readonly logIndex?: number } | 'skipped';

  /** Runs one request after the prompt is free. */
  const runOne = async (request: CommandRequest, epoch: number): Promise<Outcome> => {
    await controller.whenIdle();
    if (controller.epoch === epoch && !request.skip?.() && request.typed && ports.mayTypeOut())
      await ports.typeOut(request.line);
    // A new session began meanwhile: the line belonged to the old one.
    if (controller.epoch !== epoch) return { exitCode: DROPPED };
    // Its owner gave up (a closed player): the batch's other lines are not affected.
    if (request.skip?.()) return 'skipped';
    return new Promise((resolve) =>
      controller.submitReserved(request.line, (exitCode, logIndex) => resolve({ exitCode, logIndex })),
    );
  };

  const pump = async (): Promise<void> => {
    if (pumping.has(controller)) return;
    pumping.add(controller);
    const release = controller.reserve();
    try {
      for (;;) {
        const batch = ports.take();
        if (batch.length === 0) break;
        const epoch = controller.epoch;
        let cancelled = false;
        for (const request of batch) {
          // Ctrl+C on one line of a batch drops the rest of it, as it drops type-ahead.
          const outcome = cancelled ? 'skipped' : await runOne(request, epoch);
          if (outcome === 'skipped') {
            request.onDone?.(DROPPED);
            continue;
          }
          if (outcome.exitCode === DROPPED) cancelled = true;
          request.onDone?.(outcome.exitCode, outcome.logIndex);
        }
      }
    } finally {
      release();
      pumping.delete(controller);
    }
  };

  return { pump };
}
