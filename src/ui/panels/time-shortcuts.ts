/** The parts of a focused element that decide whether a time shortcut may use a key. */
export interface FocusTarget {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

export type TimeShortcut = 'toggle-play' | 'faster' | 'slower';

/** Elements opt in to Space-toggles-play with this attribute (the map's container, say). */
export const TIME_SHORTCUT_SCOPE = 'data-time-shortcuts';

export const SHORTCUTS_HELP =
  'Keys: Space plays or pauses (when the page or the map has focus), ] speeds up, [ slows down.';

const TEXT_FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * Which time shortcut a key press means, if any. Typing wins: nothing is taken from text
 * fields (the console needs `[`, `]` and Space). Space is also left to buttons and links,
 * which it activates, and is taken only on the page itself, a canvas, or an element that
 * opted in with {@link TIME_SHORTCUT_SCOPE}.
 */
export function timeShortcutFor(
  key: string,
  modifiers: { readonly ctrl: boolean; readonly meta: boolean; readonly alt: boolean },
  target: FocusTarget | null,
): TimeShortcut | undefined {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return undefined;
  const tag = target?.tagName.toUpperCase() ?? 'BODY';
  if (TEXT_FIELDS.has(tag) || target?.isContentEditable) return undefined;
  if (key === ']') return 'faster';
  if (key === '[') return 'slower';
  if (key === ' ') {
    const onPage = tag === 'BODY' || tag === 'HTML' || tag === 'CANVAS';
    const optedIn = target?.closest?.(`[${TIME_SHORTCUT_SCOPE}]`) != null;
    return onPage || optedIn ? 'toggle-play' : undefined;
  }
  return undefined;
}
