import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { RegionDetail } from '../../protocol/messages';
import { useEngine } from '../engine/context';
import { regionCommands } from '../region/region-commands';
import { useUiStore } from '../store/ui-store';

/** Where the menu opens: a region, at a point inside the map view. */
export interface HexMenuAnchor {
  readonly region: string;
  readonly x: number;
  readonly y: number;
}

/** The region panel's actions that make sense from the map (signing in stays in the panel). */
const MENU_ACTIONS = new Set(['create', 'delete', 'region-outage', 'registry-outage', 'routing']);

/**
 * A hexagon's context menu (right-click, or the context-menu key / Shift+F10 on a focused
 * hexagon): the region's actions, each run as its console command. Arrow keys move, Escape closes
 * and focus returns to the hexagon.
 */
export function HexContextMenu({
  anchor,
  onClose,
}: {
  anchor: HexMenuAnchor;
  /** `restoreFocus` is false when the menu closes because focus or a click went elsewhere. */
  onClose: (restoreFocus: boolean) => void;
}) {
  const engine = useEngine();
  const registry = useUiStore((s) => s.registry);
  const run = useUiStore((s) => s.requestCommand);
  const menuRef = useRef<HTMLDivElement>(null);
  const { data } = useQuery({
    queryKey: ['region', registry, anchor.region],
    queryFn: () =>
      engine.query<RegionDetail | undefined>({ kind: 'region', registry, region: anchor.region }),
  });
  const items = data ? regionCommands(data).filter((c) => MENU_ACTIONS.has(c.id)) : [];
  const title = data?.region.displayName ?? anchor.region;
  const ready = data !== undefined;

  useEffect(() => {
    if (ready) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [ready]);

  useEffect(() => {
    const onPointerDown = (e: PointerEvent): void => {
      if (!menuRef.current?.contains(e.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent): void => {
    const all = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (i + 1) % all.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + all.length) % all.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
      return;
    } else if (e.key === 'Tab') {
      e.preventDefault();
      onClose(true);
      return;
    }
    if (next >= 0 && all.length > 0) {
      e.preventDefault();
      all[next]!.focus();
    }
  };

  return (
    <div
      ref={menuRef}
      className="hex-menu"
      role="menu"
      aria-label={`${title} actions`}
      style={{ left: anchor.x, top: anchor.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      <div className="hex-menu-title" aria-hidden="true">
        {title}
      </div>
      {!ready && (
        <div className="hex-menu-empty" aria-hidden="true">
          …
        </div>
      )}
      {ready && items.length === 0 && (
        <div className="hex-menu-empty">Create a registry first (az acr create)</div>
      )}
      {items.map((c) => (
        <button
          key={c.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={c.pressed ? 'is-on' : undefined}
          onClick={() => {
            run(c.command);
            onClose(true);
          }}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
