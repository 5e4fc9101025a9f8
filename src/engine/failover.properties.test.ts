import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPull, pullImage } from './dataplane';
import { setRegionOutage, setRegistryOutage } from './health';
import { setGlobalEndpointRouting } from './lifecycle';
import { findRegion } from './regions';
import { unwrap } from './result';
import { buildAndPush, geoWorld, signedInClient } from './testkit';

const REPLICAS = ['eastus', 'westeurope', 'northeurope', 'japaneast'] as const;
const CLIENT_PLACES = ['francecentral', 'uksouth', 'eastus2', 'koreacentral', '52.9,-0.7'] as const;
/** Slack for the time between a request's DNS resolution and its log entry (two latencies + overhead). */
const SLACK_MS = 1_000;

type Op =
  | { kind: 'pull'; client: number }
  | { kind: 'outage'; replica: number; scope: 'region' | 'registry'; on: boolean }
  | { kind: 'routing'; replica: number; enabled: boolean }
  | { kind: 'advance'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('pull' as const), client: fc.nat(CLIENT_PLACES.length - 1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('outage' as const),
      replica: fc.integer({ min: 1, max: REPLICAS.length - 1 }),
      scope: fc.constantFrom('region' as const, 'registry' as const),
      on: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('routing' as const),
      replica: fc.integer({ min: 1, max: REPLICAS.length - 1 }),
      enabled: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 240_000 }) }),
  },
);

describe('B-HEALTH-2 / B-HEALTH-4 / B-HEALTH-7 property: caching clients leave a bad replica in time', () => {
  it('no global-endpoint request reaches a replica unhealthy since t after t + detection + TTL, or excluded since t after t + TTL', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(op, { minLength: 5, maxLength: 60 }),
        (seed, ops) => {
          const world = geoWorld([...REPLICAS], { seed });
          const { sim, registry } = world;
          // The home replica never fails, so the routing pool is never empty (no fallback answers).
          const writer = signedInClient(world, 'writer', 'eastus');
          expect(buildAndPush(world, writer, `${registry.loginServer}/app:v1`).ok).toBe(true);
          sim.advance(120_000);
          const clients = CLIENT_PLACES.map((place, i) =>
            signedInClient(world, `c${i}`, place, i % 2 === 0 ? 'cache' : 'no-cache'),
          );
          const plan = unwrap(planPull(sim, `${registry.loginServer}/app:v1`));
          const start = sim.log.length;
          for (const o of ops) {
            if (o.kind === 'pull') sim.spawn(pullImage(sim, clients[o.client]!, plan));
            else if (o.kind === 'advance') sim.advance(o.ms);
            else if (o.kind === 'routing')
              unwrap(setGlobalEndpointRouting(sim, registry, REPLICAS[o.replica]!, o.enabled));
            else if (o.scope === 'region') setRegionOutage(sim, findRegion(REPLICAS[o.replica]!)!.name, o.on);
            else setRegistryOutage(sim, registry, registry.replicaAt(REPLICAS[o.replica]!)!, o.on);
          }
          sim.advance(30 * 60_000);
          const detection = sim.config.get('health.detection');
          const ttl = sim.config.get('dns.ttl');
          // Replay the log: since when has each replica been unhealthy, or excluded?
          const unhealthySince = new Map<string, number>();
          const excludedSince = new Map<string, number>();
          const regionDown = new Set<string>();
          const registryDown = new Set<string>();
          for (const e of sim.log.events.slice(start)) {
            if (e.kind === 'outage.start' || e.kind === 'outage.end') {
              const set = e.scope === 'region' ? regionDown : registryDown;
              const wasDown = regionDown.has(e.location) || registryDown.has(e.location);
              if (e.kind === 'outage.start') set.add(e.location);
              else set.delete(e.location);
              const isDown = regionDown.has(e.location) || registryDown.has(e.location);
              if (!wasDown && isDown) unhealthySince.set(e.location, e.t);
              if (wasDown && !isDown) unhealthySince.delete(e.location);
            } else if (e.kind === 'replica.routing') {
              if (!e.enabled) excludedSince.set(e.location, e.t);
              else excludedSince.delete(e.location);
            } else if (e.kind === 'request' && e.endpoint === 'global') {
              const resolvedBy = e.t - SLACK_MS;
              const down = unhealthySince.get(e.location);
              const out = excludedSince.get(e.location);
              if (down !== undefined)
                expect(resolvedBy, `${e.location} unhealthy since ${down}`).toBeLessThanOrEqual(
                  down + detection + ttl,
                );
              if (out !== undefined)
                expect(resolvedBy, `${e.location} excluded since ${out}`).toBeLessThanOrEqual(out + ttl);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
