import { Client } from './client';
import { localKey } from './clients';
import { planPull, pullImage, type DataPlaneError, type Served } from './dataplane';
import { digestOf, parseImageRef } from './oci';
import { delay, until, type Process } from './process';
import { findRegion, lookupRegion } from './regions';
import { fail, ok, type Result } from './result';
import type { Rng } from './rng';
import type { Simulation } from './sim';
import type { Digest, LonLat, RegionName } from './types';

/**
 * Kubernetes clusters (AKS) whose nodes pull images through the real data plane (SPEC 7, scenario
 * 11). A node is a docker-like {@link Client}: every pod's pull resolves the registry host per the
 * node's DNS cache, is routed, throttled and answered by one replica exactly like `docker pull`,
 * so a pod started right after a push in another region gets MANIFEST_UNKNOWN and backs off.
 *
 * Modelling choices, each a simplification of kubelet's behaviour:
 * - **Attached registries.** A cluster may pull from every simulated registry, as if attached
 *   (`az aks update --attach-acr`): the kubelet credential provider signs the node in to whatever
 *   registry host a pod's image names, at pull time, as `<cluster>-agentpool`.
 * - **Scheduling.** Pods are bound at once to the node with the fewest pods (ties: lowest index),
 *   which is what the default scheduler's spreading gives for one deployment.
 * - **Pull policy.** `IfNotPresent` unless the tag is `latest` (then `Always`), kubelet's default.
 *   With `IfNotPresent` an image already on the node is used without any request.
 * - **Serialized pulls.** kubelet pulls one image at a time per node (`serializeImagePulls`,
 *   default true), so pods on one node queue; the second pod of an image on a node finds it in
 *   the node's image store and downloads nothing.
 * - **Backoff.** kubelet keys its image-pull backoff by pod and image (`<pod UID>_<image>`), not
 *   by node: pods back off independently. The n-th consecutive failure waits
 *   `min(10 s × 2^(n−1), 5 min)` (10, 20, 40, 80, 160, 300, 300 s …), measured from the failure.
 *   The pod shows `ErrImagePull` for {@link ERR_IMAGE_PULL_VISIBLE_MS} (until the pod worker's
 *   next sync), then `ImagePullBackOff` until the retry, and keeps showing `ImagePullBackOff`
 *   while the retry is in flight, as `kubectl get pods` does.
 * - **Start.** Once the image is present the container is created and started after
 *   {@link CONTAINER_START_MS}; with no readiness probe it is available as soon as it runs.
 */

export const KUBELET_BACKOFF_INITIAL_MS = 10_000;
export const KUBELET_BACKOFF_MAX_MS = 300_000;
/** How long a failed pull shows `ErrImagePull` before the pod worker reports `ImagePullBackOff`. */
export const ERR_IMAGE_PULL_VISIBLE_MS = 2_000;
/** From image present to container running (create + start). */
export const CONTAINER_START_MS = 1_000;
export const MAX_CLUSTER_NODES = 100;
export const MAX_DEPLOYMENT_REPLICAS = 1_000;

/** The wait before retry after the n-th consecutive failed pull of one pod (n ≥ 1). */
export function kubeletBackoffMs(failures: number): number {
  if (failures < 1) return 0;
  // 2^5 × 10 s already exceeds the cap; clamp the exponent so huge counts stay finite.
  return Math.min(KUBELET_BACKOFF_INITIAL_MS * 2 ** Math.min(failures - 1, 30), KUBELET_BACKOFF_MAX_MS);
}

/** kubelet's image pull policy. */
export type PullPolicy = 'IfNotPresent' | 'Always';

/** `Pending` before a node is bound; `ContainerCreating` while the image is fetched and started. */
export type PodPhase = 'Pending' | 'ContainerCreating' | 'Running';
/** Why a pod's container is waiting after a failed pull. */
export type PodWaitingReason = 'ErrImagePull' | 'ImagePullBackOff';
/** The STATUS column of `kubectl get pods`. */
export type PodStatus = PodPhase | PodWaitingReason;

/** A Kubernetes event about a pod, aggregated as the API server does (count, first and last). */
export interface PodEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly from: 'default-scheduler' | 'kubelet';
  readonly message: string;
  first: number;
  last: number;
  count: number;
}

