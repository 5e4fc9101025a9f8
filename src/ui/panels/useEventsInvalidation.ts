import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EngineApi } from '../engine/api';
import { createThrottle } from './throttle';

/** At most four refetches a second: a busy world emits hundreds of events a second at 3600×. */
const INVALIDATE_INTERVAL_MS = 250;

/** Marks every `['events', …]` query stale when the engine reports new events, throttled. */
export function useEventsInvalidation(engine: EngineApi): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const throttle = createThrottle(
      () => void queryClient.invalidateQueries({ queryKey: ['events'] }),
      INVALIDATE_INTERVAL_MS,
    );
    const unsubscribe = engine.onEvents(() => throttle.trigger());
    return () => {
      unsubscribe();
      throttle.cancel();
    };
  }, [engine, queryClient]);
}
