import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { throttleBudget } from './config';
import type { SimEvent } from './events';
import { setRegionOutage, setRegistryOutage } from './health';
import { setGlobalEndpointRouting } from './lifecycle';
import {
  LOAD_BACKOFF,
  loadServing,
  startLoad,
  stopLoad,
  type LoadGenerator,
  type StartLoadOptions,
} from './load';
import { drain } from './operations';
import { findRegion } from './regions';
import type { Replica } from './registry';
import { unwrap } from './result';
import { globalRoutingPool } from './routing';
import type { Simulation } from './sim';
import { buildAndPush, geoWorld, pull, signedInClient, type GeoWorld } from './testkit';
import { admitBulk, admitRequest, throttleGauge } from './throttle';

const MINUTE = 60_000;
const IMAGE = 'myregistry.azurecr.io/app:v1';
/** `app:v1` is pushed with 2 layers: manifest + config + 2 layers = 4 reads per pull. */
const READS = 4;
const BUDGET = 10_000;

/** A Premium registry with Ready replicas in `locations`, holding app:v1 everywhere. */
function world(locations: readonly string[], seed = 1): GeoWorld {
  const w = geoWorld(locations, { seed });
  const dev = signedInClient(w, 'dev', locations[0]!);
  buildAndPush(w, dev, IMAGE, { size: 10_000_000, layers: 2 });
  if (!drain(w.sim, 3_600_000)) throw new Error('did not replicate');
  return w;
}

function start(w: GeoWorld, options: Partial<StartLoadOptions> & { name: string }): LoadGenerator {
  return unwrap(
    startLoad(w.sim, {
      location: 'eastus',
      pullsPerMinute: 100,
      image: IMAGE,
      ...options,
    } as StartLoadOptions),
  );
}

/** Advances to the next whole minute, so the following minutes are whole throttling windows. */
function toMinute(sim: Simulation): void {
  sim.advance(Math.ceil((sim.now + 1) / MINUTE) * MINUTE - sim.now);
}

function minutes(sim: Simulation, generator?: string): Array<Extract<SimEvent, { kind: 'load.minute' }>> {
  return sim.log.events.filter(
    (e): e is Extract<SimEvent, { kind: 'load.minute' }> =>
      e.kind === 'load.minute' && (generator === undefined || e.generator === generator),
  );
}

const balanced = (g: LoadGenerator): boolean => {
  const c = g.counts;
  return c.issued === c.succeeded + c.throttled + c.failed + c.inFlight && c.inFlight >= 0;
};

describe('load generators issue pulls at the requested rate', () => {
  it.each([1, 7, 59, 61, 2500, 10_000])('exactly %i pulls in every whole minute', (rate) => {
    const w = world(['eastus']);
    toMinute(w.sim);
    start(w, { name: 'fleet', pullsPerMinute: rate });
    w.sim.advance(5 * MINUTE + 1);
    const full = minutes(w.sim, 'fleet');
    expect(full).toHaveLength(5);
    for (const m of full) expect(m.issued).toBe(rate);
  });

  it('pulls on its very first tick, even at one pull a minute', () => {
    const w = world(['eastus']);
    const g = start(w, { name: 'slow', pullsPerMinute: 1 });
    w.sim.advance(1000);
    expect(g.counts.issued).toBe(1);
    expect(g.counts.succeeded).toBe(1);
  });

  it('schedules one event per second, not one per pull', () => {
    const w = world(['eastus']);
    start(w, { name: 'fleet', pullsPerMinute: 600_000 });
    const before = w.sim.scheduler.executed;
    w.sim.advance(10 * MINUTE);
    expect(w.sim.scheduler.executed - before).toBeLessThanOrEqual(601);
  });
});

