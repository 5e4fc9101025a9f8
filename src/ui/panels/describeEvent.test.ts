import { describe, expect, it } from 'vitest';
import type { Digest, SimEvent, SimEventBody, SimEventKind } from '../../engine';
import { describeEvent } from './describeEvent';
import {
  ALL_KINDS,
  eventBadge,
  eventFamily,
  eventRegion,
  eventRegions,
  eventSeverity,
} from './event-families';

const digest = `sha256:${'ab12'.repeat(16)}` as Digest;
const at = (body: SimEventBody, t = 61_000): SimEvent => ({ ...body, t, seq: 0 }) as SimEvent;

/** One sample of every kind; a `Record`, so a new kind is a compile error until it has a sample. */
const SAMPLES: Record<SimEventKind, SimEventBody> = {
  'registry.created': {
    kind: 'registry.created',
    registry: 'myregistry',
    sku: 'Premium',
    location: 'eastus',
  },
  'registry.updated': { kind: 'registry.updated', registry: 'myregistry', changes: 'sku Standard → Premium' },
  'registry.deleted': { kind: 'registry.deleted', registry: 'myregistry' },
  'replica.creating': {
    kind: 'replica.creating',
    registry: 'myregistry',
    replica: 'westeurope',
    location: 'westeurope',
  },
  'replica.provisioned': {
    kind: 'replica.provisioned',
    registry: 'myregistry',
    replica: 'westeurope',
    location: 'westeurope',
    syncBytes: 260_000_000,
  },
  'replica.ready': {
    kind: 'replica.ready',
    registry: 'myregistry',
    replica: 'westeurope',
    location: 'westeurope',
  },
  'replica.deleting': {
    kind: 'replica.deleting',
    registry: 'myregistry',
    replica: 'eu1',
    location: 'westeurope',
  },
  'replica.deleted': {
    kind: 'replica.deleted',
    registry: 'myregistry',
    replica: 'westeurope',
    location: 'westeurope',
  },
  'replica.routing': {
    kind: 'replica.routing',
    registry: 'myregistry',
    replica: 'westeurope',
    location: 'westeurope',
    enabled: false,
  },
  'client.added': { kind: 'client.added', client: 'paris', location: 'francecentral' },
  'client.login': { kind: 'client.login', client: 'dev', host: 'myregistry.azurecr.io', principal: 'admin' },
  'client.logout': { kind: 'client.logout', client: 'dev', host: 'myregistry.azurecr.io' },
  'image.built': {
    kind: 'image.built',
    client: 'dev',
    ref: 'myregistry.azurecr.io/web:v2',
    digest,
    size: 20_000_000,
  },
  request: {
    kind: 'request',
    client: 'paris',
    host: 'myregistry.azurecr.io',
    endpoint: 'global',
    registry: 'myregistry',
    location: 'westeurope',
    method: 'GET',
    path: '/v2/app/manifests/v2',
    status: 404,
    code: 'MANIFEST_UNKNOWN',
  },
  'push.committed': {
    kind: 'push.committed',
    registry: 'myregistry',
    location: 'eastus',
    repository: 'app',
    tag: 'v2',
    digest,
  },
  'delete.committed': {
    kind: 'delete.committed',
    registry: 'myregistry',
    location: 'eastus',
    repository: 'app',
    target: 'app:v1',
  },
  'replication.applied': {
    kind: 'replication.applied',
    registry: 'myregistry',
    from: 'eastus',
    to: 'westeurope',
    repository: 'app',
    change: 'manifest+tag',
    digest,
    tag: 'v2',
    lagMs: 14_000,
    bytes: 300_000_000,
  },
  'outage.start': { kind: 'outage.start', scope: 'region', location: 'westeurope' },
  'outage.end': { kind: 'outage.end', scope: 'registry', location: 'westeurope', registry: 'myregistry' },
  'health.unhealthy': { kind: 'health.unhealthy', registry: 'myregistry', location: 'westeurope' },
  'health.healthy': { kind: 'health.healthy', registry: 'myregistry', location: 'westeurope', routed: false },
  'health.detected': { kind: 'health.detected', registry: 'myregistry', location: 'westeurope' },
  'health.failback': { kind: 'health.failback', registry: 'myregistry', location: 'westeurope' },
  'health.lastRequest': {
    kind: 'health.lastRequest',
    registry: 'myregistry',
    location: 'westeurope',
    at: 366_000,
  },
  'dns.updated': { kind: 'dns.updated', registry: 'myregistry', pool: ['eastus'] },
  'config.set': { kind: 'config.set', key: 'health.detection', value: '30s' },
  'load.started': {
    kind: 'load.started',
    generator: 'fleet',
    registry: 'myregistry',
    location: 'eastus',
    image: 'myregistry.azurecr.io/web:v1',
    pullsPerMinute: 3000,
    endpoint: 'global',
    retry: 'backoff',
  },
  'load.minute': {
    kind: 'load.minute',
    generator: 'fleet',
    registry: 'myregistry',
    location: 'eastus',
    from: 240_000,
    issued: 3000,
    succeeded: 2000,
    throttled: 0,
    failed: 0,
    inFlight: 1000,
    replicas: [{ location: 'eastus', ok: 2000, throttled: 1000, failed: 0, reads: 10_000 }],
  },
  'load.stopped': {
    kind: 'load.stopped',
    generator: 'fleet',
    registry: 'myregistry',
    location: 'eastus',
    issued: 9000,
    succeeded: 8000,
    throttled: 700,
    failed: 300,
    finished: false,
  },
  'cluster.added': { kind: 'cluster.added', cluster: 'aks-weu', location: 'westeurope', nodes: 3 },
  'deployment.created': {
    kind: 'deployment.created',
    cluster: 'aks-weu',
    location: 'westeurope',
    deployment: 'web',
    image: 'myregistry.azurecr.io/web:v1',
    replicas: 3,
  },
  'deployment.deleted': {
    kind: 'deployment.deleted',
    cluster: 'aks-weu',
    location: 'westeurope',
    deployment: 'web',
  },
  'pod.pulling': {
    kind: 'pod.pulling',
    cluster: 'aks-weu',
    location: 'westeurope',
    pod: 'web-abc-x2k9p',
    node: 'aks-nodepool1-12345678-vmss000000',
    image: 'myregistry.azurecr.io/web:v1',
    attempt: 2,
  },
  'pod.failed': {
    kind: 'pod.failed',
    cluster: 'aks-weu',
    location: 'westeurope',
    pod: 'web-abc-x2k9p',
    node: 'aks-nodepool1-12345678-vmss000000',
    image: 'myregistry.azurecr.io/web:v1',
    reason: 'ErrImagePull',
    code: 'MANIFEST_UNKNOWN',
    message: 'manifest unknown',
    servedBy: 'westeurope',
    backoffMs: 20_000,
  },
  'pod.running': {
    kind: 'pod.running',
    cluster: 'aks-weu',
    location: 'westeurope',
    pod: 'web-abc-x2k9p',
    node: 'aks-nodepool1-12345678-vmss000000',
    image: 'myregistry.azurecr.io/web:v1',
    digest,
    cached: true,
  },
  'webhook.delivered': {
    kind: 'webhook.delivered',
    registry: 'myregistry',
    webhook: 'hookweu',
    location: 'westeurope',
    action: 'push',
    repository: 'app',
    tag: 'v2',
    digest,
    httpStatus: 200,
  },
  'webhook.failed': {
    kind: 'webhook.failed',
    registry: 'myregistry',
    webhook: 'hookweu',
    location: 'westeurope',
    action: 'delete',
    repository: 'app',
    tag: 'v2',
    httpStatus: 503,
  },
};

