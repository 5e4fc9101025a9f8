import type { Process } from './process';
import type { Registry } from './registry';
import { fail, ok, type Result } from './result';
import type { Simulation } from './sim';
import type { Digest } from './types';

/**
 * Runs an operation to completion in simulated time and returns its result. Time advances only
 * as far as the operation needs (plus whatever else was due on the way).
 */
export function runToCompletion<R>(
  sim: Simulation,
  proc: Process<R>,
  limitMs = 30 * 24 * 3_600_000,
): Result<R> {
  const task = sim.spawn(proc);
  sim.runUntil(() => task.done, limitMs);
  if (!task.done) {
    task.cancel();
    return fail('Timeout', `The operation did not finish within ${limitMs} ms of simulated time.`);
  }
  return ok(task.result as R);
}

/**
 * The digest each replica serves for `repo:tag` (undefined where it has none), in replica order.
 * Replicas being deleted are left out.
 */
export function tagAcrossReplicas(
  registry: Registry,
  repo: string,
  tag: string,
): Array<[string, Digest | undefined]> {
  const out: Array<[string, Digest | undefined]> = [];
  for (const r of registry.replicas.values()) {
    if (r.phase === 'deleting') continue;
    out.push([r.location, r.store.resolveTag(repo, tag)]);
  }
  return out;
}

/** True when every replica serves the same digest for `repo:tag` and none is still on its way. */
export function isReplicated(registry: Registry, repo: string, tag: string): boolean {
  const all = tagAcrossReplicas(registry, repo, tag);
  const first = all[0]?.[1];
  if (first === undefined) return false;
  for (const [, d] of all) if (d !== first) return false;
  for (const job of registry.pending) if (job.change.repository === repo) return false;
  return true;
}

/**
 * Whether `repo:tag` is on some replica or may still arrive: a replication job for the repository
 * is pending, or a push, import or build into the registry is under way. When it is not, waiting
 * for it to replicate cannot succeed.
 */
export function tagMayAppear(registry: Registry, repo: string, tag: string): boolean {
  if (registry.writesInFlight > 0) return true;
  for (const job of registry.pending) if (job.change.repository === repo) return true;
  for (const [, d] of tagAcrossReplicas(registry, repo, tag)) if (d !== undefined) return true;
  return false;
}

/**
 * Runs `proc` counted in `registry.writesInFlight` (imports and builds; pushes count themselves).
 */
export function* countedWrite<R>(registry: Registry, proc: Process<R>): Process<R> {
  registry.writesInFlight++;
  try {
    return yield* proc;
  } finally {
    registry.writesInFlight--;
  }
}

/**
 * Advances time until `repo:tag` has one digest on every replica (what `sim wait replicated`
 * does). Returns the simulated milliseconds waited, or a Timeout error after `limitMs`.
 */
export function waitReplicated(
  sim: Simulation,
  registry: Registry,
  repo: string,
  tag: string,
  limitMs: number,
): Result<number> {
  const start = sim.now;
  if (isReplicated(registry, repo, tag)) return ok(0);
  const done = sim.runUntil(() => isReplicated(registry, repo, tag), limitMs);
  if (!done) {
    return fail(
      'Timeout',
      `${repo}:${tag} was not on every replica with one digest after ${Math.round(limitMs / 1000)} s.`,
      `${repo}:${tag}`,
    );
  }
  return ok(sim.now - start);
}

/** Advances time until no replication work is pending in any registry (quiescence). */
export function drain(sim: Simulation, limitMs: number): boolean {
  return sim.runUntil(() => {
    for (const r of sim.registries.values()) {
      if (r.pending.size > 0) return false;
      for (const rep of r.replicas.values()) if (rep.phase !== 'ready') return false;
    }
    return true;
  }, limitMs);
}