describe('B-THROT-1 each replica serves its read budget per minute, then answers 429', () => {
  it('under budget every pull succeeds, and each costs 1 manifest GET + 1 GET per blob', () => {
    const w = world(['eastus']);
    toMinute(w.sim);
    const g = start(w, { name: 'fleet', pullsPerMinute: 2000 });
    w.sim.advance(3 * MINUTE + 1);
    for (const m of minutes(w.sim, 'fleet'))
      expect(m.replicas).toEqual([
        { location: 'eastus', ok: 2000, throttled: 0, failed: 0, reads: 2000 * READS },
      ]);
    expect(g.counts.throttled).toBe(0);
    expect(g.responses429).toBe(0);
  });

  it('over budget the replica accepts exactly its budget each minute and the other pulls get 429', () => {
    const w = world(['eastus']);
    toMinute(w.sim);
    const g = start(w, { name: 'fleet', pullsPerMinute: 3000 });
    w.sim.advance(4 * MINUTE + 1);
    const full = minutes(w.sim, 'fleet');
    expect(full).toHaveLength(4);
    for (const m of full) {
      expect(m.replicas[0]!.reads).toBe(BUDGET);
      expect(m.succeeded).toBe(BUDGET / READS);
      expect(m.throttled).toBe(3000 - BUDGET / READS);
    }
    expect(g.counts.throttled).toBe(4 * (3000 - BUDGET / READS));
    expect(balanced(g)).toBe(true);
  });

  it('shares the counters with docker clients: a pull after the budget is spent gets TOOMANYREQUESTS', () => {
    const w = world(['eastus']);
    toMinute(w.sim);
    start(w, { name: 'fleet', pullsPerMinute: 600_000 });
    w.sim.advance(30_000);
    const node = signedInClient(w, 'node', 'eastus');
    const result = pull(w, node, IMAGE);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('TOOMANYREQUESTS');
    expect(result.error?.status).toBe(429);
  });

  it('follows a changed budget (sim config throttle.reads) in the next minute', () => {
    const w = world(['eastus']);
    toMinute(w.sim);
    start(w, { name: 'fleet', pullsPerMinute: 1000 });
    unwrap(w.sim.config.set('throttle.reads', 400));
    w.sim.advance(2 * MINUTE + 1);
    for (const m of minutes(w.sim, 'fleet')) {
      expect(m.replicas[0]!.reads).toBe(400);
      expect(m.succeeded).toBe(100);
    }
  });

  it('a Standard registry has a smaller budget than Premium', () => {
    const w = world(['eastus']);
    w.registry.sku = 'Standard';
    toMinute(w.sim);
    start(w, { name: 'fleet', pullsPerMinute: 1000 });
    w.sim.advance(MINUTE + 1);
    expect(minutes(w.sim, 'fleet')[0]!.replicas[0]!.reads).toBe(
      throttleBudget(w.sim.config, 'Standard', 'reads'),
    );
  });
});

describe('admitBulk(n) is n calls of admitRequest', () => {
  it('leaves identical counters for any sequence of bursts and pauses', () => {
    const w = geoWorld(['eastus', 'westeurope']);
    const [a, b] = [...w.registry.replicas.values()] as [Replica, Replica];
    unwrap(w.sim.config.set('throttle.reads', 50));
    unwrap(w.sim.config.set('throttle.writes', 20));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            wait: fc.integer({ min: 0, max: 90_000 }),
            n: fc.integer({ min: 0, max: 80 }),
            op: fc.constantFrom('read' as const, 'write' as const),
          }),
          { maxLength: 30 },
        ),
        (steps) => {
          for (const s of steps) {
            w.sim.advance(s.wait);
            const bulk = admitBulk(w.sim, w.registry, a, s.op, s.n);
            let single = 0;
            for (let i = 0; i < s.n; i++) if (admitRequest(w.sim, w.registry, b, s.op)) single++;
            expect(bulk).toBe(single);
            expect(a.counters).toEqual(b.counters);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the gauge shows the last whole minute and the current one without rolling the window', () => {
    const w = world(['eastus']);
    toMinute(w.sim);
    const replica = w.registry.homeReplica;
    admitBulk(w.sim, w.registry, replica, 'read', 70);
    admitBulk(w.sim, w.registry, replica, 'write', 5);
    w.sim.advance(MINUTE + 10_000);
    admitBulk(w.sim, w.registry, replica, 'read', 3);
    const g = throttleGauge(w.sim, w.registry, replica);
    expect(g.lastMinute).toEqual({ reads: 70, writes: 5, throttled: 0 });
    expect(g.thisMinute).toEqual({ reads: 3, writes: 0, throttled: 0 });
    w.sim.advance(2 * MINUTE);
    const later = throttleGauge(w.sim, w.registry, replica);
    expect(later.lastMinute).toEqual({ reads: 0, writes: 0, throttled: 0 });
  });
});