/** What each sentence must mention, so a sentence cannot silently drop the event's point. */
const MENTIONS: Record<SimEventKind, readonly string[]> = {
  'registry.created': ['myregistry', 'Premium', 'eastus'],
  'registry.updated': ['myregistry', 'sku Standard → Premium'],
  'registry.deleted': ['myregistry', 'deleted'],
  'replica.creating': ['westeurope', 'creating'],
  'replica.provisioned': ['westeurope', '260MB'],
  'replica.ready': ['westeurope', 'Ready'],
  'replica.deleting': ['replica eu1 (westeurope)', 'deleting'],
  'replica.deleted': ['westeurope', 'gone'],
  'replica.routing': ['westeurope', 'regional endpoint'],
  'client.added': ['paris', 'francecentral'],
  'client.login': ['dev', 'myregistry.azurecr.io', 'admin'],
  'client.logout': ['dev', 'myregistry.azurecr.io'],
  'image.built': ['web:v2', '20MB', 'ab12ab12ab12'],
  request: ['paris', 'GET', '404 MANIFEST_UNKNOWN', 'westeurope', 'global endpoint'],
  'push.committed': ['app:v2', 'eastus'],
  'delete.committed': ['app:v1', 'eastus'],
  'replication.applied': ['app:v2', 'eastus', 'westeurope', '14s', '300MB'],
  'outage.start': ['Region outage', 'westeurope'],
  'outage.end': ['myregistry', 'westeurope', 'over'],
  'health.unhealthy': ['westeurope', 'stopped answering'],
  'health.healthy': ['westeurope', 'answers again'],
  'health.detected': ['westeurope', 'down'],
  'health.failback': ['westeurope', 'again'],
  'health.lastRequest': ['westeurope', '00:06:06'],
  'dns.updated': ['myregistry', '1 replica', 'eastus'],
  'config.set': ['health.detection', '30s'],
  'load.started': ['fleet', '3000 pulls/min', 'web:v1', 'eastus', 'global endpoint', 'backoff'],
  'load.minute': [
    'fleet',
    '00:04:00',
    '3000 pulls',
    '2000 ok',
    '1000 waiting',
    'eastus 10000 reads',
    '1000× 429',
  ],
  'load.stopped': ['fleet', 'stopped after 9000 pulls', '8000 ok', '700 throttled', '300 failed'],
  'cluster.added': ['aks-weu', 'westeurope', '3 nodes'],
  'deployment.created': ['web', 'aks-weu', '3 pods', 'myregistry.azurecr.io/web:v1'],
  'deployment.deleted': ['web', 'aks-weu', 'deleted'],
  'pod.pulling': ['web-abc-x2k9p', 'aks-weu', 'attempt 2'],
  'pod.failed': ['web-abc-x2k9p', 'westeurope', 'MANIFEST_UNKNOWN', '20s', 'ImagePullBackOff'],
  'pod.running': ['web-abc-x2k9p', 'running', 'already on its node'],
  'webhook.delivered': ['hookweu', 'westeurope', 'push', 'app:v2', '200'],
  'webhook.failed': ['hookweu', 'westeurope', 'delete', '503', 'not retry'],
};