/** What a pod's last image fetch did. */
export interface PodPull {
  /** Which of the pod's fetches this was (1 for the first). */
  readonly attempt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly ok: boolean;
  /** True when the image was already on the node and no request was made. */
  readonly cached: boolean;
  readonly digest: Digest | undefined;
  readonly served: readonly Served[];
  readonly error: DataPlaneError | undefined;
}

/** One agent node: a docker-like client in the cluster's region plus kubelet's pull queue. */
export interface ClusterNode {
  readonly name: string;
  readonly index: number;
  readonly ip: string;
  readonly client: Client;
  readonly createdAt: number;
  /** The pod whose pull holds the node's (serialized) image service, if any. */
  pulling: string | undefined;
  /** Pods bound here so far, for pod IPs. */
  podSeq: number;
}

export interface Pod {
  readonly name: string;
  readonly cluster: string;
  readonly deployment: string;
  readonly node: ClusterNode;
  /** The image reference as given to the deployment. */
  readonly image: string;
  readonly ip: string;
  readonly createdAt: number;
  readonly pullPolicy: PullPolicy;
  phase: PodPhase;
  reason: PodWaitingReason | undefined;
  startedAt: number | undefined;
  /** Image fetches started (including ones served from the node's store). */
  pullAttempts: number;
  /** Consecutive failed pulls, which set the backoff. */
  failures: number;
  /** Container restarts; the simulated containers never crash, so this stays 0. */
  readonly restarts: number;
  /** When the next pull is due while backing off. */
  retryAt: number | undefined;
  /** kubelet's message for the last failure. */
  lastError: string | undefined;
  lastPull: PodPull | undefined;
  deleted: boolean;
  readonly events: PodEvent[];
}

export interface Deployment {
  readonly name: string;
  readonly cluster: string;
  readonly image: string;
  readonly replicas: number;
  readonly createdAt: number;
  /** The ReplicaSet's pod-template-hash, part of every pod name. */
  readonly templateHash: string;
  readonly pods: Pod[];
}

export interface Cluster {
  readonly name: string;
  readonly location: RegionName;
  readonly lonLat: LonLat;
  readonly createdAt: number;
  readonly nodes: readonly ClusterNode[];
  readonly deployments: Map<string, Deployment>;
  readonly pods: Map<string, Pod>;
  /** The kubelet identity that signs in to registries. */
  readonly principal: string;
}

const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/;
const DEPLOYMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The clusters' random stream: node placement, node-pool ids and pod name suffixes. */
const clusterRng = (sim: Simulation): Rng => sim.rng.cluster;

export function findCluster(sim: Simulation, name: string): Cluster | undefined {
  return sim.clusters.get(name);
}

export interface AddClusterOptions {
  readonly name: string;
  readonly location: string;
  /** Agent nodes, 1 to {@link MAX_CLUSTER_NODES}; default 3. */
  readonly nodes?: number;
}

/** Creates an AKS cluster with `nodes` agent nodes spread around its region. */
export function addCluster(sim: Simulation, options: AddClusterOptions): Result<Cluster> {
  if (!CLUSTER_NAME.test(options.name)) {
    return fail(
      'InvalidClusterName',
      `The cluster name "${options.name.slice(0, 60)}" is invalid: letters, digits, _ and - (up to 63), starting with a letter or digit.`,
      options.name.slice(0, 60),
    );
  }
  if (sim.clusters.has(options.name))
    return fail('ClusterExists', `A cluster named ${options.name} already exists.`, options.name);
  const region = findRegion(options.location);
  if (!region) {
    const why = lookupRegion(options.location);
    return why.ok ? fail('UnknownRegion', 'unknown region') : why;
  }
  const count = options.nodes ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > MAX_CLUSTER_NODES) {
    return fail(
      'InvalidNodeCount',
      `The node count ${count} must be a whole number from 1 to ${MAX_CLUSTER_NODES}.`,
      String(count),
    );
  }
  const rng = clusterRng(sim);
  const pool = String(10_000_000 + rng.int(90_000_000));
  const bandwidth = sim.config.get('client.bandwidth');
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < count; i++) {
    // Within about 25 km of the region's point: same region, slightly different paths.
    const lonLat = {
      lat: region.lonLat.lat + (rng.next() - 0.5) * 0.4,
      lon: region.lonLat.lon + (rng.next() - 0.5) * 0.4,
    };
    const name = `aks-nodepool1-${pool}-vmss${i.toString(36).padStart(6, '0')}`;
    nodes.push({
      name,
      index: i,
      ip: `10.224.0.${4 + i}`,
      client: new Client(name, lonLat, region.name, bandwidth, 'cache', sim.scheduler),
      createdAt: sim.now,
      pulling: undefined,
      podSeq: 0,
    });
  }
  const cluster: Cluster = {
    name: options.name,
    location: region.name,
    lonLat: region.lonLat,
    createdAt: sim.now,
    nodes,
    deployments: new Map(),
    pods: new Map(),
    principal: `${options.name}-agentpool`,
  };
  sim.clusters.set(cluster.name, cluster);
  sim.emit({ kind: 'cluster.added', cluster: cluster.name, location: cluster.location, nodes: count });
  return ok(cluster);
}

