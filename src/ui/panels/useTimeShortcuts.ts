import { useEffect, useEffectEvent } from 'react';
import { timeShortcutFor, type TimeShortcut } from './time-shortcuts';

/** Listens for the time keys (Space, `[`, `]`) on the whole page while mounted. */
export function useTimeShortcuts(onShortcut: (shortcut: TimeShortcut) => void): void {
  const handle = useEffectEvent(onShortcut);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || (e.repeat && e.key === ' ')) return;
      const target = e.target instanceof Element ? (e.target as HTMLElement) : null;
      const shortcut = timeShortcutFor(e.key, { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey }, target);
      if (shortcut === undefined) return;
      e.preventDefault();
      handle(shortcut);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
