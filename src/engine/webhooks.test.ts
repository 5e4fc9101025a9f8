import { describe, expect, it } from 'vitest';
import { setRegionOutage } from './health';
import { waitReplicated } from './operations';
import { findRegion } from './regions';
import { unwrap } from './result';
import { buildAndPush, geoWorld, remove, signedInClient } from './testkit';
import { groupDeliveries } from './webhook-groups';
import {
  createWebhook,
  deleteWebhook,
  fireWebhooks,
  listWebhooks,
  registryDeliveries,
  setWebhookReceiver,
  updateWebhook,
  webhookEvents,
  WEBHOOK_INBOX_LIMIT,
} from './webhooks';

const region = (name: string) => findRegion(name)!.name;
const LOCATIONS = ['eastus', 'westeurope', 'japaneast'];

function world() {
  const w = geoWorld(LOCATIONS);
  for (const location of LOCATIONS)
    unwrap(
      createWebhook(w.sim, w.registry, {
        name: `hook${location}`,
        uri: `https://hooks.example.com/${location}`,
        actions: ['push', 'delete'],
        location,
      }),
    );
  const dev = signedInClient(w, 'dev', 'eastus');
  return { ...w, dev };
}

describe('B-HOOK-1 webhooks fire per location', () => {
  it('one push with webhooks in every location yields one event per replica, when the image lands there', () => {
    const w = world();
    const { sim, registry } = w;
    buildAndPush(w, w.dev, `${registry.loginServer}/app:v1`);
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    const committed = sim.log.events.find((e) => e.kind === 'push.committed')!;
    const applied = sim.log.events.filter((e) => e.kind === 'replication.applied');
    const all = registryDeliveries(registry);
    expect(all.map((d) => d.location).sort()).toEqual([...LOCATIONS].sort());
    for (const d of all) {
      expect(d.action).toBe('push');
      expect(d.delivered).toBe(true);
      expect(d.httpStatus).toBe(200);
      expect(d.payload.target).toMatchObject({ repository: 'app', tag: 'v1', digest: committed.digest });
      expect(d.payload.request.method).toBe('PUT');
      const landed = d.location === 'eastus' ? committed.t : applied.find((e) => e.to === d.location)!.t;
      expect(d.t).toBe(landed);
      expect(d.cause).toBe(d.location === 'eastus' ? 'commit' : 'replication');
    }
    // Ids are unique; the consumer deduplicates by (action, digest): one group of three.
    expect(new Set(all.map((d) => d.id)).size).toBe(3);
    const groups = groupDeliveries(all);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.locations).toHaveLength(3);
    expect(sim.log.events.filter((e) => e.kind === 'webhook.delivered')).toHaveLength(3);
  });

  it('a push that reaches a replica after a newer delete fires no push webhook there (B-REP-5)', () => {
    const w = world();
    const { sim, registry } = w;
    setRegionOutage(sim, region('japaneast'), true);
    buildAndPush(w, w.dev, `${registry.loginServer}/web:v2`, { size: 50_000_000 });
    sim.advance(120_000);
    expect(remove(w, w.dev, registry.loginServer, { kind: 'repository', repository: 'web' }).ok).toBe(true);
    sim.advance(300_000);
    setRegionOutage(sim, region('japaneast'), false);
    sim.advance(300_000);
    // The small tombstone overtakes the push's layers, so the push lands on a deleted repository.
    const atJapan = sim.log.events.flatMap((e) =>
      e.kind === 'replication.applied' && e.to === 'japaneast' ? [[e.change, e.superseded ?? false]] : [],
    );
    expect(atJapan).toEqual([
      ['repository-delete', false],
      ['manifest+tag', true],
    ]);
    expect(registry.replicaAt('japaneast')!.store.resolveTag('web', 'v2')).toBeUndefined();
    const japan = registryDeliveries(registry).filter((d) => d.location === 'japaneast');
    expect(japan.map((d) => d.action)).toEqual(['delete']);
    // Where the push landed before the delete, both fire, push first.
    const weu = registryDeliveries(registry).filter((d) => d.location === 'westeurope');
    expect(weu.map((d) => d.action)).toEqual(['push', 'delete']);
  });

  it('a webhook fires only for events at its location', () => {
    const w = geoWorld(LOCATIONS);
    unwrap(
      createWebhook(w.sim, w.registry, {
        name: 'onlyweu',
        uri: 'http://receiver.example.com/hook',
        actions: ['push'],
        location: 'westeurope',
      }),
    );
    const dev = signedInClient(w, 'dev', 'eastus');
    buildAndPush(w, dev, `${w.registry.loginServer}/app:v1`);
    unwrap(waitReplicated(w.sim, w.registry, 'app', 'v1', 600_000));
    const events = unwrap(webhookEvents(w.registry, 'onlyweu'));
    expect(events.map((d) => [d.location, d.cause])).toEqual([['westeurope', 'replication']]);
  });

  it('location defaults to the home region', () => {
    const w = geoWorld(LOCATIONS);
    const hook = unwrap(
      createWebhook(w.sim, w.registry, { name: 'homehook', uri: 'https://x.example.com', actions: ['push'] }),
    );
    expect(hook.location).toBe('eastus');
  });

  it('deletes fire delete events at the receiving replica and where the deletion replicates', () => {
    const w = world();
    const { sim, registry } = w;
    buildAndPush(w, w.dev, `${registry.loginServer}/app:v1`);
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    remove(w, w.dev, registry.loginServer, { kind: 'untag', repository: 'app', tag: 'v1' });
    sim.advance(600_000);
    const deletes = registryDeliveries(registry).filter((d) => d.action === 'delete');
    expect(deletes.map((d) => d.location).sort()).toEqual([...LOCATIONS].sort());
    for (const d of deletes) {
      expect(d.payload.request.method).toBe('DELETE');
      expect(d.payload.target).toMatchObject({ repository: 'app', tag: 'v1' });
    }
    // A webhook subscribed to push only ignores deletes.
    unwrap(updateWebhook(sim, registry, 'hookeastus', { actions: ['push'] }));
    remove(w, w.dev, registry.loginServer, { kind: 'repository', repository: 'app' });
    sim.advance(600_000);
    const repoDeletes = registryDeliveries(registry).filter((d) => d.action === 'delete').length;
    expect(repoDeletes).toBe(3 + 2);
  });

  it('a failed delivery is recorded once and never retried', () => {
    const w = world();
    const { sim, registry } = w;
    unwrap(setWebhookReceiver(registry, 'hookjapaneast', false));
    buildAndPush(w, w.dev, `${registry.loginServer}/app:v1`);
    unwrap(waitReplicated(sim, registry, 'app', 'v1', 600_000));
    sim.advance(3_600_000);
    const jp = unwrap(webhookEvents(registry, 'hookjapaneast'));
    expect(jp).toHaveLength(1);
    expect(jp[0]).toMatchObject({ delivered: false, httpStatus: 503 });
    expect(sim.log.events.filter((e) => e.kind === 'webhook.failed')).toHaveLength(1);
    unwrap(setWebhookReceiver(registry, 'hookjapaneast', true));
    sim.advance(3_600_000);
    expect(unwrap(webhookEvents(registry, 'hookjapaneast'))).toHaveLength(1);
  });

  it('webhooks at available replicas keep firing during a home-region outage; the home one fires on recovery', () => {
    const w = world();
    const { sim, registry } = w;
    const paris = signedInClient(w, 'paris', 'francecentral');
    setRegionOutage(sim, region('eastus'), true);
    sim.advance(600_000);
    buildAndPush(w, paris, `${registry.regionalHost('westeurope')}/app:v1`);
    sim.advance(600_000);
    expect(
      registryDeliveries(registry)
        .map((d) => d.location)
        .sort(),
    ).toEqual(['japaneast', 'westeurope']);
    setRegionOutage(sim, region('eastus'), false);
    sim.advance(600_000);
    expect(registryDeliveries(registry).map((d) => d.location)).toContain('eastus');
  });

  it('a scope filter limits a webhook to one repository or tag', () => {
    const w = geoWorld(['eastus']);
    const { sim, registry } = w;
    const mk = (name: string, scope: string) =>
      unwrap(createWebhook(sim, registry, { name, uri: 'https://h.example.com', actions: ['push'], scope }));
    mk('apptagv1', 'app:v1');
    mk('appall', 'app');
    mk('appstar', 'app:*');
    mk('other', 'other');
    const dev = signedInClient(w, 'dev', 'eastus');
    buildAndPush(w, dev, `${registry.loginServer}/app:v1`);
    buildAndPush(w, dev, `${registry.loginServer}/app:v2`);
    const count = (n: string) => unwrap(webhookEvents(registry, n)).length;
    expect([count('apptagv1'), count('appall'), count('appstar'), count('other')]).toEqual([1, 2, 2, 0]);
  });

  it('keeps a bounded inbox per webhook: the newest 1000 deliveries', () => {
    const w = geoWorld(['eastus']);
    const { sim, registry } = w;
    unwrap(
      createWebhook(sim, registry, { name: 'busyhook', uri: 'https://h.example.com', actions: ['delete'] }),
    );
    const home = registry.homeReplica;
    for (let i = 0; i < WEBHOOK_INBOX_LIMIT + 5; i++) {
      const version = home.store.commitVersion(sim.now, home.location);
      fireWebhooks(
        sim,
        registry,
        home,
        { kind: 'untag', repository: 'app', tag: `t${i}`, version },
        'commit',
      );
    }
    const events = unwrap(webhookEvents(registry, 'busyhook'));
    expect(events).toHaveLength(WEBHOOK_INBOX_LIMIT);
    expect(events[0]!.payload.target.tag).toBe(`t${WEBHOOK_INBOX_LIMIT + 4}`);
    expect(events.at(-1)!.payload.target.tag).toBe('t5');
  });
});

