import { closest, parseDuration, parseRate, parseSize } from '../engine';
import type { CommandNode, CommandTree } from './registry';
import { ParsedArgs, type CommandSpec, type FlagSpec, type FlagValue } from './spec';

export type ParseOutcome =
  | { readonly kind: 'run'; readonly spec: CommandSpec; readonly args: ParsedArgs }
  | { readonly kind: 'help'; readonly node: CommandNode }
  | { readonly kind: 'error'; readonly message: string };

const isFlagWord = (w: string): boolean => w.startsWith('-') && w.length > 1 && !/^-\d/.test(w);

const error = (message: string): ParseOutcome => ({ kind: 'error', message });

/** Shows a word in an error message without letting a huge paste flood the console. */
export function shown(word: string, max = 60): string {
  // Control characters would garble a terminal; show them as '?'.
  let clean = '';
  for (const ch of word) clean += ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '?' : ch;
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/**
 * A name the user gave (an image reference, say), echoed in a success or progress line: long
 * names (a 255-character repository on a long host, with a tag) are cut past `max` characters,
 * as `shown` cuts them in error messages, so every line stays readable in the console.
 */
export function echoed(text: string, max = 200): string {
  return shown(text, max);
}

/**
 * Matches words against the command tree and parses the flags of the command found.
 * Never throws; every problem is one line naming the bad word, with a suggestion when a
 * known word is close.
 */
export function parseCommand(tree: CommandTree, words: readonly string[]): ParseOutcome {
  let node = tree.root;
  let i = 0;
  // Leading (global) flags met between the command words, moved after them: `kubectl --context c
  // get pods` parses as `kubectl get pods --context c`.
  const lifted: string[] = [];
  while (i < words.length) {
    const word = words[i]!;
    if (isFlagWord(word)) {
      const eq = word.indexOf('=');
      const flag = node.leadingFlags?.get(eq > 0 ? word.slice(0, eq) : word);
      if (!flag) break;
      lifted.push(word);
      i++;
      // Its value comes along unless it is inline or missing (parseArgs then names the problem).
      if (flag.type !== 'switch' && eq < 0 && i < words.length && !isFlagWord(words[i]!))
        lifted.push(words[i++]!);
      continue;
    }
    const child = node.children.get(word);
    if (!child) break;
    node = child;
    i++;
  }
  const unmatched = words.slice(i);
  const rest = lifted.length > 0 ? [...unmatched, ...lifted] : unmatched;
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  if (!node.spec) {
    if (wantsHelp || unmatched.length === 0) {
      if (node === tree.root) return error('Type a command, or "help" to list them.');
      return { kind: 'help', node };
    }
    const word = unmatched[0]!;
    const options = [...node.children.keys()];
    const suggestion = closest(word, options);
    if (node === tree.root) {
      return error(
        `'${shown(word)}' is not a command.` +
          (suggestion ? ` Did you mean '${suggestion}'?` : '') +
          ` Type 'help' to list commands.`,
      );
    }
    return error(
      `${node.path.join(' ')}: '${shown(word)}' is not a '${node.path.join(' ')}' command.` +
        (suggestion ? ` Did you mean '${[...node.path, suggestion].join(' ')}'?` : '') +
        ` Try '${[...node.path, '--help'].join(' ')}'.`,
    );
  }
  if (wantsHelp) return { kind: 'help', node };
  // Commands that take their text verbatim (sim expect) read no flags: `->` or `-o` are text there.
  if (node.spec.rawTail) {
    if (rest.length === 0)
      return error(`${node.spec.path.join(' ')}: the following arguments are required: TEXT.`);
    return { kind: 'run', spec: node.spec, args: new ParsedArgs(new Map(), rest) };
  }
  return parseArgs(node.spec, rest);
}

function findFlag(spec: CommandSpec, word: string): FlagSpec | undefined {
  if (word.startsWith('--')) {
    const name = word.slice(2);
    return spec.flags.find((f) => f.name === name || f.aliases?.includes(name));
  }
  const short = word.slice(1);
  return spec.flags.find((f) => f.short === short);
}

const flagLabel = (f: FlagSpec): string => `--${f.name}${f.short ? `/-${f.short}` : ''}`;

function parseArgs(spec: CommandSpec, words: readonly string[]): ParseOutcome {
  const name = spec.path.join(' ');
  const flags = new Map<string, FlagValue>();
  const occurrences = new Map<string, string[][]>();
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!isFlagWord(word) || word === '--') {
      if (word !== '--') positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const key = eq > 0 ? word.slice(0, eq) : word;
    const inline = eq > 0 ? word.slice(eq + 1) : undefined;
    const flag = findFlag(spec, key);
    if (!flag) {
      const removed = spec.removedFlags?.find((r) => `--${r.name}` === key);
      if (removed) return error(`${name}: unrecognized arguments: ${key}. ${removed.hint}`);
      const names = spec.flags.flatMap((f) => [`--${f.name}`, ...(f.aliases ?? []).map((a) => `--${a}`)]);
      const suggestion = closest(key, names);
      return error(
        `${name}: unrecognized arguments: ${shown(key)}.` +
          (suggestion ? ` Did you mean ${suggestion}?` : '') +
          ` See '${name} --help'.`,
      );
    }
    if (flags.has(flag.name) && !(flag.repeatable && flag.type === 'list'))
      return error(`${name}: ${flagLabel(flag)} is given more than once.`);
    if (flag.type === 'switch') {
      if (inline !== undefined) return error(`${name}: ${flagLabel(flag)} takes no value.`);
      flags.set(flag.name, true);
      continue;
    }
    if (flag.type === 'list') {
      const values: string[] = inline !== undefined ? [inline] : [];
      while (i + 1 < words.length && !isFlagWord(words[i + 1]!)) values.push(words[++i]!);
      if (values.length === 0) return error(`${name}: ${flagLabel(flag)} expects at least one value.`);
      const before = flags.get(flag.name);
      flags.set(flag.name, Array.isArray(before) ? [...before, ...values] : values);
      if (flag.repeatable) occurrences.set(flag.name, [...(occurrences.get(flag.name) ?? []), values]);
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      if (i + 1 >= words.length || (isFlagWord(words[i + 1]!) && flag.type !== 'int')) {
        return error(
          `${name}: ${flagLabel(flag)} expects a value${flag.metavar ? ` (${flag.metavar})` : ''}.`,
        );
      }
      raw = words[++i]!;
    }
    const value = convert(name, flag, raw);
    if (typeof value === 'object' && value !== null && 'error' in value) return error(value.error);
    flags.set(flag.name, value);
  }
  const positionalSpecs = spec.positionals ?? [];
  const variadic = positionalSpecs.some((p) => p.variadic);
  if (!variadic && positionals.length > positionalSpecs.length) {
    return error(
      `${name}: unrecognized arguments: ${shown(positionals[positionalSpecs.length]!)}. See '${name} --help'.`,
    );
  }
  const missing = spec.flags.filter((f) => f.required && !flags.has(f.name)).map(flagLabel);
  const required = positionalSpecs.filter((p) => p.required).length;
  if (positionals.length < required)
    missing.push(...positionalSpecs.slice(positionals.length, required).map((p) => p.name));
  if (missing.length > 0)
    return error(`${name}: the following arguments are required: ${missing.join(', ')}.`);
  return { kind: 'run', spec, args: new ParsedArgs(flags, positionals, occurrences) };
}

