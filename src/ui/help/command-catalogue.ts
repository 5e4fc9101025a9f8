import type { CommandTree } from '../../commands';

/** One command of the console language, for the help panel. */
export interface CatalogueCommand {
  /** The words that run it, e.g. `az acr replication create`. */
  readonly path: string;
  readonly summary: string;
}

/** A group of commands under one node of the command tree, with the group's own help line. */
export interface CatalogueGroup {
  readonly path: string;
  readonly summary: string;
  readonly commands: readonly CatalogueCommand[];
}

/**
 * The console's commands grouped as the tree groups them (`az acr`, `az acr replication`,
 * `docker`, `sim client`, …), in tree order: every node with commands directly under it becomes
 * a group, so the panel matches what `GROUP --help` prints. The shell's own words (`help`,
 * `wait`, `jobs`) come first as "Shell".
 */
export function commandCatalogue(
  tree: CommandTree,
  shellWords: readonly { readonly word: string; readonly summary: string }[],
): CatalogueGroup[] {
  const groups: CatalogueGroup[] = [
    {
      path: 'Shell',
      summary: 'Words of the console itself.',
      commands: shellWords.map((w) => ({ path: w.word, summary: w.summary })),
    },
  ];
  const walk = (node: CommandTree['root']): void => {
    const commands = [...node.children.values()]
      .filter((c) => c.spec)
      .map((c) => ({ path: c.path.join(' '), summary: c.spec!.summary }));
    if (commands.length > 0 && node.path.length > 0) {
      groups.push({
        path: node.path.join(' '),
        summary: node.summary ?? node.spec?.summary ?? '',
        commands,
      });
    }
    for (const child of node.children.values()) if (child.children.size > 0) walk(child);
  };
  walk(tree.root);
  return groups;
}

/** Groups narrowed to commands whose words or summary contain every word of `query`. */
export function filterCatalogue(groups: readonly CatalogueGroup[], query: string): CatalogueGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  const matches = (text: string): boolean => words.every((w) => text.toLowerCase().includes(w));
  return groups
    .map((g) => ({
      ...g,
      commands: g.commands.filter(
        (c) => matches(`${c.path} ${c.summary}`) || matches(`${g.path} ${c.summary}`),
      ),
    }))
    .filter((g) => g.commands.length > 0);
}
