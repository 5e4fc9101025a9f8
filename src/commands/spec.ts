import type { Process } from '../engine';
import type { CommandContext } from './context';

/**
 * How a flag's value is read. `switch` takes no value (`--no-wait`); the others take one
 * (`--flag value` or `--flag=value`); `list` takes every following word up to the next flag.
 */
export type FlagType = 'string' | 'switch' | 'int' | 'size' | 'duration' | 'rate' | 'choice' | 'list';

export interface FlagSpec {
  /** Long name without dashes, e.g. `registry`. */
  readonly name: string;
  /** One-letter short name without the dash, e.g. `r`. */
  readonly short?: string;
  /** Other long names accepted for the same flag. */
  readonly aliases?: readonly string[];
  readonly type: FlagType;
  readonly choices?: readonly string[];
  readonly required?: boolean;
  /** Value shown in help; applied by handlers, not the parser. */
  readonly defaultText?: string;
  /** Integer bounds for `int`. */
  readonly min?: number;
  readonly max?: number;
  readonly metavar?: string;
  readonly help: string;
  /**
   * A global flag that may also come before the command's words, as kubectl's
   * `kubectl --context aks-weu get pods` does. The parser moves it after them; every command that
   * accepts it declares it like any other flag.
   */
  readonly leading?: boolean;
  /**
   * The flag may be given more than once (a `list` flag such as az's `--repository REPO ACTION...`):
   * its values are concatenated, and `ParsedArgs.groups` keeps each occurrence's values apart.
   */
  readonly repeatable?: boolean;
}

export interface PositionalSpec {
  readonly name: string;
  readonly help: string;
  readonly required?: boolean;
  /** Takes every remaining positional word. */
  readonly variadic?: boolean;
}

/** A flag that the real CLI removed: parsing fails with a hint naming its replacement. */
export interface RemovedFlag {
  readonly name: string;
  readonly hint: string;
}

/** What a command handler returns: an exit code now, or a process that ends with one. */
export type CommandRun = number | Process<number>;

export interface CommandSpec {
  /** Words that name the command, e.g. `['az', 'acr', 'replication', 'create']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Longer help, in our own words. */
  readonly details?: string;
  readonly flags: readonly FlagSpec[];
  readonly positionals?: readonly PositionalSpec[];
  readonly removedFlags?: readonly RemovedFlag[];
  readonly examples?: readonly string[];
  /**
   * Take everything after the command words verbatim as the single positional argument, so
   * text such as `/\d+ replicas/` keeps its backslashes and spaces.
   */
  readonly rawTail?: boolean;
  readonly run: (ctx: CommandContext, args: ParsedArgs) => CommandRun;
}

export type FlagValue = string | number | boolean | readonly string[];

/** Parsed, validated arguments with typed accessors. */
export class ParsedArgs {
  constructor(
    readonly flags: ReadonlyMap<string, FlagValue>,
    readonly positionals: readonly string[],
    /** Each occurrence's values of a repeatable `list` flag, in order. */
    private readonly occurrences: ReadonlyMap<string, readonly (readonly string[])[]> = new Map(),
  ) {}

  /** The values of each occurrence of a repeatable `list` flag, e.g. `[['app', 'content/read']]`. */
  groups(name: string): readonly (readonly string[])[] {
    return this.occurrences.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.flags.has(name);
  }

  str(name: string): string | undefined {
    const v = this.flags.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  /** A required string: the parser has already enforced presence. */
  req(name: string): string {
    const v = this.str(name);
    if (v === undefined) throw new Error(`invariant: --${name} is required`);
    return v;
  }

  num(name: string): number | undefined {
    const v = this.flags.get(name);
    return typeof v === 'number' ? v : undefined;
  }

  bool(name: string): boolean {
    return this.flags.get(name) === true;
  }

  list(name: string): readonly string[] {
    const v = this.flags.get(name);
    return Array.isArray(v) ? v : [];
  }

  /** A `choice` flag holding `true`/`false`, as az writes booleans. */
  tristate(name: string): boolean | undefined {
    const v = this.str(name);
    return v === undefined ? undefined : v === 'true' || v === 'enabled';
  }
}

export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'choice',
  choices: ['json', 'table', 'tsv'],
  defaultText: 'json',
  help: 'Output format.',
};

export const NO_WAIT_FLAG: FlagSpec = {
  name: 'no-wait',
  type: 'switch',
  help: 'Return at once instead of waiting for the long-running operation to finish.',
};

/** `-r/--registry REGISTRY`, as the az acr sub-groups (replication, webhook, token, task) take it. */
export const REGISTRY_FLAG: FlagSpec = {
  name: 'registry',
  short: 'r',
  type: 'string',
  required: true,
  metavar: 'REGISTRY',
  help: 'The registry.',
};
