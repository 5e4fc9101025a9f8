import type { CommandNode, CommandTree } from './registry';
import type { CommandSpec, FlagSpec } from './spec';

function flagUsage(f: FlagSpec): string {
  const names = [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])].join(' ');
  if (f.type === 'switch') return names;
  const meta =
    f.metavar ??
    (f.choices ? f.choices.join('|') : f.type === 'list' ? 'VALUE [VALUE ...]' : f.name.toUpperCase());
  return `${names} ${meta}`;
}

/** Help for one command: usage, description, arguments, examples. */
export function commandHelp(spec: CommandSpec): string[] {
  const lines: string[] = [];
  const positional = (spec.positionals ?? []).map((p) => (p.required ? p.name : `[${p.name}]`)).join(' ');
  const required = spec.flags.filter((f) => f.required).map((f) => flagUsage(f));
  lines.push(
    `Usage: ${[spec.path.join(' '), ...required, positional, '[options]'].filter(Boolean).join(' ')}`,
  );
  lines.push('');
  lines.push(spec.summary);
  if (spec.details) lines.push('', ...spec.details.split('\n'));
  if ((spec.positionals ?? []).length > 0) {
    lines.push('', 'Arguments:');
    for (const p of spec.positionals ?? []) lines.push(`  ${p.name.padEnd(30)} ${p.help}`);
  }
  if (spec.flags.length > 0) {
    lines.push('', 'Options:');
    for (const f of spec.flags) {
      const usage = flagUsage(f);
      const extra = [
        f.required ? 'required' : undefined,
        f.defaultText ? `default: ${f.defaultText}` : undefined,
      ].filter(Boolean);
      lines.push(`  ${usage.padEnd(30)} ${f.help}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`);
    }
  }
  if (spec.examples && spec.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const e of spec.examples) lines.push(`  ${e}`);
  }
  return lines;
}

/** Help for a group: its subgroups and commands with one line each. */
export function groupHelp(node: CommandNode): string[] {
  const lines: string[] = [];
  const name = node.path.join(' ');
  lines.push(name ? `Group: ${name}` : 'Commands');
  if (node.summary) lines.push('', node.summary);
  const groups = [...node.children.values()].filter((c) => c.children.size > 0 && !c.spec);
  const commands = [...node.children.values()].filter((c) => c.spec);
  if (groups.length > 0) {
    lines.push('', 'Subgroups:');
    for (const g of groups) lines.push(`  ${g.word.padEnd(20)} ${g.summary ?? ''}`.trimEnd());
  }
  if (commands.length > 0) {
    lines.push('', 'Commands:');
    for (const c of commands) lines.push(`  ${c.word.padEnd(20)} ${c.spec!.summary}`);
  }
  lines.push('', `Add --help to any command for its options.`);
  return lines;
}

/** The page `--help` prints for a node: a command's options, or a group's commands. */
export function helpPage(node: CommandNode): string[] {
  return node.spec ? commandHelp(node.spec) : groupHelp(node);
}

/** The console's own words (not a tool's commands): listed first by the help panel, explained by `help WORD`. */
export const SHELL_WORDS: readonly { readonly word: string; readonly summary: string }[] = [
  {
    word: 'help',
    summary:
      'The overview of every command family; "help COMMAND" (or COMMAND --help) shows one command\'s options.',
  },
  { word: 'wait', summary: 'Wait until the background jobs (lines ending in &) have finished.' },
  { word: 'jobs', summary: 'List background jobs and whether they are still running.' },
  { word: 'clear', summary: 'Clear the console output (Ctrl+L does the same).' },
];

/** The top-level overview printed by `help`. */
export function overview(tree: CommandTree): string[] {
  const lines = [
    'Commands follow the real CLIs (az, docker, kubectl) plus the simulator\'s own "sim" family.',
    '',
  ];
  for (const node of tree.root.children.values()) {
    lines.push(`  ${node.word.padEnd(10)} ${node.summary ?? node.spec?.summary ?? ''}`.trimEnd());
  }
  lines.push(
    '',
    'Type "help" and a group or command to see what it offers, e.g. "help az acr" or "help sim advance".',
  );
  return lines;
}
