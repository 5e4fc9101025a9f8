import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { EngineApi } from '../engine/api';
import { createThrottle } from './throttle';

/** At most four refetches a second: a busy world emits hundreds of events a second at 3600×. */
const INVALIDATE_INTERVAL_MS = 250;

/**
 * Marks every `['events', …]` query stale when the engine reports new events, throttled. While
 * the log is not `shown` (another tab is in front) it does not listen at all, and refetches once
 * when it shows again: a hidden log would otherwise re-render hundreds of rows nobody sees.
 */
export function useEventsInvalidation(engine: EngineApi, shown = true): void {
  const queryClient = useQueryClient();
  const missed = useRef(false);
  useEffect(() => {
    if (!shown) {
      missed.current = true;
      return;
    }
    const throttle = createThrottle(
      () => void queryClient.invalidateQueries({ queryKey: ['events'] }),
      INVALIDATE_INTERVAL_MS,
    );
    if (missed.current) {
      missed.current = false;
      throttle.trigger();
    }
    const unsubscribe = engine.onEvents(() => throttle.trigger());
    return () => {
      unsubscribe();
      throttle.cancel();
    };
  }, [engine, queryClient, shown]);
}
