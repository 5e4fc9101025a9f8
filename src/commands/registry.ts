import type { CommandSpec, FlagSpec } from './spec';

/** A node of the command tree: a group of subcommands, a command, or both. */
export interface CommandNode {
  readonly word: string;
  readonly path: readonly string[];
  readonly children: Map<string, CommandNode>;
  spec: CommandSpec | undefined;
  /** One-line description of a group, for group help. */
  summary: string | undefined;
  /**
   * Leading flags (`FlagSpec.leading`) of the commands below this node, by every spelling
   * (`--context`, `-c`): they may appear here, between the command words.
   */
  leadingFlags?: Map<string, FlagSpec>;
}

/**
 * The command tree built from command definitions. Adding a command is adding one
 * definition; help, completion and parsing all read this tree.
 */
export class CommandTree {
  readonly root: CommandNode = {
    word: '',
    path: [],
    children: new Map(),
    spec: undefined,
    summary: undefined,
  };

  constructor(specs: readonly CommandSpec[], groups: Readonly<Record<string, string>> = {}) {
    for (const spec of specs) this.add(spec);
    for (const [path, summary] of Object.entries(groups)) {
      const node = this.find(path.split(' '));
      if (node) node.summary = summary;
    }
  }

  add(spec: CommandSpec): void {
    let node = this.root;
    const leading = spec.flags.filter((f) => f.leading);
    for (const word of spec.path) {
      let child = node.children.get(word);
      if (!child) {
        child = {
          word,
          path: [...node.path, word],
          children: new Map(),
          spec: undefined,
          summary: undefined,
        };
        node.children.set(word, child);
      }
      node = child;
      if (leading.length > 0 && node.path.length < spec.path.length) {
        const map = (node.leadingFlags ??= new Map());
        for (const f of leading) {
          for (const n of [f.name, ...(f.aliases ?? [])]) map.set(`--${n}`, f);
          if (f.short) map.set(`-${f.short}`, f);
        }
      }
    }
    if (node.spec) throw new Error(`duplicate command definition: ${spec.path.join(' ')}`);
    node.spec = spec;
  }

  find(path: readonly string[]): CommandNode | undefined {
    let node: CommandNode | undefined = this.root;
    for (const word of path) {
      node = node.children.get(word);
      if (!node) return undefined;
    }
    return node;
  }

  /** Every command definition, in tree order. */
  all(): CommandSpec[] {
    const out: CommandSpec[] = [];
    const walk = (n: CommandNode): void => {
      if (n.spec) out.push(n.spec);
      for (const c of n.children.values()) walk(c);
    };
    walk(this.root);
    return out;
  }
}
