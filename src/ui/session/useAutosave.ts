import { useEffect } from 'react';
import type { EngineApi } from '../engine/api';
import { currentLayout } from './layout';
import { saveSession } from './persistence';
import { useSessionUi } from './session-store';

/** How often the session is written to local storage while the lab is open. */
const INTERVAL_MS = 2_000;

/**
 * Keeps the saved session current: every couple of seconds, and when the page is hidden or
 * closed. Writes only what changed, and never while unreadable saved data waits to be downloaded.
 */
export function useAutosave(engine: EngineApi): void {
  useEffect(() => {
    let last = '';
    let warned = false;
    const save = (): void => {
      if (useSessionUi.getState().holdAutosave) return;
      const doc = engine.sessionDoc(currentLayout());
      if (!doc) return;
      const text = JSON.stringify(doc);
      if (text === last) return;
      const failed = saveSession(globalThis.localStorage, doc);
      if (failed === undefined) last = text;
      else if (!warned) {
        warned = true;
        useSessionUi.getState().notify({
          tone: 'error',
          text: `The session could not be saved in this browser (${failed}). Export it from the Session menu to keep it.`,
        });
      }
    };
    const timer = setInterval(save, INTERVAL_MS);
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') save();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', save);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', save);
    };
  }, [engine]);
}
