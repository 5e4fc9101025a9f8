import { throttleBudget } from './config';
import type { Registry, Replica } from './registry';
import type { Simulation } from './sim';

export type OperationKind = 'read' | 'write';

const MINUTE = 60_000;

/**
 * Admits or throttles one request against the serving replica's own budget (B-THROT-1,
 * B-THROT-2). Budgets are per replica and per one-minute window; a throttled request is
 * counted but not served.
 */
export function admitRequest(
  sim: Simulation,
  registry: Registry,
  replica: Replica,
  op: OperationKind,
): boolean {
  const c = replica.counters;
  const window = Math.floor(sim.now / MINUTE);
  if (c.window !== window) {
    c.window = window;
    c.reads = 0;
    c.writes = 0;
    c.throttledReads = 0;
    c.throttledWrites = 0;
  }
  if (op === 'read') {
    if (c.reads >= throttleBudget(sim.config, registry.sku, 'reads')) {
      c.throttledReads++;
      c.totalThrottled++;
      return false;
    }
    c.reads++;
    c.totalReads++;
  } else {
    if (c.writes >= throttleBudget(sim.config, registry.sku, 'writes')) {
      c.throttledWrites++;
      c.totalThrottled++;
      return false;
    }
    c.writes++;
    c.totalWrites++;
  }
  return true;
}
