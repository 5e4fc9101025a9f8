import { useEffect, useState } from 'react';
import { useEngine } from '../engine/context';
import { downloadText } from './download';
import { useSessionUi } from './session-store';
import './session.css';

/** Alerts about the session: a refused link or file, unreadable saved data, a restored session. */
export function SessionNotices() {
  const notices = useSessionUi((s) => s.notices);
  const dismiss = useSessionUi((s) => s.dismiss);
  const engine = useEngine();
  const [progress, setProgress] = useState<number | undefined>(undefined);
  useEffect(() => engine.onProgress(setProgress), [engine]);
  if (notices.length === 0 && progress === undefined) return null;
  return (
    <div className="session-notices">
      {progress !== undefined && (
        <div role="status" className="session-notice session-notice--info">
          <p>Replaying the session from its log… {Math.round(progress * 100)}%</p>
          <progress max={1} value={progress} aria-label="Replay progress" />
        </div>
      )}
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.tone === 'error' ? 'alert' : 'status'}
          className={`session-notice session-notice--${n.tone}`}
        >
          <p>{n.text}</p>
          <div className="session-notice__actions">
            {n.download && (
              <button type="button" onClick={() => downloadText(n.download!.filename, n.download!.content)}>
                Download the unreadable data
              </button>
            )}
            <button type="button" onClick={() => dismiss(n.id)}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
