import { REGIONS } from '../engine';
import type { CommandTree } from './registry';
import type { Session } from './session';

export interface Completion {
  readonly candidates: readonly string[];
  /** Index in the line where the word being completed starts. */
  readonly replaceFrom: number;
}

const REGION_FLAGS = new Set(['location', 'endpoint']);
const REGISTRY_FLAGS = new Set(['registry', 'name']);

/**
 * Tab completion from the command definitions: subcommand names, flag names, and for some flags
 * their values (regions, registries, choices). Only the last word of the line is completed.
 */
export function complete(tree: CommandTree, session: Session, line: string): Completion {
  // `help sim adv<TAB>` completes the topic as `sim adv<TAB>` would.
  const help = /^\s*help\s+/.exec(line);
  if (help) {
    const topic = complete(tree, session, line.slice(help[0].length));
    return { candidates: topic.candidates, replaceFrom: topic.replaceFrom + help[0].length };
  }
  const replaceFrom = /\S*$/.exec(line)!.index;
  const words = line.slice(0, replaceFrom).trim().split(/\s+/).filter(Boolean);
  const partial = line.slice(replaceFrom);
  let node = tree.root;
  let i = 0;
  const previous = words.at(-1);
  for (;;) {
    const word = words[i];
    if (word === undefined) break;
    const eq = word.indexOf('=');
    const leading = node.leadingFlags?.get(eq > 0 ? word.slice(0, eq) : word);
    if (leading) {
      const inline = eq > 0 || leading.type === 'switch';
      // `kubectl --context <TAB>`: a leading flag's value; `kubectl --context c <TAB>`: go on.
      if (i === words.length - 1 && !inline) {
        const pool = leading.name === 'context' ? [...session.sim.clusters.keys()] : [];
        return { candidates: pool.filter((c) => c.startsWith(partial)).sort(), replaceFrom };
      }
      i += inline ? 1 : 2;
      continue;
    }
    const child = node.children.get(word);
    if (!child) break;
    node = child;
    i++;
  }
  const spec = node.spec;
  let pool: string[];
  if (spec && i < words.length && previous?.startsWith('-')) {
    const flag = spec.flags.find((f) => `--${f.name}` === previous || `-${f.short}` === previous);
    if (flag && flag.type !== 'switch') {
      if (flag.choices) pool = [...flag.choices];
      else if (flag.name === 'context') pool = [...session.sim.clusters.keys()];
      else if (REGION_FLAGS.has(flag.name)) pool = REGIONS.map((r) => r.name);
      else if (REGISTRY_FLAGS.has(flag.name) && !spec.path.includes('replication'))
        pool = registryNames(session);
      else if (flag.name === 'registry') pool = registryNames(session);
      else pool = [];
      return { candidates: pool.filter((c) => c.startsWith(partial)).sort(), replaceFrom };
    }
  }
  if (spec) {
    if (partial.startsWith('-') || (spec.positionals ?? []).length === 0) {
      pool = spec.flags.map((f) => `--${f.name}`);
    } else if (spec.path.join(' ') === 'sim client use') {
      pool = [...session.sim.clients.keys()];
    } else if (spec.path.join(' ') === 'kubectl config use-context') {
      pool = [...session.sim.clusters.keys()];
    } else if (spec.path[1] === 'inspect' || spec.path[1] === 'outage') {
      pool = REGIONS.map((r) => r.name);
    } else {
      pool = spec.flags.map((f) => `--${f.name}`);
    }
  } else if (i === words.length) {
    pool = [...node.children.keys()];
    if (node === tree.root) pool.push('help', 'wait', 'jobs');
  } else {
    pool = [];
  }
  return { candidates: [...new Set(pool)].filter((c) => c.startsWith(partial)).sort(), replaceFrom };
}

function registryNames(session: Session): string[] {
  return [...session.sim.registries.values()].map((r) => r.name);
}
