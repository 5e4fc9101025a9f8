import { describe, expect, it } from 'vitest';
import {
  addCluster,
  availableReplicas,
  createDeployment,
  defaultPullPolicy,
  deleteDeployment,
  ERR_IMAGE_PULL_VISIBLE_MS,
  kubeletBackoffMs,
  podStatus,
  type Deployment,
} from './cluster';
import type { SimEvent } from './events';
import { unwrap } from './result';
import { buildAndPush, geoWorld, signedInClient } from './testkit';

const S = 1000;

function ofKind<K extends SimEvent['kind']>(events: readonly SimEvent[], kind: K) {
  return events.filter((e): e is Extract<SimEvent, { kind: K }> => e.kind === kind);
}

describe('kubelet image-pull backoff', () => {
  it('doubles from 10 s and is capped at 5 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => kubeletBackoffMs(n) / S)).toEqual([
      10, 20, 40, 80, 160, 300, 300, 300,
    ]);
    expect(kubeletBackoffMs(0)).toBe(0);
    expect(kubeletBackoffMs(1e9)).toBe(300 * S);
  });

  it('a pod retries a missing image after 10, 20, 40, 80, 160, 300, 300 s', () => {
    const world = geoWorld(['eastus']);
    const { sim, registry } = world;
    const cluster = unwrap(addCluster(sim, { name: 'aks', location: 'eastus', nodes: 1 }));
    const start = sim.log.length;
    const dep = unwrap(
      createDeployment(sim, cluster, { name: 'web', image: `${registry.loginServer}/nothing:v1` }),
    );
    sim.advance(20 * 60 * S);
    const events = sim.log.since(start);
    const failed = ofKind(events, 'pod.failed');
    const pulling = ofKind(events, 'pod.pulling');
    expect(failed.length).toBeGreaterThanOrEqual(8);
    // Simulated times carry fractional network latencies: compare to the microsecond.
    const gaps = failed.slice(0, 7).map((f, i) => Math.round((pulling[i + 1]!.t - f.t) * 1000) / 1000 / S);
    expect(gaps).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(failed.slice(0, 7).map((f) => f.backoffMs / S)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(failed[0]).toMatchObject({ reason: 'ErrImagePull', code: 'MANIFEST_UNKNOWN', servedBy: 'eastus' });
    const pod = dep.pods[0]!;
    expect(pod.lastError).toMatch(/manifest unknown.*MANIFEST_UNKNOWN/);
    expect(pod.restarts).toBe(0);
    expect(pod.pullAttempts).toBe(pulling.length);
    const backoffEvents = pod.events.find((e) => e.reason === 'BackOff')!;
    expect(backoffEvents.count).toBe(failed.length);
  });
});