describe('B-THROT-2 budgets are per replica, never per registry', () => {
  it('two regional endpoints split a load that one replica would throttle', () => {
    const one = world(['eastus', 'westeurope']);
    toMinute(one.sim);
    const single = start(one, {
      name: 'all',
      pullsPerMinute: 4000,
      image: 'myregistry.eastus.geo.azurecr.io/app:v1',
    });
    one.sim.advance(3 * MINUTE + 1);
    expect(single.counts.throttled).toBeGreaterThan(0);

    const two = world(['eastus', 'westeurope']);
    toMinute(two.sim);
    const east = start(two, {
      name: 'east',
      pullsPerMinute: 2000,
      image: 'myregistry.eastus.geo.azurecr.io/app:v1',
    });
    const west = start(two, {
      name: 'west',
      pullsPerMinute: 2000,
      image: 'myregistry.westeurope.geo.azurecr.io/app:v1',
    });
    two.sim.advance(3 * MINUTE + 1);
    expect(east.counts.throttled + west.counts.throttled).toBe(0);
    expect(east.counts.succeeded + west.counts.succeeded).toBeGreaterThanOrEqual(3 * 4000);
    for (const m of minutes(two.sim)) expect(m.replicas).toHaveLength(1);
    expect([...east.perReplica.keys()]).toEqual(['eastus']);
    expect([...west.perReplica.keys()]).toEqual(['westeurope']);
  });

  it('a regional endpoint with a global host picks the replica nearest to the fleet', () => {
    const w = world(['eastus', 'westeurope']);
    const g = start(w, { name: 'paris', location: 'francecentral', endpoint: 'regional' });
    expect(g.host).toBe('myregistry.westeurope.geo.azurecr.io');
  });

  it('during failover the remaining replica takes the moved traffic and can go over budget', () => {
    const w = world(['eastus', 'westeurope']);
    toMinute(w.sim);
    const us = start(w, { name: 'us', location: 'eastus', pullsPerMinute: 2000 });
    const eu = start(w, { name: 'eu', location: 'westeurope', pullsPerMinute: 2000 });
    w.sim.advance(2 * MINUTE);
    expect(us.counts.throttled + eu.counts.throttled).toBe(0);
    setRegionOutage(w.sim, findRegion('eastus')!.name, true);
    // Detection (3 m) plus every cached DNS answer expiring (1 m), then two whole minutes.
    w.sim.advance(4 * MINUTE);
    toMinute(w.sim);
    const before = { ...us.counts };
    w.sim.advance(2 * MINUTE);
    expect(loadServing(w.sim, us)).toEqual(new Map([['westeurope', 1]]));
    expect(us.counts.throttled + eu.counts.throttled).toBeGreaterThan(0);
    expect(us.counts.succeeded - before.succeeded).toBeGreaterThan(0);
    const last = minutes(w.sim).at(-1)!;
    expect(last.replicas.map((r) => r.location)).toEqual(['westeurope']);
    expect(w.registry.replicaAt('westeurope')!.counters.prevReads).toBe(BUDGET);
  });

  it('before detection, pulls routed to the failed replica fail (503) and are counted as failed', () => {
    const w = world(['eastus', 'westeurope']);
    const g = start(w, { name: 'us', location: 'eastus', pullsPerMinute: 600 });
    w.sim.advance(10_000);
    setRegionOutage(w.sim, findRegion('eastus')!.name, true);
    w.sim.advance(MINUTE);
    expect(g.failures.unavailable).toBeGreaterThanOrEqual(590);
    expect(g.counts.failed).toBe(g.failures.unavailable);
    expect(balanced(g)).toBe(true);
  });
});

