import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { Scenario } from '../../scenarios/schema';
import { useEngine } from '../engine/context';
import { Modal } from '../help/Modal';
import {
  exportSessionAsScenario,
  loadLibrary,
  loadParser,
  sessionHasCommands,
  sessionLineCount,
  startScenario,
} from './scenario-session';
import { useScenarioStore } from './scenario-store';
import './scenarios.css';

type Library =
  | { readonly ok: true; readonly scenarios: readonly Scenario[] }
  | { readonly ok: false; readonly error: string };

/** The scenario library, fetched once when the picker first opens. */
let libraryPromise: Promise<Library> | undefined;
function library(): Promise<Library> {
  libraryPromise ??= loadLibrary().then(
    (m) => ({ ok: true as const, scenarios: m.SCENARIOS }),
    (e: unknown) => {
      libraryPromise = undefined;
      return { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    },
  );
  return libraryPromise;
}

function stepCount(s: Scenario): string {
  return `${s.steps.length} step${s.steps.length === 1 ? '' : 's'}`;
}

/** The header's "Scenarios" button. */
export function ScenariosButton() {
  const open = useScenarioStore((s) => s.picker.open);
  return (
    <button
      type="button"
      className="btn header-btn"
      data-tour="scenarios"
      title="Scenarios: guided stories with checkpoints"
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={() => useScenarioStore.getState().openPicker()}
    >
      <svg className="header-btn__icon" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M3 2.5h7.5L13 5v8.5H3z M10.5 2.5V5H13 M5.5 8h5 M5.5 10.5h3.5" />
      </svg>
      <span className="header-btn__label">Scenarios</span>
    </button>
  );
}

/** The picker dialog, mounted while open. */
export function ScenarioPickerHost() {
  const picker = useScenarioStore((s) => s.picker);
  if (!picker.open) return null;
  return <ScenarioPicker preselect={picker.preselect} />;
}

/**
 * The scenario picker: the library (title and what each teaches), "Open scenario file…" and
 * "Export session as scenario". Choosing a scenario while the session has commands asks first.
 */
function ScenarioPicker({ preselect }: { preselect: string | undefined }) {
  const engine = useEngine();
  const queries = useQueryClient();
  const titleId = useId();
  const descId = useId();
  const close = useScenarioStore((s) => s.closePicker);
  const [lib, setLib] = useState<Library | undefined>(undefined);
  const [confirming, setConfirming] = useState<Scenario | undefined>(undefined);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [starting, setStarting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** Set once a scenario started: focus then goes to the player's "Run step", not back to the header. */
  const started = useRef(false);

  const begin = async (scenario: Scenario): Promise<void> => {
    setStarting(true);
    try {
      await startScenario(engine, scenario, queries);
      started.current = true;
      close();
    } catch (e) {
      setStarting(false);
      setFileError(`The scenario could not start: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const choose = (scenario: Scenario): void => {
    setFileError(undefined);
    if (sessionHasCommands(engine)) setConfirming(scenario);
    else void begin(scenario);
  };

  // The library arrives once; "Start here" from the welcome card goes straight to its scenario.
  useEffect(() => {
    let live = true;
    void library().then((l) => {
      if (!live) return;
      setLib(l);
      const wanted =
        l.ok && preselect !== undefined ? l.scenarios.find((x) => x.id === preselect) : undefined;
      if (wanted) choose(wanted);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening of the picker
  }, []);

  // Focus the first scenario once the list is there (the dialog itself focused its close button).
  useEffect(() => {
    if (lib?.ok && !confirming && preselect === undefined)
      list.current?.querySelector<HTMLElement>('.scenario-item')?.focus();
  }, [lib, confirming, preselect]);

  const onListKey = (e: KeyboardEvent<HTMLUListElement>): void => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('.scenario-item')];
    const i = items.indexOf(document.activeElement as HTMLElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (i + 1) % items.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    if (next < 0 || items.length === 0) return;
    e.preventDefault();
    items[next]!.focus();
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setFileError(undefined);
    setNotice(undefined);
    try {
      const [{ parseScenarioFile }, text] = await Promise.all([loadParser(), file.text()]);
      const result = parseScenarioFile(text);
      if (!result.ok) {
        setFileError(
          `“${file.name}” is not a scenario this lab can play: ${result.error}. Nothing was changed.`,
        );
        return;
      }
      choose(result.scenario);
    } catch (err) {
      setFileError(
        `“${file.name}” could not be read (${err instanceof Error ? err.message : String(err)}). Nothing was changed.`,
      );
    }
  };

  const onExport = async (): Promise<void> => {
    setFileError(undefined);
    try {
      const { fileName, cutShort } = await exportSessionAsScenario(engine);
      setNotice(
        `Saved ${fileName}. Open it with “Open scenario file…” to replay it, or edit its text first.` +
          (cutShort > 0
            ? ` ${cutShort === 1 ? 'One command was' : `${cutShort} commands were`} cut short in the session, which a script cannot do: the file runs ${cutShort === 1 ? 'it' : 'them'} to the end and says so in the step text.`
            : ''),
      );
    } catch (err) {
      setFileError(`The session could not be exported: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <Modal
      labelledBy={titleId}
      describedBy={descId}
      onClose={close}
      className="scenario-picker"
      finalFocus={() => (started.current ? document.querySelector<HTMLElement>('.player__run') : undefined)}
    >
      <header className="modal__header">
        <div>
          <h2 id={titleId} className="modal__title">
            Scenarios
          </h2>
          <p id={descId} className="modal__subtitle">
            Guided stories that play in the console, step by step, with checkpoints. Each one starts a new
            session from an empty world.
          </p>
        </div>
        <button type="button" className="modal__close" aria-label="Close" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </header>

      {fileError && (
        <div className="modal__alert" role="alert">
          {fileError}
        </div>
      )}
      {notice && (
        <div className="modal__notice" role="status">
          {notice}
        </div>
      )}

      {confirming ? (
        <section className="scenario-confirm" aria-labelledby={`${titleId}-confirm`}>
          <h3 id={`${titleId}-confirm`}>Start “{confirming.title}”?</h3>
          <p>
            The current session has {sessionLineCount(engine)} command
            {sessionLineCount(engine) === 1 ? '' : 's'} in it. Starting the scenario replaces it with a new,
            empty world. Export the session first if you want to keep it.
          </p>
          <div className="modal__actions">
            <button
              type="button"
              className="btn btn--primary"
              disabled={starting}
              autoFocus
              onClick={() => void begin(confirming)}
            >
              {starting ? 'Starting…' : 'Replace and start'}
            </button>
            <button type="button" className="btn" onClick={() => void onExport()}>
              Export session first
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(undefined)}>
              Cancel
            </button>
          </div>
        </section>
      ) : (
        <div className="scenario-picker__body">
          {!lib && <p className="scenario-picker__loading">Loading the scenario library…</p>}
          {lib && !lib.ok && (
            <p className="modal__alert" role="alert">
              The scenario library could not be loaded ({lib.error}). Opening a scenario file still works.
            </p>
          )}
          {lib?.ok && (
            <ul
              ref={list}
              className="scenario-list"
              aria-label="Scenario library"
              aria-busy={starting}
              onKeyDown={onListKey}
            >
              {lib.scenarios.map((s, i) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="scenario-item"
                    data-scenario={s.id}
                    disabled={starting}
                    onClick={() => choose(s)}
                  >
                    <span className="scenario-item__number" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span className="scenario-item__text">
                      <span className="scenario-item__title">
                        {s.title}
                        {i === 0 && <span className="scenario-item__badge">Start here</span>}
                      </span>
                      <span className="scenario-item__teaches">{s.teaches}</span>
                    </span>
                    <span className="scenario-item__meta">{stepCount(s)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <footer className="modal__footer">
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Scenario file"
          onChange={(e) => void onFile(e)}
        />
        <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
          Open scenario file…
        </button>
        <button type="button" className="btn" onClick={() => void onExport()}>
          Export session as scenario
        </button>
        <span className="modal__footer-hint">↑/↓ move · Enter starts · Esc closes</span>
      </footer>
    </Modal>
  );
}