describe('pods pull through the data plane (scenario 11)', () => {
  /** Registry in three regions; a CI runner in eastus pushes; a westeurope cluster deploys at once. */
  function pushedThenDeployed(replicas = 3) {
    const world = geoWorld(['eastus', 'westeurope', 'japaneast']);
    const { sim, registry } = world;
    const ci = signedInClient(world, 'ci', 'eastus');
    const ref = `${registry.loginServer}/web:v1`;
    expect(buildAndPush(world, ci, ref, { size: 300_000_000, layers: 3 }).ok).toBe(true);
    const cluster = unwrap(addCluster(sim, { name: 'aks-weu', location: 'westeurope', nodes: 3 }));
    const start = sim.log.length;
    const dep = unwrap(createDeployment(sim, cluster, { name: 'web', image: ref, replicas }));
    return { world, sim, registry, cluster, dep, start, ref };
  }

  it('shows ErrImagePull, then ImagePullBackOff, then runs once replication lands', () => {
    const { sim, dep, start } = pushedThenDeployed();
    const pod = dep.pods[0]!;
    expect(podStatus(pod)).toBe('ContainerCreating');
    expect(dep.pods.map((p) => p.node.index).sort()).toEqual([0, 1, 2]);
    sim.runUntil(() => pod.failures > 0, 60 * S);
    expect(podStatus(pod)).toBe('ErrImagePull');
    expect(pod.lastPull!.served.at(-1)).toMatchObject({ location: 'westeurope', code: 'MANIFEST_UNKNOWN' });
    sim.advance(ERR_IMAGE_PULL_VISIBLE_MS);
    expect(podStatus(pod)).toBe('ImagePullBackOff');
    expect(availableReplicas(dep)).toBe(0);
    expect(sim.runUntil(() => availableReplicas(dep) === 3, 10 * 60 * S)).toBe(true);
    expect(dep.pods.every((p) => podStatus(p) === 'Running')).toBe(true);
    const events = sim.log.since(start);
    const landed = ofKind(events, 'replication.applied').find((e) => e.to === 'westeurope')!;
    const running = ofKind(events, 'pod.running');
    expect(running).toHaveLength(3);
    for (const r of running) expect(r.t).toBeGreaterThan(landed.t);
    expect(pod.lastPull!.served.some((s) => s.endpoint === 'data' && s.location === 'westeurope')).toBe(true);
    const reasons = pod.events.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Failed', 'BackOff', 'Pulled']));
    expect(reasons.slice(-2)).toEqual(['Created', 'Started']);
  });

  it('a cluster in the pushing region runs at once, without backing off', () => {
    const world = geoWorld(['eastus', 'westeurope']);
    const { sim, registry } = world;
    const ci = signedInClient(world, 'ci', 'eastus');
    const ref = `${registry.loginServer}/web:v1`;
    buildAndPush(world, ci, ref);
    const cluster = unwrap(addCluster(sim, { name: 'aks-eus', location: 'eastus', nodes: 2 }));
    const dep = unwrap(createDeployment(sim, cluster, { name: 'web', image: ref, replicas: 2 }));
    expect(sim.runUntil(() => availableReplicas(dep) === 2, 60 * S)).toBe(true);
    expect(dep.pods.every((p) => p.failures === 0 && p.pullAttempts === 1)).toBe(true);
    // Nodes are docker-like clients: signed in per host by the credential provider, DNS cached.
    const node = dep.pods[0]!.node.client;
    expect(node.credentials.get(registry.loginServer)).toBe('aks-eus-agentpool');
    expect(node.dnsCache.get(registry.loginServer)?.replica).toBe('eastus');
  });

  it("pods on one node share the node's image store: the second downloads nothing", () => {
    const world = geoWorld(['eastus']);
    const { sim, registry } = world;
    const ci = signedInClient(world, 'ci', 'eastus');
    const ref = `${registry.loginServer}/web:v1`;
    buildAndPush(world, ci, ref);
    const cluster = unwrap(addCluster(sim, { name: 'aks', location: 'eastus', nodes: 1 }));
    const start = sim.log.length;
    const dep = unwrap(createDeployment(sim, cluster, { name: 'web', image: ref, replicas: 2 }));
    expect(sim.runUntil(() => availableReplicas(dep) === 2, 60 * S)).toBe(true);
    const [first, second] = dep.pods;
    expect(first!.lastPull).toMatchObject({ ok: true, cached: false });
    expect(second!.lastPull).toMatchObject({ ok: true, cached: true, served: [] });
    expect(second!.events.some((e) => e.message.includes('already present on machine'))).toBe(true);
    const requests = ofKind(sim.log.since(start), 'request');
    expect(new Set(requests.map((r) => r.client))).toEqual(new Set([first!.node.name]));
    expect(requests.filter((r) => r.path.includes('/manifests/'))).toHaveLength(1);
    // A second deployment of the same image on that node needs no request at all.
    const more = unwrap(createDeployment(sim, cluster, { name: 'api', image: ref }));
    const before = sim.log.length;
    expect(sim.runUntil(() => availableReplicas(more) === 1, 60 * S)).toBe(true);
    expect(ofKind(sim.log.since(before), 'request')).toHaveLength(0);
  });

  it('`latest` is pulled with policy Always, other tags and digests IfNotPresent', () => {
    expect(defaultPullPolicy('r.azurecr.io/web')).toBe('Always');
    expect(defaultPullPolicy('r.azurecr.io/web:latest')).toBe('Always');
    expect(defaultPullPolicy('r.azurecr.io/web:v1')).toBe('IfNotPresent');
    expect(defaultPullPolicy(`r.azurecr.io/web@sha256:${'a'.repeat(64)}`)).toBe('IfNotPresent');
  });

  it('deleting a deployment removes its pods and stops their retries', () => {
    const world = geoWorld(['eastus']);
    const { sim, registry } = world;
    const cluster = unwrap(addCluster(sim, { name: 'aks', location: 'eastus', nodes: 2 }));
    const dep: Deployment = unwrap(
      createDeployment(sim, cluster, {
        name: 'web',
        image: `${registry.loginServer}/nothing:v1`,
        replicas: 2,
      }),
    );
    sim.advance(15 * S);
    unwrap(deleteDeployment(sim, cluster, 'web'));
    expect(cluster.pods.size).toBe(0);
    expect(cluster.deployments.size).toBe(0);
    const after = sim.log.length;
    sim.advance(30 * 60 * S);
    expect(ofKind(sim.log.since(after), 'pod.pulling')).toHaveLength(0);
    expect(dep.pods.every((p) => p.deleted)).toBe(true);
  });

  it('pod names are NAME-HASH-xxxxx and the same for the same seed', () => {
    const names = () => {
      const { sim, registry } = geoWorld(['eastus'], { seed: 7 });
      const cluster = unwrap(addCluster(sim, { name: 'aks', location: 'eastus' }));
      const dep = unwrap(
        createDeployment(sim, cluster, { name: 'web', image: `${registry.loginServer}/web:v1`, replicas: 3 }),
      );
      return { pods: dep.pods.map((p) => p.name), nodes: cluster.nodes.map((n) => n.name) };
    };
    const a = names();
    expect(a).toEqual(names());
    for (const n of a.pods)
      expect(n).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(new Set(a.pods).size).toBe(3);
    expect(a.nodes[0]).toMatch(/^aks-nodepool1-\d{8}-vmss000000$/);
  });
});