export interface CreateDeploymentOptions {
  readonly name: string;
  readonly image: string;
  /** 0 to {@link MAX_DEPLOYMENT_REPLICAS}; default 1. */
  readonly replicas?: number;
}

/** The pull policy kubelet defaults to for an image reference. */
export function defaultPullPolicy(image: string): PullPolicy {
  const ref = parseImageRef(image);
  return ref.ok && ref.value.digest === undefined && (ref.value.tag ?? 'latest') === 'latest'
    ? 'Always'
    : 'IfNotPresent';
}

/** `kubectl create deployment`: a ReplicaSet's pods, bound to nodes, each pulling on its own. */
export function createDeployment(
  sim: Simulation,
  cluster: Cluster,
  options: CreateDeploymentOptions,
): Result<Deployment> {
  const { name, image } = options;
  if (!DEPLOYMENT_NAME.test(name)) {
    return fail(
      'Invalid',
      `Deployment.apps "${name.slice(0, 60)}" is invalid: metadata.name: must be lower-case letters, digits and '-', starting and ending with a letter or digit (up to 63).`,
      name.slice(0, 60),
    );
  }
  if (cluster.deployments.has(name))
    return fail('AlreadyExists', `deployments.apps "${name}" already exists`, name);
  const ref = parseImageRef(image);
  if (!ref.ok)
    return fail('InvalidImageName', `invalid image "${image.slice(0, 80)}": ${ref.error.message}`, image);
  if (ref.value.host === undefined) {
    return fail(
      'InvalidImageName',
      `the image "${image.slice(0, 80)}" names no registry host; the simulator has no Docker Hub, so use REGISTRY.azurecr.io/${ref.value.repository}`,
      image,
    );
  }
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_DEPLOYMENT_REPLICAS) {
    return fail(
      'InvalidReplicas',
      `The replica count ${replicas} must be a whole number from 0 to ${MAX_DEPLOYMENT_REPLICAS}.`,
      String(replicas),
    );
  }
  const deployment: Deployment = {
    name,
    cluster: cluster.name,
    image,
    replicas,
    createdAt: sim.now,
    templateHash: templateHash(`${cluster.name}/${name}/${image}`),
    pods: [],
  };
  cluster.deployments.set(name, deployment);
  sim.emit({
    kind: 'deployment.created',
    cluster: cluster.name,
    location: cluster.location,
    deployment: name,
    image,
    replicas,
  });
  const policy = defaultPullPolicy(image);
  for (let i = 0; i < replicas; i++) {
    const pod = newPod(sim, cluster, deployment, policy);
    deployment.pods.push(pod);
    cluster.pods.set(pod.name, pod);
    sim.spawn(podProcess(sim, cluster, pod));
  }
  return ok(deployment);
}

/** `kubectl delete deployment`: its pods go at once; a pull in flight finishes into the node's store. */
export function deleteDeployment(sim: Simulation, cluster: Cluster, name: string): Result<Deployment> {
  const deployment = cluster.deployments.get(name);
  if (!deployment)
    return fail('NotFound', `deployments.apps "${name.slice(0, 60)}" not found`, name.slice(0, 60));
  cluster.deployments.delete(name);
  for (const pod of deployment.pods) {
    pod.deleted = true;
    cluster.pods.delete(pod.name);
  }
  sim.emit({
    kind: 'deployment.deleted',
    cluster: cluster.name,
    location: cluster.location,
    deployment: name,
  });
  sim.notify('content');
  return ok(deployment);
}

