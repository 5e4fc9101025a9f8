import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Tab {
  readonly id: string;
  readonly label: string;
  /** Draws the panel; `shown` is false while a kept-mounted panel hides behind another tab. */
  readonly render: (shown: boolean) => ReactNode;
  /** Keep the panel mounted while another tab shows (keeps its state, e.g. event filters). */
  readonly keepMounted?: boolean;
}

/** Tabs for the lower part of the side column (Events / Charts / Webhooks / Cost) (WAI-ARIA tabs, arrow keys move between tabs). */
export function LogTabs({ tabs, label }: { tabs: readonly Tab[]; label: string }) {
  const [active, setActive] = useState(tabs[0]!.id);
  const base = useId();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent): void => {
    const i = tabs.findIndex((t) => t.id === active);
    let next = i;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    const id = tabs[next]!.id;
    setActive(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div className="log-tabs">
      <div className="log-tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
              else refs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-controls={`${base}-panel-${t.id}`}
            aria-selected={t.id === active}
            tabIndex={t.id === active ? 0 : -1}
            className="log-tabs__tab"
            onClick={() => setActive(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) =>
        t.id === active || t.keepMounted ? (
          <div
            key={t.id}
            role="tabpanel"
            id={`${base}-panel-${t.id}`}
            aria-labelledby={`${base}-tab-${t.id}`}
            hidden={t.id !== active}
            className="log-tabs__panel"
          >
            {t.render(t.id === active)}
          </div>
        ) : null,
      )}
    </div>
  );
}