describe('webhook bad input changes nothing', () => {
  const base = { name: 'goodname', uri: 'https://h.example.com/x', actions: ['push'] };
  it.each([
    ['short name', { ...base, name: 'ab' }, 'InvalidWebhookName'],
    ['dashes in name', { ...base, name: 'my-hook' }, 'InvalidWebhookName'],
    ['ftp uri', { ...base, uri: 'ftp://h.example.com' }, 'InvalidServiceUri'],
    ['no scheme', { ...base, uri: 'h.example.com' }, 'InvalidServiceUri'],
    ['no actions', { ...base, actions: [] }, 'InvalidActions'],
    ['unknown action', { ...base, actions: ['pull'] }, 'InvalidActions'],
    ['quarantine', { ...base, actions: ['quarantine'] }, 'UnsupportedAction'],
    ['chart_push', { ...base, actions: ['chart_push'] }, 'UnsupportedAction'],
    ['no replica there', { ...base, location: 'japaneast' }, 'InvalidLocation'],
    ['bad scope', { ...base, scope: 'App:v1' }, 'InvalidScope'],
  ])('%s', (_label, options, code) => {
    const w = geoWorld(['eastus', 'westeurope']);
    const r = createWebhook(w.sim, w.registry, options);
    expect(r.ok ? undefined : r.error.code).toBe(code);
    expect(listWebhooks(w.registry)).toHaveLength(0);
  });

  it('duplicates, unknown names and a down home region are refused', () => {
    const w = geoWorld(['eastus', 'westeurope']);
    unwrap(createWebhook(w.sim, w.registry, base));
    const dup = createWebhook(w.sim, w.registry, { ...base, name: 'GOODNAME' });
    expect(dup.ok ? undefined : dup.error.code).toBe('WebhookAlreadyExists');
    const missing = deleteWebhook(w.sim, w.registry, 'nosuchhook');
    expect(missing.ok ? undefined : missing.error.code).toBe('ResourceNotFound');
    setRegionOutage(w.sim, region('eastus'), true);
    for (const r of [
      createWebhook(w.sim, w.registry, { ...base, name: 'another', location: 'westeurope' }),
      updateWebhook(w.sim, w.registry, 'goodname', { status: 'disabled' }),
      deleteWebhook(w.sim, w.registry, 'goodname'),
    ])
      expect(r.ok ? undefined : r.error.code).toBe('HomeRegionUnavailable');
    expect(listWebhooks(w.registry).map((h) => [h.name, h.status])).toEqual([['goodname', 'enabled']]);
  });

  it('a Basic registry allows two webhooks', () => {
    const w = geoWorld(['eastus']);
    w.registry.sku = 'Basic';
    unwrap(createWebhook(w.sim, w.registry, { ...base, name: 'hookone' }));
    unwrap(createWebhook(w.sim, w.registry, { ...base, name: 'hooktwo' }));
    const third = createWebhook(w.sim, w.registry, { ...base, name: 'hookthree' });
    expect(third.ok ? undefined : third.error.code).toBe('QuotaExceeded');
  });
});