/** The STATUS `kubectl get pods` shows. */
export function podStatus(pod: Pod): PodStatus {
  return pod.reason ?? pod.phase;
}

/** Pods of a deployment that run (there are no readiness probes: running is available). */
export function availableReplicas(deployment: Deployment): number {
  let n = 0;
  for (const p of deployment.pods) if (!p.deleted && p.phase === 'Running') n++;
  return n;
}

/** Maps bytes of a digest onto the name alphabet: the ReplicaSet's pod-template-hash. */
function templateHash(text: string): string {
  const hex = digestOf(text).slice('sha256:'.length);
  let out = '';
  for (let i = 0; i < 10; i++) out += NAME_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 27];
  return out;
}

function newPod(sim: Simulation, cluster: Cluster, deployment: Deployment, policy: PullPolicy): Pod {
  const rng = clusterRng(sim);
  let name: string;
  do {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[rng.int(NAME_ALPHABET.length)];
    name = `${deployment.name}-${deployment.templateHash}-${suffix}`;
  } while (cluster.pods.has(name));
  // The default scheduler spreads a deployment's pods: the node with the fewest pods wins.
  const load = new Map<ClusterNode, number>(cluster.nodes.map((n) => [n, 0]));
  for (const p of cluster.pods.values()) load.set(p.node, (load.get(p.node) ?? 0) + 1);
  let node = cluster.nodes[0]!;
  for (const n of cluster.nodes) if (load.get(n)! < load.get(node)!) node = n;
  node.podSeq++;
  return {
    name,
    cluster: cluster.name,
    deployment: deployment.name,
    node,
    image: deployment.image,
    ip: `10.244.${node.index}.${1 + (node.podSeq % 254)}`,
    createdAt: sim.now,
    pullPolicy: policy,
    phase: 'Pending',
    reason: undefined,
    startedAt: undefined,
    pullAttempts: 0,
    failures: 0,
    restarts: 0,
    retryAt: undefined,
    lastError: undefined,
    lastPull: undefined,
    deleted: false,
    events: [],
  };
}

/** Records a Kubernetes event on the pod, folding repeats into one entry as the API server does. */
function podEvent(
  sim: Simulation,
  pod: Pod,
  type: PodEvent['type'],
  reason: string,
  message: string,
  from: PodEvent['from'] = 'kubelet',
): void {
  const i = pod.events.findIndex((e) => e.type === type && e.reason === reason && e.message === message);
  if (i >= 0) {
    const e = pod.events[i]!;
    e.last = sim.now;
    e.count++;
    // Kept in order of last occurrence, as `kubectl describe` lists them.
    pod.events.splice(i, 1);
    pod.events.push(e);
    return;
  }
  pod.events.push({ type, reason, from, message, first: sim.now, last: sim.now, count: 1 });
}

/** gRPC status codes containerd reports for registry answers. */
function rpcCode(error: DataPlaneError): string {
  if (error.status === 404) return 'NotFound';
  if (error.status === 401 || error.status === 403) return 'Unauthenticated';
  if (error.status === 429) return 'ResourceExhausted';
  if (error.status === 503) return 'Unavailable';
  return 'Unknown';
}

/** kubelet's `Failed` message for a pull that failed, with the registry's text and OCI code. */
export function pullFailureMessage(image: string, error: DataPlaneError): string {
  return (
    `Failed to pull image "${image}": rpc error: code = ${rpcCode(error)} desc = ` +
    `failed to pull and unpack image "${image}": ${error.message} (${error.code})`
  );
}

const seconds = (ms: number): string => `${Math.round(ms) / 1000}s`;

/**
 * One pod's life: bind to its node, fetch the image (serialized per node, backing off on
 * failure), then create and start the container. Ends when the pod runs or is deleted.
 */
