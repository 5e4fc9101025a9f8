import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useEngine } from '../engine/context';
import { downloadText } from './download';
import { restorePreviousSession } from './replace-session';
import { useSessionUi, type Notice } from './session-store';
import './session.css';

/**
 * Alerts about the session: a refused link or file, unreadable saved data, a restored session.
 * Information goes away by itself after a few seconds (not while hovered or focused); errors and
 * notices that offer something to do stay until dismissed.
 */
export function SessionNotices() {
  const notices = useSessionUi((s) => s.notices);
  const engine = useEngine();
  const [progress, setProgress] = useState<number | undefined>(undefined);
  useEffect(() => engine.onProgress(setProgress), [engine]);
  if (notices.length === 0 && progress === undefined) return null;
  return (
    <div className="session-notices" ref={placeOverMap}>
      {progress !== undefined && (
        <div role="status" className="session-notice session-notice--info">
          <p>Replaying the session from its log… {Math.round(progress * 100)}%</p>
          <progress max={1} value={progress} aria-label="Replay progress" />
        </div>
      )}
      {notices.map((n) => (
        <SessionNotice key={n.id} notice={n} />
      ))}
    </div>
  );
}

/** Space kept between the notices and the edges of the map. */
const MARGIN_PX = 12;

/**
 * Keeps the notices in the map's lower right corner: above the console (its input row stays
 * clear) and left of the side column (region panel, event list), however the layout is sized.
 * Without the map (it failed to render), session.css places them the same way approximately.
 */
function placeOverMap(stack: HTMLDivElement): () => void {
  const map = document.querySelector<HTMLElement>('.map-area');
  if (!map) return () => undefined;
  const place = (): void => {
    const r = map.getBoundingClientRect();
    const px = (n: number): string => `${Math.max(0, Math.round(n))}px`;
    stack.style.setProperty('--notices-bottom', px(window.innerHeight - r.bottom + MARGIN_PX));
    stack.style.setProperty('--notices-right', px(window.innerWidth - r.right + MARGIN_PX));
    stack.style.setProperty('--notices-max-width', px(r.width - 2 * MARGIN_PX));
    stack.style.setProperty('--notices-max-height', px(r.height - 2 * MARGIN_PX));
  };
  place();
  const observer = new ResizeObserver(place);
  observer.observe(map);
  window.addEventListener('resize', place);
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', place);
  };
}

function SessionNotice({ notice: n }: { notice: Notice }) {
  const engine = useEngine();
  const queries = useQueryClient();
  const { dismiss, hold, release } = useSessionUi.getState();
  // The restore asks first if the current session has work, and dismisses this notice if it goes ahead.
  const restore = (): void => void restorePreviousSession(engine, queries);
  return (
    <div
      role={n.tone === 'error' ? 'alert' : 'status'}
      className={`session-notice session-notice--${n.tone}`}
      onMouseEnter={() => hold(n.id, 'hover')}
      onMouseLeave={() => release(n.id, 'hover')}
      onFocus={() => hold(n.id, 'focus')}
      onBlur={() => release(n.id, 'focus')}
    >
      <p>{n.text}</p>
      <div className="session-notice__actions">
        {n.download && (
          <button type="button" onClick={() => downloadText(n.download!.filename, n.download!.content)}>
            {n.download.label ?? 'Download the unreadable data'}
          </button>
        )}
        {n.restorePrevious && (
          <button type="button" onClick={restore}>
            Restore my previous session
          </button>
        )}
        <button type="button" onClick={() => dismiss(n.id)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
