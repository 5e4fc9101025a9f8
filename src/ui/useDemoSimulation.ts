import { useCallback, useState } from 'react';
import { applyDemoPreset, Simulation } from '../engine';

function demoWorld(seed: number): Simulation {
  const sim = new Simulation({ seed });
  applyDemoPreset(sim);
  return sim;
}

/**
 * Holds one simulation on the main thread for the plain engine view. The live dashboard will
 * host the engine in a Web Worker. The simulation object is created once and mutated by the
 * engine; `revision` changes after every action so React re-reads it.
 */
export function useDemoSimulation(seed: number) {
  const [sim] = useState(() => demoWorld(seed));
  const [revision, setRevision] = useState(0);
  const act = useCallback(
    (action: (s: Simulation) => void) => {
      action(sim);
      setRevision((r) => r + 1);
    },
    [sim],
  );
  return { sim, revision, act };
}