describe('cluster APIs refuse bad input and change nothing', () => {
  const world = geoWorld(['eastus']);
  const { sim, registry } = world;
  const cluster = unwrap(addCluster(sim, { name: 'aks', location: 'eastus', nodes: 1 }));
  unwrap(createDeployment(sim, cluster, { name: 'web', image: `${registry.loginServer}/web:v1` }));
  const cases: Array<[string, () => { ok: boolean; error?: { code: string } }, string]> = [
    ['bad cluster name', () => addCluster(sim, { name: '-x', location: 'eastus' }), 'InvalidClusterName'],
    ['duplicate cluster', () => addCluster(sim, { name: 'aks', location: 'eastus' }), 'ClusterExists'],
    ['unknown region', () => addCluster(sim, { name: 'b', location: 'mars' }), 'UnknownRegion'],
    ['zero nodes', () => addCluster(sim, { name: 'b', location: 'eastus', nodes: 0 }), 'InvalidNodeCount'],
    ['101 nodes', () => addCluster(sim, { name: 'b', location: 'eastus', nodes: 101 }), 'InvalidNodeCount'],
    [
      'upper-case deployment',
      () => createDeployment(sim, cluster, { name: 'Web', image: 'r.azurecr.io/a:b' }),
      'Invalid',
    ],
    [
      'duplicate deployment',
      () => createDeployment(sim, cluster, { name: 'web', image: 'r.azurecr.io/a:b' }),
      'AlreadyExists',
    ],
    [
      'bad image',
      () => createDeployment(sim, cluster, { name: 'x', image: 'r.azurecr.io/A:b' }),
      'InvalidImageName',
    ],
    [
      'hostless image',
      () => createDeployment(sim, cluster, { name: 'x', image: 'nginx' }),
      'InvalidImageName',
    ],
    [
      'negative replicas',
      () => createDeployment(sim, cluster, { name: 'x', image: 'r.azurecr.io/a:b', replicas: -1 }),
      'InvalidReplicas',
    ],
    ['delete unknown', () => deleteDeployment(sim, cluster, 'nope'), 'NotFound'],
  ];
  it.each(cases)('%s', (_name, call, code) => {
    const before = sim.log.length;
    const pods = cluster.pods.size;
    const r = call();
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe(code);
    expect(sim.log.length).toBe(before);
    expect(cluster.pods.size).toBe(pods);
    expect(sim.clusters.size).toBe(1);
  });
});
