import { useLayoutEffect, useRef, type RefObject } from 'react';
import { useUiStore } from '../store/ui-store';
import { regionCommands, type RegionCommand } from './region-commands';
import type { RegionView } from './region-detail';

/** The action whose button has focus, and the actions around it then, nearest first. */
interface FocusedAction {
  readonly id: RegionCommand['id'];
  readonly after: readonly RegionCommand['id'][];
  readonly before: readonly RegionCommand['id'][];
}

/**
 * The actions for the selected region. Each runs the equivalent console command, so the console
 * shows people the CLI for what they clicked. Toggles keep their action label ("End region
 * outage") and carry no `aria-pressed`; an active toggle is only drawn differently.
 *
 * A button that goes away while it has focus ("Create replica in …" once the replica exists,
 * "Delete replica" while it is deleted) hands focus to the next action still offered (else the one
 * before it, else `heading`), so focus never drops to the page's body.
 */
export function RegionActions({
  detail,
  heading,
}: {
  detail: RegionView;
  /** Takes focus when no action is left to take it (it needs `tabIndex={-1}`). */
  heading?: RefObject<HTMLElement | null>;
}) {
  const run = useUiStore((s) => s.requestCommand);
  const group = useRef<HTMLDivElement>(null);
  const focused = useRef<FocusedAction | undefined>(undefined);
  const commands = regionCommands(detail);

  useLayoutEffect(() => {
    const was = focused.current;
    if (!was || commands.some((c) => c.id === was.id)) return;
    focused.current = undefined;
    // Only focus that went down with the button: never take it from where it has moved since.
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    const offered = new Set(commands.map((c) => c.id));
    const next = [...was.after, ...was.before].find((id) => offered.has(id));
    const target =
      next === undefined
        ? heading?.current
        : group.current?.querySelector<HTMLElement>(`[data-action="${next}"]`);
    target?.focus({ preventScroll: true });
  });

  if (!detail.registry) {
    return <p className="muted">Create a registry first: az acr create -n NAME --sku Premium</p>;
  }
  return (
    <div className="region-actions" role="group" aria-label="Region actions" ref={group}>
      {commands.map((c, i) => (
        <button
          key={c.id}
          type="button"
          data-action={c.id}
          className={
            [c.primary ? 'primary' : '', c.pressed ? 'active' : ''].filter(Boolean).join(' ') || undefined
          }
          onClick={() => run(c.command)}
          onFocus={() => {
            focused.current = {
              id: c.id,
              after: commands.slice(i + 1).map((a) => a.id),
              before: commands
                .slice(0, i)
                .map((a) => a.id)
                .reverse(),
            };
          }}
          onBlur={(e) => {
            // Focus moved to another element (not dropped because the button went away).
            if (e.relatedTarget !== null) focused.current = undefined;
          }}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
