import { createContext, useContext } from 'react';
import type { EngineApi } from './api';

export const EngineContext = createContext<EngineApi | null>(null);

/** The engine API for components below the provider. */
export function useEngine(): EngineApi {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('useEngine must be used inside <EngineContext.Provider>');
  return engine;
}