describe('B-ROUTE-2 a fleet between tied replicas is split by DNS', () => {
  function run(seed: number) {
    const w = world(['eastus', 'westeurope', 'northeurope'], seed);
    unwrap(w.sim.config.set('routing.tieBand', '40%'));
    toMinute(w.sim);
    const g = start(w, { name: 'uk', location: 'uksouth', pullsPerMinute: 6000 });
    w.sim.advance(10 * MINUTE + 1);
    return { w, g };
  }

  it('sends pulls to both tied replicas, never the far one, in proportion to the DNS answers', () => {
    const { w, g } = run(1);
    const we = g.perReplica.get('westeurope')!;
    const ne = g.perReplica.get('northeurope')!;
    expect(g.perReplica.has('eastus')).toBe(false);
    const total = we.ok + ne.ok;
    expect(total).toBe(g.counts.succeeded);
    expect(we.ok / total).toBeGreaterThan(0.3);
    expect(we.ok / total).toBeLessThan(0.7);
    const shares = loadServing(w.sim, g);
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('is deterministic for a seed (B-DET-1)', () => {
    const a = run(5);
    const b = run(5);
    expect(JSON.stringify(a.w.sim.log.events)).toBe(JSON.stringify(b.w.sim.log.events));
  });
});

describe('--retry backoff', () => {
  it('waits 1 s, 2 s, 4 s … at most 60 s between tries, and gives up after the last retry', () => {
    const w = world(['eastus', 'westeurope']);
    setRegistryOutage(w.sim, w.registry, w.registry.replicaAt('westeurope')!, true);
    const g = start(w, {
      name: 'one',
      pullsPerMinute: 1,
      durationMs: 1000,
      retry: 'backoff',
      image: 'myregistry.westeurope.geo.azurecr.io/app:v1',
    });
    const t0 = Math.ceil(w.sim.now / 1000) * 1000;
    const tries: number[] = [];
    let seen = 0;
    while (!g.finished && w.sim.now < t0 + 10 * MINUTE) {
      w.sim.scheduler.step();
      if (g.attempts > seen) {
        seen = g.attempts;
        tries.push(w.sim.now - t0);
      }
    }
    expect(g.finished).toBe(true);
    expect(tries).toHaveLength(1 + LOAD_BACKOFF.maxRetries);
    const gaps = tries.slice(1).map((t, i) => (t - tries[i]!) / 1000);
    gaps.forEach((gap, i) => {
      const hi = Math.min(60, 2 ** i);
      expect(gap).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(hi / 2)));
      expect(gap).toBeLessThanOrEqual(hi);
    });
    expect(g.counts).toEqual({ issued: 1, succeeded: 0, throttled: 0, failed: 1, inFlight: 0 });
    const stopped = w.sim.log.events.find((e) => e.kind === 'load.stopped');
    expect(stopped).toMatchObject({ finished: true, failed: 1 });
  });

  it('spreads a burst of retries over several seconds (jitter)', () => {
    const w = world(['eastus']);
    unwrap(w.sim.config.set('throttle.reads', 4));
    toMinute(w.sim);
    const g = start(w, { name: 'burst', pullsPerMinute: 60_000, durationMs: 1000, retry: 'backoff' });
    w.sim.advance(1);
    expect(g.counts.inFlight).toBe(999);
    const dues = [...g.retries.keys()];
    expect(dues).toHaveLength(1);
    w.sim.advance(1000);
    expect(g.retries.size).toBeGreaterThanOrEqual(2);
    expect(balanced(g)).toBe(true);
  });

  it('carries a rollout burst over into the next minutes: every pull succeeds, none without retries do', () => {
    const rollout = (retry: 'none' | 'backoff') => {
      const w = world(['eastus']);
      toMinute(w.sim);
      w.sim.advance(20_000);
      const g = start(w, { name: 'rollout', pullsPerMinute: 6000, durationMs: MINUTE, retry });
      w.sim.advance(10 * MINUTE);
      expect(g.finished).toBe(true);
      expect(balanced(g)).toBe(true);
      return g;
    };
    const plain = rollout('none');
    const backoff = rollout('backoff');
    expect(plain.counts.issued).toBe(6000);
    expect(plain.counts.throttled).toBeGreaterThan(0);
    expect(backoff.counts).toEqual({ issued: 6000, succeeded: 6000, throttled: 0, failed: 0, inFlight: 0 });
    expect(backoff.responses429).toBeGreaterThan(0);
  });

  it('rides out MANIFEST_UNKNOWN after a cross-region push until replication lands', () => {
    const w = world(['eastus', 'westeurope']);
    const dev = w.sim.clients.get('dev')!;
    const v2 = 'myregistry.azurecr.io/app:v2';
    const results: Record<string, LoadGenerator> = {};
    for (const retry of ['none', 'backoff'] as const) {
      buildAndPush(w, dev, `${v2}-${retry}`, { size: 200_000_000, layers: 2 });
      results[retry] = start(w, {
        name: `eu-${retry}`,
        location: 'westeurope',
        pullsPerMinute: 600,
        durationMs: 10_000,
        retry,
        image: `myregistry.westeurope.geo.azurecr.io/app:v2-${retry}`,
      });
      w.sim.advance(5 * MINUTE);
    }
    expect(results.none!.failures['manifest-unknown']).toBeGreaterThan(0);
    expect(results.none!.counts.failed).toBeGreaterThan(0);
    expect(results.backoff!.failures['manifest-unknown']).toBeGreaterThan(0);
    expect(results.backoff!.counts.succeeded).toBe(results.backoff!.counts.issued);
  });

  it('stopping gives up pending retries, by their last answer, and keeps the counts balanced', () => {
    const w = world(['eastus']);
    toMinute(w.sim);
    const g = start(w, { name: 'fleet', pullsPerMinute: 30_000, retry: 'backoff' });
    w.sim.advance(30_500);
    expect(g.counts.inFlight).toBeGreaterThan(0);
    const pending = g.counts.inFlight;
    const throttledBefore = g.counts.throttled;
    unwrap(stopLoad(w.sim, 'fleet'));
    expect(g.counts.inFlight).toBe(0);
    expect(g.counts.throttled).toBe(throttledBefore + pending);
    expect(balanced(g)).toBe(true);
    expect(w.sim.loads.has('fleet')).toBe(false);
    const executed = w.sim.scheduler.executed;
    w.sim.advance(5 * MINUTE);
    expect(w.sim.scheduler.executed - executed).toBeLessThanOrEqual(1);
  });
});

