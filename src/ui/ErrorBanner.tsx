import { useEffect, useState } from 'react';
import type { WorkerEngine } from './engine/worker-client';

/** Shows engine errors as an alert instead of failing silently. */
export function ErrorBanner({ engine }: { engine: WorkerEngine }) {
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => engine.onError((m) => setErrors((e) => [...e.slice(-2), m])), [engine]);
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="error-banner">
      {errors.map((e, i) => (
        <p key={i}>{e}</p>
      ))}
      <button type="button" onClick={() => setErrors([])}>
        Dismiss
      </button>
    </div>
  );
}
