import { describe, expect, it } from 'vitest';
import { buildImage } from './clients';
import { planPull, planPush, pullImage } from './dataplane';
import { waitReplicated } from './operations';
import { unwrap } from './result';
import { buildAndPush, geoWorld, pull, push, signedInClient } from './testkit';

const BETWEEN_WESTEUROPE_AND_NORTHEUROPE = '52.9,-0.7';

describe('push and pull as request sequences', () => {
  it('a push prints HEAD, uploads and the manifest PUT, all served by the nearest replica', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    const res = buildAndPush(world, dev, `${world.registry.loginServer}/app:v1`, {
      size: 30_000_000,
      layers: 3,
    });
    expect(res.ok).toBe(true);
    expect(res.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(res.layers.map((l) => l.status)).toEqual(['pushed', 'pushed', 'pushed']);
    // Per blob: HEAD (404), then the upload session's POST and closing PUT; then the manifest PUT.
    const perBlob = ['HEAD', 'POST', 'PUT'];
    expect(res.served.map((s) => s.method)).toEqual([...perBlob, ...perBlob, ...perBlob, ...perBlob, 'PUT']);
    expect(res.served.filter((s) => s.blob === 'config')).toHaveLength(1);
    expect(new Set(res.served.map((s) => s.location))).toEqual(new Set(['eastus']));
    expect(res.served.at(-1)!.status).toBe(201);
  });

  it('refuses to push an image that does not exist locally, before any request', () => {
    const world = geoWorld(['eastus']);
    const dev = signedInClient(world, 'dev', 'eastus');
    const before = world.sim.log.length;
    const plan = planPush(world.sim, dev, `${world.registry.loginServer}/nothing:v1`);
    expect(plan.ok || plan.error.code).toBe('ImageNotFound');
    expect(world.sim.log.length).toBe(before);
  });
});

describe('B-REG-2 blobs are stored once and shared between images', () => {
  it('pushing an image on an existing base uploads and replicates only the new layer', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const dev = signedInClient(world, 'dev', 'eastus');
    const host = world.registry.loginServer;
    buildAndPush(world, dev, `${host}/base:v1`, { size: 90_000_000, layers: 3 });
    unwrap(waitReplicated(world.sim, world.registry, 'base', 'v1', 3_600_000));
    unwrap(
      buildImage(world.sim, dev, `${host}/app:v1`, { base: `${host}/base:v1`, size: 5_000_000, layers: 1 }),
    );
    const res = push(world, dev, `${host}/app:v1`);
    expect(res.layers.map((l) => l.status)).toEqual(['exists', 'exists', 'exists', 'pushed']);
    unwrap(waitReplicated(world.sim, world.registry, 'app', 'v1', 3_600_000));
    const applied = world.sim.log.events.filter(
      (e) => e.kind === 'replication.applied' && e.repository === 'app',
    );
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ bytes: 5_000_000 + 1_469 });
    const eastus = world.registry.replicaAt('eastus')!.store;
    expect(eastus.blobs.size).toBe(4 + 2); // 4 distinct layers + 2 configs
  });
});

describe('B-PUSH-1 the receiving replica validates the manifest against its own blobs', () => {
  it('answers MANIFEST_BLOB_UNKNOWN when the manifest lands where the layers are not', () => {
    const failing = scatterRuns('no-cache').find((r) => !r.ok);
    expect(failing).toBeDefined();
    expect(failing!.error).toMatchObject({ code: 'MANIFEST_BLOB_UNKNOWN', status: 400 });
    const put = failing!.served.at(-1)!;
    expect(put.method).toBe('PUT');
    const uploads = failing!.served.filter((s) => s.method === 'POST').map((s) => s.location);
    expect(uploads.some((l) => l !== put.location)).toBe(true);
  });
});

/** Pushes from a no-cache client between two tied replicas, once per seed. */
function scatterRuns(dns: string, seeds = 12) {
  return Array.from({ length: seeds }, (_, seed) => {
    const world = geoWorld(['eastus', 'westeurope', 'northeurope'], { seed });
    const ci = signedInClient(world, 'ci', BETWEEN_WESTEUROPE_AND_NORTHEUROPE, dns);
    return buildAndPush(world, ci, `${world.registry.loginServer}/app:v1`, { size: 40_000_000, layers: 4 });
  });
}

