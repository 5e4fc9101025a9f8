import { downloadText } from './download';
import { useSessionUi } from './session-store';
import './session.css';

/** Alerts about the session: a refused link or file, unreadable saved data, a restored session. */
export function SessionNotices() {
  const notices = useSessionUi((s) => s.notices);
  const dismiss = useSessionUi((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="session-notices">
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