describe('B-HEALTH-6 throttling never causes failover', () => {
  it('a replica throttling heavily for an hour stays healthy and in the global routing pool', () => {
    const w = world(['eastus', 'westeurope']);
    const g = start(w, { name: 'flood', pullsPerMinute: 100_000, retry: 'backoff' });
    const events = w.sim.log.length;
    w.sim.advance(60 * MINUTE);
    expect(g.responses429).toBeGreaterThan(1_000_000);
    expect(globalRoutingPool(w.registry).map((r) => r.location)).toEqual(['eastus', 'westeurope']);
    const kinds = new Set(w.sim.log.since(events).map((e) => e.kind));
    expect([...kinds].filter((k) => k.startsWith('health.') || k === 'dns.updated')).toEqual([]);
    expect(loadServing(w.sim, g)).toEqual(new Map([['eastus', 1]]));
  });
});

describe('bad input: a typed error and nothing changes', () => {
  const w = world(['eastus', 'westeurope']);
  w.registry.regionalEndpoints = true;
  const cases: Array<[string, Partial<StartLoadOptions>, string]> = [
    ['bad name', { name: 'no spaces' }, 'InvalidLoadName'],
    ['unknown location', { location: 'atlantis' }, 'UnknownRegion'],
    ['rate 0', { pullsPerMinute: 0 }, 'InvalidRate'],
    ['rate too high', { pullsPerMinute: 1_000_001 }, 'InvalidRate'],
    ['fractional rate', { pullsPerMinute: 2.5 }, 'InvalidRate'],
    ['NaN rate', { pullsPerMinute: NaN }, 'InvalidRate'],
    ['retry mode', { retry: 'forever' }, 'InvalidRetryMode'],
    ['endpoint kind', { endpoint: 'data' }, 'InvalidEndpoint'],
    ['duration too short', { durationMs: 10 }, 'InvalidDuration'],
    ['bad repository', { image: 'myregistry.azurecr.io/App:v1' }, 'NAME_INVALID'],
    ['no host', { image: 'app:v1' }, 'NoRegistryHost'],
    ['unknown registry', { image: 'nosuch.azurecr.io/app:v1' }, 'RegistryNotFound'],
    [
      'regional host with --endpoint global',
      { image: 'myregistry.westeurope.geo.azurecr.io/app:v1', endpoint: 'global' },
      'InvalidEndpoint',
    ],
    [
      'regional host without a replica',
      { image: 'myregistry.japaneast.geo.azurecr.io/app:v1' },
      'NoRegionalEndpoint',
    ],
  ];
  it.each(cases)('%s', (_name, options, code) => {
    const events = w.sim.log.length;
    const pending = w.sim.scheduler.pending;
    const r = startLoad(w.sim, {
      name: 'x',
      location: 'eastus',
      pullsPerMinute: 10,
      image: IMAGE,
      ...options,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
    expect(w.sim.log.length).toBe(events);
    expect(w.sim.scheduler.pending).toBe(pending);
    expect(w.sim.loads.size).toBe(0);
  });

  it('regional endpoints disabled, a duplicate name, stopping an unknown generator', () => {
    const v = world(['eastus']);
    v.registry.regionalEndpoints = false;
    const r = startLoad(v.sim, {
      name: 'x',
      location: 'eastus',
      pullsPerMinute: 10,
      image: IMAGE,
      endpoint: 'regional',
    });
    expect(!r.ok && r.error.code).toBe('RegionalEndpointsDisabled');
    start(v, { name: 'x' });
    const events = v.sim.log.length;
    const dup = startLoad(v.sim, { name: 'x', location: 'eastus', pullsPerMinute: 10, image: IMAGE });
    expect(!dup.ok && dup.error.code).toBe('LoadExists');
    const missing = stopLoad(v.sim, 'y');
    expect(!missing.ok && missing.error.code).toBe('LoadNotFound');
    expect(v.sim.log.length).toBe(events);
  });
});

/** Steps the scheduler one action at a time up to `ms` from now, checking after every action. */
function advanceChecked(sim: Simulation, ms: number, check: () => void): void {
  const until = sim.now + ms;
  while (sim.scheduler.peekTime() <= until) {
    sim.scheduler.step();
    check();
  }
  sim.scheduler.runUntil(until);
}

type Op =
  | {
      kind: 'start';
      location: number;
      rate: number;
      endpoint: number;
      retry: boolean;
      duration: number | undefined;
    }
  | { kind: 'stop'; which: number }
  | { kind: 'outage'; replica: number; on: boolean; scope: 'region' | 'registry' }
  | { kind: 'routing'; replica: number; enabled: boolean }
  | { kind: 'advance'; ms: number };

const REPLICAS = ['eastus', 'westeurope', 'northeurope'];
const FLEETS = ['eastus', 'eastus2', 'uksouth', 'francecentral', 'westeurope', 'japaneast'];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('start' as const),
      location: fc.nat({ max: FLEETS.length - 1 }),
      rate: fc.oneof(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 100, max: 5000 }),
        fc.constant(20_000),
      ),
      endpoint: fc.nat({ max: REPLICAS.length }),
      retry: fc.boolean(),
      duration: fc.option(
        fc.integer({ min: 1, max: 240 }).map((s) => s * 1000),
        { nil: undefined },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stop' as const), which: fc.nat({ max: 5 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('outage' as const),
      replica: fc.nat({ max: REPLICAS.length - 1 }),
      on: fc.boolean(),
      scope: fc.constantFrom('region' as const, 'registry' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('routing' as const),
      replica: fc.nat({ max: REPLICAS.length - 1 }),
      enabled: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 5_000, max: 5 * MINUTE })),
    }),
  },
);

