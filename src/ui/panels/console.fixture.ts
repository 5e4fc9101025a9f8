/** A console over an engine whose commands finish only when the test says so (for the console's tests). */
import type { CommandHandle, EngineApi } from '../engine/api';
import { ConsoleController } from './console-controller';

export interface FakeCommand {
  readonly id: number;
  readonly line: string;
  readonly output: (lines: readonly string[]) => void;
  finish(prompt?: string, exitCode?: number): void;
}

/** An engine whose commands finish only when the test says so. */
export function scriptedEngine() {
  const commands: FakeCommand[] = [];
  const cancelled: number[] = [];
  let nextId = 1;
  const engine = {
    regions: [],
    runCommand(line: string, onOutput: (lines: readonly string[]) => void): CommandHandle {
      const id = nextId++;
      let resolve!: (v: { exitCode: number; prompt: string }) => void;
      const done = new Promise<{ exitCode: number; prompt: string }>((r) => (resolve = r));
      commands.push({
        id,
        line,
        output: onOutput,
        finish: (prompt = 'dev', exitCode = 0) => resolve({ exitCode, prompt }),
      });
      if (line.trim().endsWith('&')) resolve({ exitCode: 0, prompt: 'dev' });
      return { id, done };
    },
    cancel: (id: number) => void cancelled.push(id),
    complete: async (line: string) =>
      line.endsWith('az acr re')
        ? { candidates: ['replication', 'repository'], replaceFrom: line.length - 2 }
        : { candidates: [], replaceFrom: line.length },
  } as unknown as EngineApi;
  return { engine, commands, cancelled };
}

export function setup() {
  const fake = scriptedEngine();
  let prompt = 'dev';
  const controller = new ConsoleController(fake.engine, { get: () => prompt, set: (p) => (prompt = p) });
  const texts = () => controller.getSnapshot().lines.map((l) => l.text);
  return { ...fake, controller, texts, prompt: () => prompt };
}

export const settle = () => new Promise((r) => setTimeout(r, 0));