function* podProcess(sim: Simulation, cluster: Cluster, pod: Pod): Process<void> {
  const node = pod.node;
  const notify = (): void => sim.notify('content');
  pod.phase = 'ContainerCreating';
  podEvent(
    sim,
    pod,
    'Normal',
    'Scheduled',
    `Successfully assigned default/${pod.name} to ${node.name}`,
    'default-scheduler',
  );
  notify();
  const key = localKey(pod.image);
  for (;;) {
    const waitFrom = sim.now;
    while (node.pulling !== undefined && !pod.deleted)
      yield until(() => node.pulling === undefined || pod.deleted);
    if (pod.deleted) return;
    pod.pullAttempts++;
    pod.retryAt = undefined;
    const present = key.ok ? node.client.images.get(key.value) : undefined;
    if (present && pod.pullPolicy === 'IfNotPresent') {
      pod.lastPull = {
        attempt: pod.pullAttempts,
        startedAt: sim.now,
        finishedAt: sim.now,
        ok: true,
        cached: true,
        digest: present.manifest.digest,
        served: [],
        error: undefined,
      };
      podEvent(sim, pod, 'Normal', 'Pulled', `Container image "${pod.image}" already present on machine`);
      break;
    }
    node.pulling = pod.name;
    const startedAt = sim.now;
    podEvent(sim, pod, 'Normal', 'Pulling', `Pulling image "${pod.image}"`);
    sim.emit({
      kind: 'pod.pulling',
      cluster: cluster.name,
      location: cluster.location,
      pod: pod.name,
      node: node.name,
      image: pod.image,
      attempt: pod.pullAttempts,
    });
    let served: readonly Served[] = [];
    let error: DataPlaneError | undefined;
    let digest: Digest | undefined;
    let size = 0;
    try {
      const plan = planPull(sim, pod.image);
      if (!plan.ok) {
        error = { code: plan.error.code, message: plan.error.message, status: 0 };
      } else {
        // The kubelet credential provider signs the node in to the image's host (attached registry).
        node.client.credentials.set(plan.value.endpoint.host, cluster.principal);
        const result = yield* pullImage(sim, node.client, plan.value);
        served = result.served;
        error = result.error;
        digest = result.digest;
        if (result.ok) size = node.client.images.get(plan.value.key)?.manifest.contentSize ?? 0;
      }
    } finally {
      node.pulling = undefined;
      notify();
    }
    pod.lastPull = {
      attempt: pod.pullAttempts,
      startedAt,
      finishedAt: sim.now,
      ok: error === undefined,
      cached: false,
      digest,
      served,
      error,
    };
    if (pod.deleted) return;
    if (error === undefined) {
      podEvent(
        sim,
        pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${pod.image}" in ${seconds(sim.now - startedAt)} (${seconds(sim.now - waitFrom)} including waiting). Image size: ${size} bytes.`,
      );
      break;
    }
    pod.failures++;
    const backoff = kubeletBackoffMs(pod.failures);
    const failedAt = sim.now;
    pod.reason = 'ErrImagePull';
    pod.retryAt = failedAt + backoff;
    pod.lastError = pullFailureMessage(pod.image, error);
    podEvent(sim, pod, 'Warning', 'Failed', pod.lastError);
    podEvent(sim, pod, 'Warning', 'Failed', 'Error: ErrImagePull');
    sim.emit({
      kind: 'pod.failed',
      cluster: cluster.name,
      location: cluster.location,
      pod: pod.name,
      node: node.name,
      image: pod.image,
      reason: 'ErrImagePull',
      code: error.code,
      message: error.message,
      servedBy: served.at(-1)?.location,
      backoffMs: backoff,
    });
    notify();
    yield delay(Math.min(ERR_IMAGE_PULL_VISIBLE_MS, backoff));
    if (pod.deleted) return;
    pod.reason = 'ImagePullBackOff';
    podEvent(sim, pod, 'Normal', 'BackOff', `Back-off pulling image "${pod.image}"`);
    podEvent(sim, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    notify();
    yield delay(failedAt + backoff - sim.now);
    if (pod.deleted) return;
  }
  pod.failures = 0;
  pod.reason = undefined;
  notify();
  yield delay(CONTAINER_START_MS);
  if (pod.deleted) return;
  const container = pod.deployment;
  podEvent(sim, pod, 'Normal', 'Created', `Created container: ${container}`);
  podEvent(sim, pod, 'Normal', 'Started', `Started container ${container}`);
  pod.phase = 'Running';
  pod.startedAt = sim.now;
  sim.emit({
    kind: 'pod.running',
    cluster: cluster.name,
    location: cluster.location,
    pod: pod.name,
    node: node.name,
    image: pod.image,
    digest: pod.lastPull?.digest,
    cached: pod.lastPull?.cached ?? false,
  });
  notify();
}
