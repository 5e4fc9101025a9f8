import {
  accessOf,
  addClient,
  applyDemoPreset,
  formatClock,
  Simulation,
  unwrap,
  type Client,
  type Process,
  type Task,
} from '../engine';
import type { CommandContext } from './context';
import { commandHelp, helpPage, overview, SHELL_WORDS } from './help';
import { parseCommand } from './parse';
import type { CommandTree } from './registry';
import { ParsedArgs } from './spec';
import { tokenize } from './tokenize';

/** Receives output lines as they are produced (they may arrive over simulated time). */
export type LineSink = (line: string) => void;

export interface SessionOptions {
  readonly seed: number;
  readonly tree: CommandTree;
}

/** A command started from the console. */
export interface RunningCommand {
  readonly line: string;
  readonly background: boolean;
  /** Background job number (`[1]`), if any. */
  readonly job: number | undefined;
  /** Set when the command has finished. */
  exitCode: number | undefined;
  readonly task: Task<number> | undefined;
  /** What a background job has printed (without its `[N]` prefix), for `wait` and `sim expect`. */
  readonly output: string[];
  cancel(): void;
}

const MAX_HORIZON_MS = 30 * 24 * 3_600_000;

/**
 * What one foreground command (or `wait`) may cost before the runner stops it: simulation steps
 * run and events logged. Simulated time alone does not bound the work: a thousand pods failing
 * their pulls for 30 days would log tens of millions of events and exhaust memory. Counted, not
 * timed, so a stopped run is still deterministic.
 */
export const COMMAND_BUDGET = { steps: 10_000_000, events: 1_000_000 } as const;

/**
 * A console session over one simulated world: the current client and identity, background
 * jobs, and what the previous command printed (for `sim expect`). The same session serves the
 * headless runner and the dashboard's console.
 */
export class Session {
  sim: Simulation;
  clientName = 'local';
  identity = 'admin';
  /** kubectl's current context (`kubectl config use-context`): a cluster name, if one is chosen. */
  kubeContext: string | undefined;
  readonly tree: CommandTree;
  readonly jobs: RunningCommand[] = [];
  /** Output of the last finished foreground command other than `sim expect`. */
  previousOutput: string[] = [];
  /** Live-clock settings for the dashboard (`sim speed`, `sim pause`, `sim play`). */
  speed = 60;
  playing = true;
  /**
   * Whether a live clock moves time on, as in the dashboard, which starts lines with
   * {@link start}. The headless runner's {@link runLine} clears it: there, time moves only with
   * commands.
   */
  liveClock = true;
  /** Failed `sim expect` checkpoints so far. */
  failedExpectations = 0;
  private nextJob = 1;
  private waitedOutput: string[] | undefined;
  /** Per-command budget (see {@link COMMAND_BUDGET}); tests may lower it. */
  budget: { readonly steps: number; readonly events: number } = COMMAND_BUDGET;

  constructor(options: SessionOptions) {
    this.tree = options.tree;
    this.sim = Session.emptyWorld(options.seed);
  }

  /** The runner's starting world: no registry, identity `admin`, client `local` in eastus. */
  static emptyWorld(seed: number): Simulation {
    const sim = new Simulation({ seed });
    unwrap(addClient(sim, { name: 'local', location: 'eastus' }));
    return sim;
  }

  /** Starts over with an empty world and another seed (`sim seed`). */
  reset(seed: number): void {
    for (const job of this.jobs) job.cancel();
    this.jobs.length = 0;
    this.sim = Session.emptyWorld(seed);
    this.clientName = 'local';
    this.identity = 'admin';
    this.kubeContext = undefined;
  }

  /** Replaces the world with the dashboard's demo world (same seed), as `sim preset demo` does. */
  loadDemo(): void {
    for (const job of this.jobs) job.cancel();
    this.jobs.length = 0;
    const sim = new Simulation({ seed: this.sim.seed });
    applyDemoPreset(sim);
    this.sim = sim;
    this.clientName = 'dev';
    this.identity = 'admin';
    this.kubeContext = undefined;
  }

  /** Names that `docker login -u` accepts: the world's identities and registry tokens. */
  knownPrincipals(): string[] {
    return accessOf(this.sim).principals();
  }

  get client(): Client {
    const c = this.sim.clients.get(this.clientName);
    if (!c) throw new Error(`invariant: current client ${this.clientName} is missing`);
    return c;
  }

