import type { Client, Simulation } from '../engine';
import type { Session } from './session';

/** What a command handler sees: the world, the session, and where to write. */
export interface CommandContext {
  readonly sim: Simulation;
  readonly session: Session;
  /** The client the command runs on (the prompt's name). */
  readonly client: Client;
  /** Writes one line of output, imitating the real tool. */
  out(line: string): void;
  /** Writes one explanation line; it is printed with a leading `# `. */
  explain(line: string): void;
}
