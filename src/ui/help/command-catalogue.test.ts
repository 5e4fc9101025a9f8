import { describe, expect, it } from 'vitest';
import { createCommandTree, SHELL_WORDS } from '../../commands';
import { commandCatalogue, filterCatalogue } from './command-catalogue';
import { SHORTCUT_GROUPS } from './shortcuts';
import { timeShortcutFor } from '../panels/time-shortcuts';

describe('the help panel’s command list', () => {
  const tree = createCommandTree();
  const groups = commandCatalogue(tree, SHELL_WORDS);
  const all = groups.flatMap((g) => g.commands.map((c) => c.path));

  it('lists every command of the tree once, with its summary', () => {
    const specs = tree.all().map((s) => s.path.join(' '));
    expect([...all].filter((p) => !['help', 'wait', 'jobs', 'clear'].includes(p)).sort()).toEqual(
      [...specs].sort(),
    );
    expect(new Set(all).size).toBe(all.length);
    for (const g of groups) for (const c of g.commands) expect(c.summary).not.toBe('');
  });

  it('groups commands as the tree does, with the group help line', () => {
    const replication = groups.find((g) => g.path === 'az acr replication');
    expect(replication?.summary).toBe('Manage geo-replicas of a Premium registry.');
    expect(replication?.commands.map((c) => c.path)).toContain('az acr replication create');
    expect(groups[0]!.path).toBe('Shell');
  });

  it('filters by every word, in the command or its summary', () => {
    const shown = filterCatalogue(groups, 'replication create');
    expect(shown.flatMap((g) => g.commands.map((c) => c.path))).toContain('az acr replication create');
    expect(shown.flatMap((g) => g.commands.map((c) => c.path))).not.toContain('docker push');
    expect(filterCatalogue(groups, '')).toHaveLength(groups.length);
    expect(filterCatalogue(groups, 'zzzz-nothing')).toEqual([]);
  });
});

describe('the help panel’s shortcuts', () => {
  it('lists the time keys the page really takes', () => {
    const anywhere = SHORTCUT_GROUPS.find((g) => g.title === 'Anywhere')!;
    const keys = anywhere.shortcuts.flatMap((s) => s.keys.flat());
    const none = { ctrl: false, meta: false, alt: false };
    for (const k of ['[', ']']) {
      expect(keys).toContain(k);
      expect(timeShortcutFor(k, none, { tagName: 'BODY' })).toBeDefined();
    }
    expect(timeShortcutFor(' ', none, { tagName: 'BODY' })).toBe('toggle-play');
  });
});
