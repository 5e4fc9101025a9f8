import { describe, expect, it } from 'vitest';
import { timeShortcutFor, type FocusTarget } from './time-shortcuts';

const none = { ctrl: false, meta: false, alt: false };
const el = (tagName: string, extra: Partial<FocusTarget> = {}): FocusTarget => ({ tagName, ...extra });

describe('timeShortcutFor', () => {
  it('takes Space on the page and on a canvas', () => {
    expect(timeShortcutFor(' ', none, null)).toBe('toggle-play');
    expect(timeShortcutFor(' ', none, el('BODY'))).toBe('toggle-play');
    expect(timeShortcutFor(' ', none, el('canvas'))).toBe('toggle-play');
  });

  it('never takes keys from the console input or other text fields', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      for (const key of [' ', '[', ']']) expect(timeShortcutFor(key, none, el(tag))).toBeUndefined();
    }
    expect(timeShortcutFor(']', none, el('DIV', { isContentEditable: true }))).toBeUndefined();
  });

  it('leaves Space to buttons, unless inside an opted-in scope such as the map', () => {
    expect(timeShortcutFor(' ', none, el('BUTTON'))).toBeUndefined();
    const inMap = el('DIV', { closest: (s: string) => (s === '[data-time-shortcuts]' ? {} : null) });
    expect(timeShortcutFor(' ', none, inMap)).toBe('toggle-play');
  });

  it('takes [ and ] anywhere but text fields', () => {
    expect(timeShortcutFor(']', none, el('BUTTON'))).toBe('faster');
    expect(timeShortcutFor('[', none, null)).toBe('slower');
  });

  it('ignores keys with modifiers and other keys', () => {
    expect(timeShortcutFor(']', { ...none, ctrl: true }, null)).toBeUndefined();
    expect(timeShortcutFor(' ', { ...none, meta: true }, null)).toBeUndefined();
    expect(timeShortcutFor('p', none, null)).toBeUndefined();
  });
});