describe('describeEvent', () => {
  it.each(Object.entries(SAMPLES))('describes %s in one readable sentence', (kind, body) => {
    const text = describeEvent(at(body));
    expect(text).toMatch(/^[A-Za-z].*\.$/);
    expect(text).not.toMatch(/undefined|NaN|\[object/);
    expect(text).not.toContain('\n');
    for (const part of MENTIONS[kind as SimEventKind]) expect(text).toContain(part);
  });

  it('covers every kind the families table knows', () => {
    expect([...ALL_KINDS].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('tells the variants of a kind apart', () => {
    expect(describeEvent(at({ ...SAMPLES['replica.routing'], enabled: true } as SimEventBody))).toContain(
      'back in global-endpoint routing',
    );
    expect(describeEvent(at({ ...SAMPLES['replica.provisioned'], syncBytes: 0 } as SimEventBody))).toContain(
      'no existing content',
    );
    expect(describeEvent(at({ kind: 'dns.updated', registry: 'r', pool: [] }))).toContain('no replica');
    expect(describeEvent(at({ ...SAMPLES['health.healthy'], routed: true } as SimEventBody))).toContain(
      'never stopped sending traffic there',
    );
    expect(describeEvent(at(SAMPLES['health.healthy']!))).toContain('routing will take it back');
    expect(
      describeEvent(
        at({ kind: 'outage.start', scope: 'registry', location: 'westeurope', registry: 'myregistry' }),
      ),
    ).toContain('other registries there are unaffected');
    expect(describeEvent(at({ kind: 'outage.end', scope: 'region', location: 'westeurope' }))).toContain(
      'region outage in westeurope is over',
    );
    const replicated = SAMPLES['replication.applied'];
    expect(describeEvent(at({ ...replicated, change: 'untag', digest: undefined } as SimEventBody))).toMatch(
      /^The removal of tag app:v2 reached westeurope/,
    );
    expect(
      describeEvent(at({ ...replicated, change: 'repository-delete', tag: undefined } as SimEventBody)),
    ).toMatch(/^The deletion of repository app reached/);
    expect(describeEvent(at({ ...replicated, lagMs: 14_049, bytes: 0 } as SimEventBody))).toBe(
      'app:v2 reached westeurope from eastus, 14s after the write.',
    );
    expect(describeEvent(at({ ...replicated, superseded: true } as SimEventBody))).toBe(
      'app:v2 reached westeurope from eastus after a newer deletion and was dropped: it stays deleted there.',
    );
    const byTag = {
      ...SAMPLES['delete.committed'],
      repository: 'worker',
      target: 'worker@v1',
    } as SimEventBody;
    expect(describeEvent(at(byTag))).toMatch(/^The manifest tagged worker:v1 was deleted in /);
    const untagged = { ...SAMPLES['push.committed'], tag: undefined } as SimEventBody;
    expect(describeEvent(at(untagged))).toContain('app@ab12ab12ab12');
  });
});

describe('event families', () => {
  it('gives every kind a family and a short badge', () => {
    for (const kind of ALL_KINDS) {
      expect(eventFamily(kind)).toBeTruthy();
      expect(eventBadge(kind).length).toBeLessThanOrEqual(13);
    }
  });

  it('places events in a region: the target of a replication, none for settings', () => {
    expect(eventRegion(at(SAMPLES['replication.applied']))).toBe('westeurope');
    expect(eventRegions(at(SAMPLES['replication.applied']))).toEqual(['eastus', 'westeurope']);
    expect(eventRegion(at(SAMPLES['config.set']))).toBeUndefined();
    expect(eventRegions(at(SAMPLES['dns.updated']))).toEqual(['eastus']);
    expect(eventRegion(at(SAMPLES['outage.start']))).toBe('westeurope');
    expect(eventRegion(at(SAMPLES['client.added']))).toBeUndefined();
    expect(eventRegion(at({ ...SAMPLES.request, location: '' } as SimEventBody))).toBeUndefined();
  });

  it('marks failures but not the routine HEAD 404 of a push', () => {
    expect(eventSeverity(at(SAMPLES.request))).toBe('error');
    const head = { ...SAMPLES.request, method: 'HEAD', code: undefined } as SimEventBody;
    expect(eventSeverity(at(head))).toBeUndefined();
    expect(eventSeverity(at({ ...SAMPLES.request, status: 429 } as SimEventBody))).toBe('warn');
    expect(eventSeverity(at(SAMPLES['health.detected']))).toBe('warn');
    expect(eventSeverity(at(SAMPLES['replica.ready']))).toBeUndefined();
    const replicated = SAMPLES['replication.applied'];
    expect(eventSeverity(at(replicated))).toBeUndefined();
    expect(eventSeverity(at({ ...replicated, superseded: true } as SimEventBody))).toBe('warn');
  });
});
