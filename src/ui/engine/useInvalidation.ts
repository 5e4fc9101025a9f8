import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EngineApi } from './api';

/** At most this many query refreshes per second, however busy the engine is. */
const MIN_INTERVAL_MS = 250;

/**
 * Marks engine-backed queries stale when the engine reports events, so panels refetch. Request
 * events alone (which come by the thousand under load) do not change what the panels show except
 * the event log, which has its own invalidation.
 */
export function useEngineInvalidation(engine: EngineApi): void {
  const client = useQueryClient();
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = (): void => {
      timer = undefined;
      last = performance.now();
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'events' });
    };
    const off = engine.onEvents((events) => {
      if (!events.some((e) => e.kind !== 'request')) return;
      if (timer !== undefined) return;
      timer = setTimeout(refresh, Math.max(0, MIN_INTERVAL_MS - (performance.now() - last)));
    });
    // A rewind, restore or new session replaces the world: everything shown must be fetched again.
    const offSession = engine.onSession(() => void client.invalidateQueries());
    return () => {
      off();
      offSession();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [engine, client]);
}
