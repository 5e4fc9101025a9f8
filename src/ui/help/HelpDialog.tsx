import { useEffect, useId, useMemo, useState } from 'react';
import { useScenarioStore } from '../scenarios/scenario-store';
import { commandCatalogue, filterCatalogue, type CatalogueGroup } from './command-catalogue';
import { Modal } from './Modal';
import { SHORTCUT_GROUPS } from './shortcuts';
import './help.css';

const TEXT_FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Whether a key press comes from somewhere typing happens. */
export function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return TEXT_FIELDS.has(target.tagName) || target.isContentEditable;
}

/** `?` opens help when the focus is not in a text field and no other dialog is open. */
export function useHelpShortcut(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key !== '?' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (typingTarget(e.target)) return;
      const s = useScenarioStore.getState();
      if (s.picker.open || s.helpOpen || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      s.setHelpOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** The header's help button. */
export function HelpButton() {
  const open = useScenarioStore((s) => s.helpOpen);
  return (
    <button
      type="button"
      className="btn header-btn header-btn--icon"
      aria-label="Help"
      aria-keyshortcuts="?"
      aria-haspopup="dialog"
      aria-expanded={open}
      title="Help: commands and keyboard shortcuts (?)"
      onClick={() => useScenarioStore.getState().setHelpOpen(true)}
    >
      <span aria-hidden="true">?</span>
    </button>
  );
}

/** The command tree, fetched with the console language the first time help opens. */
let cataloguePromise: Promise<CatalogueGroup[]> | undefined;
function loadCatalogue(): Promise<CatalogueGroup[]> {
  cataloguePromise ??= import('../../commands').then(
    (m) => commandCatalogue(m.createCommandTree(), m.SHELL_WORDS),
    (e: unknown) => {
      cataloguePromise = undefined;
      throw e;
    },
  );
  return cataloguePromise;
}

export function HelpDialogHost() {
  const open = useScenarioStore((s) => s.helpOpen);
  useHelpShortcut();
  if (!open) return null;
  return <HelpDialog />;
}

function Keys({ keys }: { keys: readonly (readonly string[])[] }) {
  return (
    <span className="help-keys">
      {keys.map((combo, i) => (
        <span key={i} className="help-keys__alt">
          {i > 0 && <span className="help-keys__or">or</span>}
          {combo.map((k, j) => (
            <span key={j}>
              {j > 0 && <span className="help-keys__plus">+</span>}
              <kbd>{k}</kbd>
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}

/** Help: the console's commands (from the command tree) and the dashboard's keyboard shortcuts. */
function HelpDialog() {
  const titleId = useId();
  const close = (): void => useScenarioStore.getState().setHelpOpen(false);
  const [groups, setGroups] = useState<CatalogueGroup[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState('');

  useEffect(() => {
    let live = true;
    loadCatalogue().then(
      (g) => live && setGroups(g),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const shown = useMemo(() => (groups ? filterCatalogue(groups, query) : []), [groups, query]);
  const count = shown.reduce((n, g) => n + g.commands.length, 0);

  return (
    <Modal labelledBy={titleId} onClose={close} className="help-dialog">
      <header className="modal__header">
        <div>
          <h2 id={titleId} className="modal__title">
            Help
          </h2>
          <p className="modal__subtitle">
            Every action in the dashboard runs a console command, so what you click teaches the CLI. Add{' '}
            <code>--help</code> to any command in the console for its options.
          </p>
        </div>
        <button type="button" className="modal__close" aria-label="Close" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="help-dialog__body">
        <section className="help-section help-section--keys" aria-labelledby={`${titleId}-keys`}>
          <h3 id={`${titleId}-keys`} className="help-section__title">
            Keyboard shortcuts
          </h3>
          {SHORTCUT_GROUPS.map((g) => (
            <div key={g.title} className="help-keygroup">
              <h4>
                {g.title} <span className="help-keygroup__where">{g.where}</span>
              </h4>
              <dl>
                {g.shortcuts.map((s) => (
                  <div key={s.does} className="help-shortcut">
                    <dt>
                      <Keys keys={s.keys} />
                    </dt>
                    <dd>{s.does}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
          <div className="help-section__more">
            <button
              type="button"
              className="btn"
              onClick={() => useScenarioStore.getState().setTourOpen(true)}
            >
              Show the tour again
            </button>
            <button type="button" className="btn" onClick={() => useScenarioStore.getState().openPicker()}>
              Open the scenarios
            </button>
          </div>
        </section>
        <section className="help-section help-section--commands" aria-labelledby={`${titleId}-cmds`}>
          <div className="help-section__head">
            <h3 id={`${titleId}-cmds`} className="help-section__title">
              Console commands
            </h3>
            <input
              type="search"
              className="help-filter"
              placeholder="Filter, e.g. replication"
              aria-label="Filter commands"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          {error && (
            <p className="modal__alert" role="alert">
              The command list could not be loaded ({error}). Type <code>help</code> in the console instead.
            </p>
          )}
          {!groups && !error && <p className="help-loading">Loading the command list…</p>}
          {groups && (
            <p className="help-count" role="status">
              {count} command{count === 1 ? '' : 's'}
              {query ? ` matching “${query}”` : ''}
            </p>
          )}
          <div className="help-commands" role="region" aria-label="Command list" tabIndex={0}>
            {shown.map((g) => (
              <section key={g.path} className="help-group">
                <h4>
                  <code>{g.path}</code>
                  {g.summary && <span className="help-group__summary">{g.summary}</span>}
                </h4>
                <dl>
                  {g.commands.map((c) => (
                    <div key={c.path} className="help-command">
                      <dt>
                        <code>{c.path}</code>
                      </dt>
                      <dd>{c.summary}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </section>
      </div>
    </Modal>
  );
}