describe('B-PUSH-2 DNS bouncing scatters a push; pinning avoids it', () => {
  it('a no-cache resolver between equidistant replicas scatters layers and fails some pushes', () => {
    const runs = scatterRuns('no-cache');
    const scattered = runs.filter((r) => new Set(r.served.map((s) => s.location)).size > 1);
    expect(scattered.length).toBeGreaterThan(runs.length / 2);
    expect(runs.some((r) => r.error?.code === 'MANIFEST_BLOB_UNKNOWN')).toBe(true);
  });

  it.each(['pin-push', 'cache'])('a %s resolver keeps every request of a push on one replica', (dns) => {
    for (const r of scatterRuns(dns)) {
      expect(r.ok).toBe(true);
      expect(new Set(r.served.map((s) => s.location)).size).toBe(1);
    }
  });

  it('a regional endpoint never scatters', () => {
    for (let seed = 0; seed < 8; seed++) {
      const world = geoWorld(['eastus', 'westeurope', 'northeurope'], { seed });
      const ci = signedInClient(world, 'ci', BETWEEN_WESTEUROPE_AND_NORTHEUROPE, 'no-cache');
      const r = buildAndPush(world, ci, `${world.registry.regionalHost('westeurope')}/app:v1`, {
        size: 40_000_000,
        layers: 4,
      });
      expect(r.ok).toBe(true);
    }
  });

  it('an idempotent retry of the failed push succeeds once the layers are where the manifest goes', () => {
    const seed = scatterRuns('no-cache').findIndex((r) => !r.ok);
    const world = geoWorld(['eastus', 'westeurope', 'northeurope'], { seed });
    const ci = signedInClient(world, 'ci', BETWEEN_WESTEUROPE_AND_NORTHEUROPE, 'no-cache');
    const ref = `${world.registry.loginServer}/app:v1`;
    expect(buildAndPush(world, ci, ref, { size: 40_000_000, layers: 4 }).ok).toBe(false);
    let attempts = 1;
    let last = push(world, ci, ref);
    while (!last.ok && attempts < 10) {
      attempts++;
      last = push(world, ci, ref);
    }
    expect(last.ok).toBe(true);
  });
});

describe('B-PULL-1 pulls fail with MANIFEST_UNKNOWN or BLOB_UNKNOWN where content is missing', () => {
  it('a pull from another region right after a push fails with MANIFEST_UNKNOWN, then works after replication', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const ci = signedInClient(world, 'ci', 'eastus');
    const ref = `${world.registry.loginServer}/app:v1`;
    expect(buildAndPush(world, ci, ref).ok).toBe(true);
    const paris = signedInClient(world, 'paris', 'francecentral');
    const early = pull(world, paris, ref);
    expect(early.ok).toBe(false);
    expect(early.error).toMatchObject({ code: 'MANIFEST_UNKNOWN', status: 404 });
    expect(early.error!.message).toContain('manifest unknown');
    expect(early.served[0]!.location).toBe('westeurope');
    const waited = unwrap(waitReplicated(world.sim, world.registry, 'app', 'v1', 600_000));
    expect(waited).toBeGreaterThan(0);
    expect(pull(world, paris, ref).ok).toBe(true);
  });

  it('a bouncing resolver can get the manifest from one replica and a blob from another: BLOB_UNKNOWN', () => {
    const codes = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const world = geoWorld(['eastus', 'westeurope', 'northeurope'], { seed });
      const writer = signedInClient(world, 'writer', 'westeurope');
      const ref = `${world.registry.regionalHost('westeurope')}/app:v1`;
      expect(buildAndPush(world, writer, ref, { size: 40_000_000, layers: 4 }).ok).toBe(true);
      const reader = signedInClient(world, 'reader', BETWEEN_WESTEUROPE_AND_NORTHEUROPE, 'no-cache');
      const sim = world.sim;
      const task = sim.spawn(
        pullImage(sim, reader, unwrap(planPull(sim, `${world.registry.loginServer}/app:v1`))),
      );
      sim.runUntil(() => task.done, 600_000);
      codes.add(task.result!.error?.code ?? 'OK');
    }
    expect(codes.has('BLOB_UNKNOWN')).toBe(true);
    expect(codes.has('MANIFEST_UNKNOWN')).toBe(true);
  });
});
