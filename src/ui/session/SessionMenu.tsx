import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { decodeSessionJson, encodeShare, LIMITS, MAX_SHARE_CHARS, type SessionDoc } from '../../session';
import { useEngine } from '../engine/context';
import { downloadText, timestampedName } from './download';
import { currentLayout } from './layout';
import { browserStorage, loadPrevious } from './persistence';
import { openSessionDoc, restorePreviousSession, startNewSession } from './replace-session';
import { useSessionUi } from './session-store';
import './session.css';

/** The address that opens this session for someone else. */
export function shareUrl(doc: SessionDoc, base: string = location.href): string {
  const url = new URL(base);
  url.hash = `s=${encodeShare(doc)}`;
  return url.toString();
}

/**
 * The header's Session menu: share a link, export or import a session file, start over, and bring
 * back the session a shared link replaced. Whatever comes in is size-capped and validated before
 * anything changes; a refused one leaves the current session exactly as it was. The share link
 * shown is the one just copied: closing the menu forgets it, since the session moves on.
 */
export function SessionMenu() {
  const engine = useEngine();
  const queries = useQueryClient();
  const notify = useSessionUi((s) => s.notify);
  const [open, setOpenState] = useState(false);
  const [link, setLink] = useState<string | undefined>(undefined);
  /** Whether a session replaced by a shared link is kept aside (read when the menu opens). */
  const [hasPrevious, setHasPrevious] = useState(false);
  const setOpen = (next: boolean): void => {
    setOpenState(next);
    setLink(undefined);
    if (next) setHasPrevious(loadPrevious(browserStorage()) !== undefined);
  };
  const fileInput = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        setOpenState(false);
        setLink(undefined);
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent): void => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) {
        setOpenState(false);
        setLink(undefined);
      }
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    panel.current?.querySelector<HTMLButtonElement>('button')?.focus();
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const doc = (): SessionDoc | undefined => engine.sessionDoc(currentLayout());

  const share = async (): Promise<void> => {
    const d = doc();
    if (!d) return;
    const url = shareUrl(d);
    if (url.length > MAX_SHARE_CHARS) {
      notify({
        tone: 'error',
        text: `This session is too long for a link (${url.length} characters). Export it as a file instead.`,
      });
      return;
    }
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      notify({
        tone: 'info',
        text: `Share link copied (${url.length} characters). Anyone who opens it gets this session, replayed.`,
      });
    } catch {
      notify({
        tone: 'info',
        text: 'The browser did not allow copying: select the link in the Session menu and copy it.',
      });
    }
  };

  const exportFile = (): void => {
    const d = doc();
    if (!d) return;
    downloadText(timestampedName('acr-lab-session'), JSON.stringify(d, null, 2));
    setOpen(false);
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setOpen(false);
    const refuse = (why: string): void =>
      notify({
        tone: 'error',
        text: `${file.name} was not imported: ${why}. Your current session is unchanged.`,
      });
    if (file.size > LIMITS.maxJsonBytes) {
      refuse(
        `it is ${Math.round(file.size / 1024)} KiB, more than the ${LIMITS.maxJsonBytes / 1024} KiB a session may have`,
      );
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      refuse('the file could not be read');
      return;
    }
    const decoded = decodeSessionJson(text);
    if (!decoded.ok) {
      refuse(decoded.error);
      return;
    }
    const current = engine.sessionView();
    if (
      current &&
      current.log.length > 0 &&
      !window.confirm('Replace the current session with the imported one?')
    )
      return;
    await openSessionDoc(engine, queries, decoded.doc, `Imported ${file.name}`);
    notify({ tone: 'info', text: `Imported ${file.name}: ${decoded.doc.log.length} commands replayed.` });
  };

  const startOver = async (): Promise<void> => {
    setOpen(false);
    const current = engine.sessionView();
    if (
      current &&
      current.log.length > 0 &&
      !window.confirm('Start a new session? The current one is replaced (export it first to keep it).')
    )
      return;
    await startNewSession(engine, queries);
  };

  const restorePrevious = async (): Promise<void> => {
    setOpen(false);
    await restorePreviousSession(engine, queries);
  };

  return (
    <div className="session-menu">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        className="btn header-btn"
        onClick={() => setOpen(!open)}
        title="Session: share a link, export, import or start over"
      >
        <svg className="header-btn__icon" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M3 2.5h8l2 2v9H3z M5 2.5v4h5v-4 M5 13.5v-4h6v4" />
        </svg>
        <span className="header-btn__label">Session</span>
      </button>
      {open && (
        <div ref={panel} id={id} className="session-menu__panel" role="group" aria-label="Session">
          <button type="button" onClick={() => void share()}>
            Copy share link
          </button>
          {link && (
            <label className="session-menu__link">
              Share link
              <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            </label>
          )}
          <button type="button" onClick={exportFile}>
            Export session file
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import session file…
          </button>
          <button type="button" onClick={() => void startOver()}>
            New session
          </button>
          {hasPrevious && (
            <button type="button" onClick={() => void restorePrevious()}>
              Restore my previous session
            </button>
          )}
          <p className="session-menu__hint">
            The session is saved in this browser as you go: a reload brings it back exactly.
          </p>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Import session file"
        onChange={(e) => void importFile(e)}
      />
    </div>
  );
}