function convert(name: string, flag: FlagSpec, raw: string): FlagValue | { error: string } {
  const label = flagLabel(flag);
  switch (flag.type) {
    case 'string':
      if (raw.length > 1024)
        return { error: `${name}: the value of ${label} is too long (over 1024 characters).` };
      return raw;
    case 'choice': {
      const choices = flag.choices ?? [];
      const match = choices.find((c) => c.toLowerCase() === raw.toLowerCase());
      if (match) return match;
      return {
        error: `${name}: argument ${label}: invalid choice '${shown(raw)}' (choose from ${choices.map((c) => `'${c}'`).join(', ')}).`,
      };
    }
    case 'int': {
      const min = flag.min ?? 0;
      const max = flag.max ?? 1_000_000;
      if (!/^-?\d{1,16}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        return {
          error: `${name}: argument ${label}: '${shown(raw)}' is not a whole number from ${min} to ${max}.`,
        };
      }
      return Number(raw);
    }
    case 'size':
    case 'duration':
    case 'rate': {
      const r =
        flag.type === 'size'
          ? parseSize(raw)
          : flag.type === 'duration'
            ? parseDuration(raw)
            : parseRate(raw);
      if (!r.ok) return { error: `${name}: argument ${label}: ${r.error.message}` };
      return r.value;
    }
    default:
      return raw;
  }
}