  /** The transcript prompt: `[HH:MM:SS] CLIENT$ `. */
  prompt(): string {
    return `[${formatClock(this.sim.now)}] ${this.clientName}$ `;
  }

  /**
   * Starts one console line. Parse errors and help print at once; commands that take time run
   * as processes in simulated time. A line ending in ` &` runs in the background. Nothing in the
   * world changes when a line fails to parse.
   */
  start(line: string, rawSink: LineSink): RunningCommand {
    const outerSink = boundedSink(rawSink);
    let text = line.trim();
    const captured: string[] = [];
    const isExpect = /^sim\s+expect(\s|$)/.test(text);
    const sink: LineSink = (l) => {
      captured.push(l);
      outerSink(l);
    };
    // What `sim expect` checks: the output of the previous foreground command.
    const remember = (): void => {
      if (!isExpect) this.previousOutput = captured;
    };
    let background = false;
    if (/(^|\s)&$/.test(text)) {
      background = true;
      text = text.slice(0, -1).trim();
    }
    const finished = (code: number): RunningCommand => {
      remember();
      return {
        line,
        background: false,
        job: undefined,
        exitCode: code,
        task: undefined,
        output: [],
        cancel: () => undefined,
      };
    };
    const words = tokenize(text);
    if (!words.ok) {
      sink(`error: ${words.error.message}`);
      return finished(2);
    }
    if (words.value.length === 0) return finished(0);
    const builtin = this.builtin(words.value, sink);
    if (builtin !== undefined) {
      const result = finished(builtin);
      // After `wait`, `sim expect` checks what the waited-for jobs printed.
      if (this.waitedOutput) {
        this.previousOutput = this.waitedOutput;
        this.waitedOutput = undefined;
      }
      return result;
    }
    const parsed = parseCommand(this.tree, words.value);
    if (parsed.kind === 'error') {
      sink(parsed.message);
      return finished(2);
    }
    if (parsed.kind === 'help') {
      for (const l of helpPage(parsed.node)) sink(l);
      return finished(0);
    }
    let args = parsed.args;
    if (parsed.spec.rawTail) {
      const head = new RegExp(`^\\s*${parsed.spec.path.join('\\s+')}\\s+`);
      const tail = text.replace(head, '');
      const unquoted = /^(['"])(.*)\1$/s.exec(tail);
      args = new ParsedArgs(new Map(), [unquoted ? unquoted[2]! : tail]);
    }
    const job = background ? this.nextJob++ : undefined;
    const jobOutput: string[] = [];
    const out: LineSink =
      job === undefined
        ? sink
        : (l) => {
            jobOutput.push(l);
            outerSink(`[${job}] ${l}`);
          };
    const ctx: CommandContext = {
      sim: this.sim,
      session: this,
      client: this.client,
      out,
      explain: (l) => out(`# ${l}`),
    };
    let run;
    try {
      run = parsed.spec.run(ctx, args);
    } catch (e) {
      out(internalError(e));
      return finished(1);
    }
    if (typeof run === 'number') return finished(run);
    const sim = this.sim;
    const running: RunningCommand = {
      line,
      background,
      job,
      exitCode: undefined,
      task: undefined,
      output: jobOutput,
      cancel: () => {
        if (running.exitCode === undefined) {
          running.task?.cancel();
          running.exitCode = 130;
        }
      },
    };
    const task = sim.spawn(guarded(run, out), (code) => {
      running.exitCode = code;
      if (job !== undefined) outerSink(`[${job}]+ Done (exit ${code})  ${text}`);
      else remember();
    });
    (running as { task: Task<number> }).task = task;
    if (background) {
      this.jobs.push(running);
      outerSink(`[${job}] started: ${text}`);
    }
    return running;
  }

  /**
   * Runs a line to completion, as the headless runner does: a foreground command advances
   * simulated time until it finishes. Returns its exit code (background lines return 0).
   */
  runLine(line: string, sink: LineSink): number {
    this.liveClock = false;
    const running = this.start(line, sink);
    if (running.background || running.exitCode !== undefined) return running.exitCode ?? 0;
    const over = this.overBudget();
    try {
      this.sim.runUntil(() => running.exitCode !== undefined || over(), MAX_HORIZON_MS);
    } catch (e) {
      sink(internalError(e));
      running.cancel();
      return 1;
    }
    if (running.exitCode === undefined) {
      running.cancel();
      sink(
        over() ? this.budgetMessage() : `# gave up after ${formatClock(MAX_HORIZON_MS)} of simulated time`,
      );
      return 1;
    }
    return running.exitCode;
  }

  /** A check that turns true once the world has run past the budget since it was made. */
  private overBudget(): () => boolean {
    const scheduler = this.sim.scheduler;
    const log = this.sim.log;
    const steps = scheduler.executed + this.budget.steps;
    const events = log.length + this.budget.events;
    return () => scheduler.executed >= steps || log.length >= events;
  }

  private budgetMessage(): string {
    const n = (x: number): string => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `# stopped at ${formatClock(this.sim.now)}: one command may run at most ${n(this.budget.steps)} simulation steps and log ${n(this.budget.events)} events; let time pass in smaller steps`;
  }

  /** Commands of the shell itself rather than of a tool. */
  private builtin(words: readonly string[], sink: LineSink): number | undefined {
    const [first, ...rest] = words;
    // `wait --help`, `jobs -h`, `clear --help`: the shell's own words explain themselves in one line.
    const self = SHELL_WORDS.find((w) => w.word === first);
    if (self && rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
      sink(`${self.word}: ${self.summary}`);
      return 0;
    }
    if (first === 'help') {
      if (rest.length === 0) {
        for (const l of overview(this.tree)) sink(l);
        return 0;
      }
      // `help WORDS` shows the page `WORDS --help` shows; a word that names nothing gets the
      // parser's own message (with its "did you mean").
      const shell = rest.length === 1 ? SHELL_WORDS.find((w) => w.word === rest[0]) : undefined;
      if (shell) {
        sink(`${shell.word}: ${shell.summary}`);
        return 0;
      }
      // Words past a command (`help sim outage on`, `help kubectl get pods`) are its arguments:
      // the page of the deepest command the words name.
      let node = this.tree.root;
      for (const word of rest) {
        const child = node.children.get(word);
        if (!child) break;
        node = child;
      }
      if (node.spec || node.path.length === rest.length) {
        for (const l of helpPage(node)) sink(l);
        return 0;
      }
      const parsed = parseCommand(this.tree, rest);
      if (parsed.kind === 'error') {
        sink(parsed.message);
        return 2;
      }
      const page = parsed.kind === 'run' ? commandHelp(parsed.spec) : helpPage(parsed.node);
      for (const l of page) sink(l);
      return 0;
    }
    if (first === 'wait' && rest.length === 0) {
      const pending = this.jobs.filter((j) => j.exitCode === undefined);
      const over = this.overBudget();
      this.sim.runUntil(() => pending.every((j) => j.exitCode !== undefined) || over(), MAX_HORIZON_MS);
      if (!pending.every((j) => j.exitCode !== undefined) && over()) sink(this.budgetMessage());
      this.waitedOutput = this.jobs.flatMap((j) => j.output);
      this.jobs.length = 0;
      return 0;
    }
    if (first === 'jobs' && rest.length === 0) {
      for (const j of this.jobs)
        sink(`[${j.job}] ${j.exitCode === undefined ? 'Running' : `Done (exit ${j.exitCode})`}  ${j.line}`);
      return 0;
    }
    return undefined;
  }
}

/** Longest output line: anything longer (a huge pasted value echoed back) is cut, saying so. */
export const MAX_OUTPUT_LINE = 1_000;

function boundedSink(sink: LineSink): LineSink {
  return (l) =>
    sink(
      l.length > MAX_OUTPUT_LINE
        ? `${l.slice(0, MAX_OUTPUT_LINE)}… (${l.length - MAX_OUTPUT_LINE} more characters)`
        : l,
    );
}

/** Wraps a command's process so an exception ends it with one line instead of a stack trace. */
function* guarded(proc: Process<number>, out: LineSink): Process<number> {
  let input = true;
  for (;;) {
    let step: IteratorResult<unknown, number>;
    try {
      step = proc.next(input);
    } catch (e) {
      out(internalError(e));
      return 1;
    }
    if (step.done) return step.value;
    input = yield step.value as never;
  }
}

export function internalError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `internal error: ${message.split('\n')[0]!.slice(0, 200)} (the session continues)`;
}