describe('properties over random fleets, outages and routing changes', () => {
  it('per replica and minute, accepted reads never exceed the budget; issued = ok + 429 + failed + in flight at every step', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        (ops, seed) => {
          const w = world(REPLICAS, seed);
          unwrap(w.sim.config.set('throttle.reads', 3000));
          unwrap(w.sim.config.set('routing.tieBand', '25%'));
          const { sim, registry } = w;
          const budget = throttleBudget(sim.config, registry.sku, 'reads');
          const all: LoadGenerator[] = [];
          let n = 0;
          const check = (): void => {
            for (const g of all) {
              const c = g.counts;
              if (c.issued !== c.succeeded + c.throttled + c.failed + c.inFlight || c.inFlight < 0)
                throw new Error(`unbalanced ${g.name} at ${sim.now}: ${JSON.stringify(c)}`);
            }
            for (const r of registry.replicas.values())
              if (r.counters.reads > budget)
                throw new Error(`${r.location} over budget: ${r.counters.reads}`);
          };
          for (const op of ops) {
            switch (op.kind) {
              case 'start': {
                const loc = op.endpoint < REPLICAS.length ? REPLICAS[op.endpoint] : undefined;
                const r = startLoad(sim, {
                  name: `g${n++}`,
                  location: FLEETS[op.location]!,
                  pullsPerMinute: op.rate,
                  image: loc ? `myregistry.${loc}.geo.azurecr.io/app:v1` : IMAGE,
                  retry: op.retry ? 'backoff' : 'none',
                  ...(op.duration !== undefined ? { durationMs: op.duration } : {}),
                });
                all.push(unwrap(r));
                break;
              }
              case 'stop': {
                const names = [...sim.loads.keys()];
                if (names.length > 0) unwrap(stopLoad(sim, names[op.which % names.length]!));
                break;
              }
              case 'outage': {
                const replica = registry.replicaAt(REPLICAS[op.replica]!)!;
                if (op.scope === 'region') setRegionOutage(sim, replica.location, op.on);
                else setRegistryOutage(sim, registry, replica, op.on);
                break;
              }
              case 'routing':
                unwrap(setGlobalEndpointRouting(sim, registry, REPLICAS[op.replica]!, op.enabled));
                break;
              case 'advance':
                advanceChecked(sim, op.ms, check);
                break;
            }
            check();
          }
          advanceChecked(sim, 5 * MINUTE, check);
          for (const name of [...sim.loads.keys()]) unwrap(stopLoad(sim, name));
          check();
          for (const g of all) expect(g.counts.inFlight).toBe(0);
          // The log agrees: per replica and minute, the fleets' accepted reads stay within budget.
          const perWindow = new Map<string, number>();
          for (const m of minutes(sim))
            for (const r of m.replicas) {
              const key = `${r.location}@${m.from}`;
              perWindow.set(key, (perWindow.get(key) ?? 0) + r.reads);
            }
          for (const [key, reads] of perWindow) expect(reads, key).toBeLessThanOrEqual(budget);
          // 429s never change health: every health event follows an outage.
          const outages = sim.log.events.filter((e) => e.kind === 'outage.start').length;
          if (outages === 0) expect(sim.log.events.some((e) => e.kind.startsWith('health.'))).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('performance: 10,000 pulls per minute for 6 simulated hours', () => {
  it('runs in a few seconds of wall time (strict figures live in bench/load.bench.ts)', () => {
    const w = world(['eastus', 'westeurope']);
    const g = start(w, { name: 'fleet', pullsPerMinute: 10_000, retry: 'backoff' });
    const wall = process.hrtime.bigint();
    w.sim.advance(6 * 60 * MINUTE);
    const ms = Number(process.hrtime.bigint() - wall) / 1e6;
    expect(g.counts.issued).toBeGreaterThanOrEqual(3_600_000);
    expect(balanced(g)).toBe(true);
    console.log(
      `load: 6 simulated hours at 10,000 pulls/min (${g.counts.issued} pulls) took ${ms.toFixed(0)} ms`,
    );
    expect(ms).toBeLessThan(20_000);
  });
});
