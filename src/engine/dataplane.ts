import type { Client } from './client';
import { localKey } from './clients';
import type { EndpointKind, SimEvent } from './events';
import { isReplicaUp } from './health';
import { dataPlaneAllowed, repositoryOfPath } from './identity';
import {
  formatImageRef,
  MEDIA_TYPES,
  manifestBlobs,
  parseImageRef,
  type BlobRef,
  type ImageRef,
  type Manifest,
} from './oci';
import { delay, type CallWait, type Process } from './process';
import type { Registry, Replica } from './registry';
import { replicateChange, type Change } from './replication';
import { clip, fail, ok, type Result } from './result';
import { clientLatencyMs, parseHost, resolveEndpoint, type Endpoint } from './routing';
import type { Simulation } from './sim';
import { admitRequest, type OperationKind } from './throttle';
import type { Digest } from './types';
import { fireWebhooks } from './webhooks';

/** One request as the client saw it: where it went, who answered, and how. */
export interface Served {
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly endpoint: EndpointKind;
  /** Region of the replica (or data location) that answered; undefined if nothing answered. */
  readonly location: string | undefined;
  readonly status: number;
  readonly code?: string;
  /** For blob transfers: whether the blob is an image layer or the image config. */
  readonly blob?: 'layer' | 'config';
}

/** A failed data-plane operation: OCI code, docker's lower-case text, HTTP status. */
export interface DataPlaneError {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

export interface PushResult {
  readonly ok: boolean;
  readonly ref: string;
  readonly tag: string | undefined;
  readonly digest: Digest | undefined;
  /** Manifest size in bytes, as docker prints it. */
  readonly size: number | undefined;
  readonly layers: ReadonlyArray<{ readonly digest: Digest; readonly status: 'pushed' | 'exists' }>;
  readonly served: readonly Served[];
  readonly error: DataPlaneError | undefined;
}

export interface PullResult {
  readonly ok: boolean;
  readonly ref: string;
  readonly digest: Digest | undefined;
  readonly layers: ReadonlyArray<{ readonly digest: Digest; readonly status: 'downloaded' | 'exists' }>;
  readonly served: readonly Served[];
  readonly error: DataPlaneError | undefined;
  /** True when the image was already present locally with the same digest. */
  readonly upToDate: boolean;
}

export interface DeleteResult {
  readonly ok: boolean;
  readonly served: readonly Served[];
  readonly error: DataPlaneError | undefined;
}

/** Streams each request as it completes, so consoles can print progress live. */
export type ServedListener = (served: Served) => void;

/**
 * How an operation's requests are recorded and authenticated: docker presents the credential it
 * stored for the host name (B-AUTH-2); the Azure CLI presents its own Entra ID token instead.
 */
interface Trace {
  readonly served: Served[];
  readonly listener: ServedListener | undefined;
  readonly auth: 'docker' | 'token';
}

interface Reply {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
}

interface RequestResult extends Reply {
  readonly replica: Replica | undefined;
}

/** Shared, immutable replies for the answers every request may get. */
const REPLIES = {
  unavailable: { status: 503, code: 'UNAVAILABLE', message: 'service unavailable' },
  unauthorized: { status: 401, code: 'UNAUTHORIZED', message: 'unauthorized: authentication required' },
  denied: { status: 403, code: 'DENIED', message: 'denied: requested access to the resource is denied' },
  throttled: {
    status: 429,
    code: 'TOOMANYREQUESTS',
    message: 'toomanyrequests: too many requests, please retry later',
  },
} as const satisfies Record<string, Reply>;

/**
 * One HTTP request to a registry endpoint. The endpoint is resolved afresh for this request
 * (per the client's DNS mode); the replica's health, the client's credential for this host
 * name, and the replica's throttling budget are checked when the request arrives; `handle`
 * produces the answer from that replica's state.
 *
 * Driven by two scheduler actions of its own (arrival at the replica, answer back at the client)
 * rather than by a generator: requests are most of the engine's events, and as a nested generator
 * every one of those events resumed and suspended each frame of the chain (worker → push →
 * request). The caller yields the call (unless it completed at once, when nothing answered) and
 * reads `answer()`; the events, their times and their order are the generator's.
 */
class RequestCall implements CallWait {
  readonly type = 'call';
  private readonly replica: Replica | undefined;
  private readonly latency: number;
  private reply: Reply = REPLIES.unavailable;
  private arrived = false;
  private result: RequestResult | undefined = undefined;
  private resume: (() => void) | undefined = undefined;
  private task: { readonly done: boolean } | undefined = undefined;
  /** The one scheduler action of this request, run at arrival and again at the answer. */
  private readonly next = (): void => this.advance();

  constructor(
    private readonly sim: Simulation,
    private readonly client: Client,
    private readonly endpoint: Endpoint,
    private readonly op: OperationKind,
    private readonly method: string,
    private readonly path: string,
    private readonly trace: Trace,
    private readonly handle: (replica: Replica) => Reply,
  ) {
    this.replica = resolveEndpoint(sim, client, endpoint);
    this.latency = this.replica ? clientLatencyMs(sim, client, this.replica) : 0;
    if (!this.replica) this.finish();
  }

  /** Whether the request has completed (then `answer()` holds its result). */
  get done(): boolean {
    return this.result !== undefined;
  }

  answer(): RequestResult {
    if (this.result === undefined) throw new Error('invariant: request answer read before it completed');
    return this.result;
  }

  start(resume: () => void, task: { readonly done: boolean }): void {
    this.resume = resume;
    this.task = task;
    this.sim.scheduler.after(this.latency, this.next);
  }

  private advance(): void {
    // Cancelled while in flight: like a generator that is never resumed, nothing more happens.
    if (this.task!.done) return;
    if (!this.arrived) {
      this.arrived = true;
      this.arrive(this.replica!);
      this.sim.scheduler.after(this.latency + this.sim.config.get('request.overhead'), this.next);
      return;
    }
    this.finish();
    this.resume!();
  }

  /** The request reaches the replica: checks, then the handler's answer. */
  private arrive(replica: Replica): void {
    const { sim, client, endpoint, op, trace } = this;
    const registry = endpoint.registry;
    if (!registry.replicas.has(replica.name) || !isReplicaUp(sim, replica) || replica.phase === 'deleting') {
      this.reply = REPLIES.unavailable;
    } else if (trace.auth === 'docker' && !client.credentials.has(endpoint.host)) {
      this.reply = REPLIES.unauthorized;
    } else if (trace.auth === 'docker' && !principalMay(sim, client, endpoint, op, this.method, this.path)) {
      this.reply = REPLIES.denied;
    } else if (!admitRequest(sim, registry, replica, op)) {
      this.reply = REPLIES.throttled;
    } else {
      this.reply = this.handle(replica);
    }
    if (endpoint.kind === 'global') replica.lastGlobalRequestAt = sim.now;
  }

  /** The answer is back at the client: recorded in the trace and the log. */
  private finish(): void {
    const { sim, client, endpoint, method, path, trace, reply, replica } = this;
    // Plain literals with every key present: conditional spreads would allocate on the hot path.
    const entry: Served = {
      method,
      path,
      host: endpoint.host,
      endpoint: endpoint.kind,
      location: replica?.location,
      status: reply.status,
      code: reply.code,
    };
    trace.served.push(entry);
    trace.listener?.(entry);
    // The most frequent log entry. `t` and `seq` are filled in by the log; declaring them last here
    // keeps them inside the object (added later they need a separate property store) and leaves the
    // key order what the log gives every other entry.
    const logged: SimEvent = {
      kind: 'request',
      client: client.name,
      host: endpoint.host,
      endpoint: endpoint.kind,
      registry: endpoint.registry.name,
      location: replica?.location ?? '',
      method,
      path,
      status: reply.status,
      code: reply.code,
      t: 0,
      seq: 0,
    };
    sim.emit(logged);
    this.result = { status: reply.status, code: reply.code, message: reply.message, replica };
  }
}

/** A request as a process step, for callers off the hot path (`yield* request(...)`). */
function* request(
  sim: Simulation,
  client: Client,
  endpoint: Endpoint,
  op: OperationKind,
  method: string,
  path: string,
  trace: Trace,
  handle: (replica: Replica) => Reply,
): Process<RequestResult> {
  const call = new RequestCall(sim, client, endpoint, op, method, path, trace, handle);
  if (!call.done) yield call;
  return call.answer();
}

/**
 * Roles and token scopes (SPEC 6.2, B-AUTH-1): whether the principal signed in to this host may
 * do this request's action (DELETE → delete, a write → push, a read → pull) on its repository.
 */
function principalMay(
  sim: Simulation,
  client: Client,
  endpoint: Endpoint,
  op: OperationKind,
  method: string,
  path: string,
): boolean {
  const principal = client.credentials.get(endpoint.host);
  if (principal === undefined) return true;
  const action = method === 'DELETE' ? 'delete' : op === 'write' ? 'push' : 'pull';
  return dataPlaneAllowed(sim, principal, endpoint.registry, () => repositoryOfPath(path), action);
}

function errorOf(r: Reply): DataPlaneError {
  return { code: r.code ?? 'UNKNOWN', message: r.message ?? 'unknown error', status: r.status };
}

/** Resolves the registry endpoint of a reference, or says why it cannot be reached. */
function endpointOf(sim: Simulation, ref: ImageRef, text: string): Result<Endpoint> {
  if (ref.host === undefined) {
    return fail(
      'DENIED',
      `requested access to the resource is denied (${text} names no registry host; tag it as REGISTRY.azurecr.io/${ref.repository})`,
      text,
    );
  }
  const endpoint = parseHost(sim, ref.host);
  if (!endpoint.ok)
    return fail('NoSuchHost', `dial tcp: lookup ${clip(ref.host)}: no such host`, clip(ref.host));
  return endpoint;
}

export interface PushPlan {
  readonly ref: ImageRef;
  readonly key: string;
  readonly endpoint: Endpoint;
  readonly manifest: Manifest;
}

/** Validates a push before any request is made, so bad input changes nothing. */
export function planPush(sim: Simulation, client: Client, refText: string): Result<PushPlan> {
  const ref = parseImageRef(refText);
  if (!ref.ok) return ref;
  const key = formatImageRef(ref.value);
  const image = client.images.get(key);
  if (!image)
    return fail('ImageNotFound', `An image does not exist locally with the tag: ${refText}`, refText);
  const endpoint = endpointOf(sim, ref.value, refText);
  if (!endpoint.ok) return endpoint;
  return ok({ ref: ref.value, key, endpoint: endpoint.value, manifest: image.manifest });
}

/**
 * `docker push` as its request sequence (SPEC 3.3): for each blob a HEAD, and an upload when
 * the answering replica lacks it; then the manifest PUT, which that replica validates against
 * its own blobs (B-PUSH-1). Each request resolves the endpoint on its own, so a resolver that
 * does not cache can scatter one push over several replicas (B-PUSH-2).
 */
export function* pushImage(
  sim: Simulation,
  client: Client,
  plan: PushPlan,
  listener?: ServedListener,
): Process<PushResult> {
  const { ref, endpoint, manifest } = plan;
  const trace: Trace = { served: [], listener, auth: 'docker' };
  const served = trace.served;
  const layers: Array<{ digest: Digest; status: 'pushed' | 'exists' }> = [];
  const repo = ref.repository;
  const pinning = client.dns === 'pin-push' && endpoint.kind === 'global';
  if (pinning) {
    const answer = resolveEndpoint(sim, client, endpoint);
    if (answer) client.pins.set(endpoint.host, answer.name);
  }
  const result = (error: DataPlaneError | undefined, digest?: Digest): PushResult => ({
    ok: error === undefined,
    ref: formatImageRef(ref),
    tag: ref.tag,
    digest,
    size: error === undefined ? manifest.size : undefined,
    layers,
    served,
    error,
  });
  try {
    const blobs = [...manifest.layers, manifest.config];
    for (const blob of blobs) {
      // Requests on this path are yielded directly (see RequestCall), not through `request`.
      const headCall = new RequestCall(
        sim,
        client,
        endpoint,
        'read',
        'HEAD',
        `/v2/${repo}/blobs/${blob.digest}`,
        trace,
        (r) => (r.store.hasBlobRef(blob) ? { status: 200 } : { status: 404, code: 'BLOB_UNKNOWN' }),
      );
      if (!headCall.done) yield headCall;
      const head = headCall.answer();
      if (head.status === 200) {
        if (blob !== manifest.config) layers.push({ digest: blob.digest, status: 'exists' });
        continue;
      }
      if (head.status !== 404) return result(errorOf(head));
      const upload = yield* uploadBlob(sim, client, endpoint, repo, blob, trace);
      if (upload) return result(upload);
      if (blob !== manifest.config) layers.push({ digest: blob.digest, status: 'pushed' });
    }
    const reference = ref.tag ?? manifest.digest;
    const putCall = new RequestCall(
      sim,
      client,
      endpoint,
      'write',
      'PUT',
      `/v2/${repo}/manifests/${reference}`,
      trace,
      (r) => {
        if (!r.store.hasAllBlobs(manifest)) {
          return {
            status: 400,
            code: 'MANIFEST_BLOB_UNKNOWN',
            message: 'manifest blob unknown: blob unknown to registry',
          };
        }
        const version = r.store.commitVersion(sim.now, r.location);
        const change: Change = { kind: 'manifest', repository: repo, manifest, tag: ref.tag, version };
        r.store.putManifest(repo, manifest, version);
        if (ref.tag !== undefined) r.store.putTag(repo, ref.tag, manifest.digest, version);
        // Logged and queued for replication now, at the commit's version time, not when the 201
        // reaches the client: the log must order racing writes the way last-writer-wins does
        // (B-REP-4), and the write must be on its way out before anything can remove its replica.
        const registryName = endpoint.registry.name;
        const digest = manifest.digest;
        // Two literals rather than a conditional spread (which allocates); same keys, same order.
        sim.emit(
          ref.tag !== undefined
            ? {
                kind: 'push.committed',
                registry: registryName,
                location: r.location,
                repository: repo,
                tag: ref.tag,
                digest,
              }
            : {
                kind: 'push.committed',
                registry: registryName,
                location: r.location,
                repository: repo,
                digest,
              },
        );
        fireWebhooks(sim, endpoint.registry, r, change, 'commit');
        replicateChange(sim, endpoint.registry, r, change);
        return { status: 201 };
      },
    );
    if (!putCall.done) yield putCall;
    const put = putCall.answer();
    if (put.status !== 201) return result(errorOf(put));
    return result(undefined, manifest.digest);
  } finally {
    if (pinning) client.pins.delete(endpoint.host);
  }
}

/** POST + PATCH + PUT of one blob, counted as one write; the bytes go at the client's bandwidth. */
function* uploadBlob(
  sim: Simulation,
  client: Client,
  endpoint: Endpoint,
  repo: string,
  blob: BlobRef,
  trace: Trace,
): Process<DataPlaneError | undefined> {
  const startCall = new RequestCall(
    sim,
    client,
    endpoint,
    'write',
    'POST',
    `/v2/${repo}/blobs/uploads/`,
    trace,
    () => ({ status: 202 }),
  );
  if (!startCall.done) yield startCall;
  const start = startCall.answer();
  if (start.status !== 202 || !start.replica) return errorOf(start);
  const replica = start.replica;
  const registry = endpoint.registry;
  const completed = yield* clientTransfer(
    sim,
    client,
    registry,
    'upload',
    client.locationLabel,
    replica.location,
    blob.size,
    () => !isReplicaUp(sim, replica) || !registry.replicas.has(replica.name),
  );
  if (!completed)
    return { code: 'UNAVAILABLE', message: 'blob upload interrupted: service unavailable', status: 503 };
  replica.store.addBlobRef(blob);
  // The closing PUT of the upload session: the blob now exists on that replica.
  const entry: Served = {
    method: 'PUT',
    path: `/v2/${repo}/blobs/uploads/?digest=${blob.digest}`,
    host: endpoint.host,
    endpoint: endpoint.kind,
    location: replica.location,
    status: 201,
    blob: blob.mediaType === MEDIA_TYPES.config ? 'config' : 'layer',
  };
  trace.served.push(entry);
  trace.listener?.(entry);
  return undefined;
}

export interface PullPlan {
  readonly ref: ImageRef;
  readonly key: string;
  readonly endpoint: Endpoint;
}

export function planPull(sim: Simulation, refText: string): Result<PullPlan> {
  const ref = parseImageRef(refText);
  if (!ref.ok) return ref;
  const endpoint = endpointOf(sim, ref.value, refText);
  if (!endpoint.ok) return endpoint;
  return ok({ ref: ref.value, key: formatImageRef(ref.value), endpoint: endpoint.value });
}

/**
 * `docker pull` as its request sequence: GET the manifest (MANIFEST_UNKNOWN where the serving
 * replica lacks it, B-PULL-1), then for each missing blob a GET that redirects (307) to the same
 * region's data location (B-ROUTE-4) and a download that stays there; if that region fails
 * mid-download, the download fails.
 */
export function* pullImage(
  sim: Simulation,
  client: Client,
  plan: PullPlan,
  listener?: ServedListener,
): Process<PullResult> {
  const { ref, endpoint } = plan;
  const registry = endpoint.registry;
  const repo = ref.repository;
  const trace: Trace = { served: [], listener, auth: 'docker' };
  const served = trace.served;
  const layers: Array<{ digest: Digest; status: 'downloaded' | 'exists' }> = [];
  const reference = ref.digest ?? ref.tag ?? 'latest';
  let manifest: Manifest | undefined;
  const result = (error: DataPlaneError | undefined, upToDate = false): PullResult => ({
    ok: error === undefined,
    ref: formatImageRef(ref),
    digest: manifest?.digest,
    layers,
    served,
    error,
    upToDate,
  });
  const getCall = new RequestCall(
    sim,
    client,
    endpoint,
    'read',
    'GET',
    `/v2/${repo}/manifests/${reference}`,
    trace,
    (r) => {
      const digest = ref.digest ?? r.store.resolveTag(repo, ref.tag ?? 'latest');
      const m = digest ? r.store.manifest(repo, digest) : undefined;
      if (!m) {
        const what = ref.digest ? `manifest ${ref.digest}` : `manifest tagged by "${ref.tag}"`;
        return { status: 404, code: 'MANIFEST_UNKNOWN', message: `manifest unknown: ${what} is not found` };
      }
      manifest = m;
      return { status: 200 };
    },
  );
  if (!getCall.done) yield getCall;
  const get = getCall.answer();
  if (get.status !== 200 || !manifest) return result(errorOf(get));
  const m: Manifest = manifest;
  const existing = client.images.get(plan.key);
  if (existing && existing.manifest.digest === m.digest) return result(undefined, true);
  for (const blob of [m.config, ...m.layers]) {
    const isLayer = blob !== m.config;
    if (client.blobs.hasRef(blob)) {
      if (isLayer) layers.push({ digest: blob.digest, status: 'exists' });
      continue;
    }
    let dataLocation: Replica | undefined;
    const redirectCall = new RequestCall(
      sim,
      client,
      endpoint,
      'read',
      'GET',
      `/v2/${repo}/blobs/${blob.digest}`,
      trace,
      (r) => {
        if (!r.store.hasBlobRef(blob))
          return { status: 404, code: 'BLOB_UNKNOWN', message: 'blob unknown: blob unknown to registry' };
        dataLocation = r;
        return { status: 307 };
      },
    );
    if (!redirectCall.done) yield redirectCall;
    const redirect = redirectCall.answer();
    if (redirect.status !== 307 || !dataLocation) return result(errorOf(redirect));
    const fail503 = yield* download(sim, client, registry, dataLocation, blob, trace);
    if (fail503) return result(fail503);
    client.blobs.addRef(blob);
    if (isLayer) layers.push({ digest: blob.digest, status: 'downloaded' });
  }
  client.images.set(plan.key, { repository: repo, manifest: m, createdAt: sim.now });
  return result(undefined);
}

/**
 * Moves bytes over the client's link, published as a transfer for the map while it runs.
 * Resolves to false when `abortWhen` became true first.
 */
function* clientTransfer(
  sim: Simulation,
  client: Client,
  registry: Registry,
  kind: 'upload' | 'download',
  from: string,
  to: string,
  bytes: number,
  abortWhen: () => boolean,
): Process<boolean> {
  let flowId = 0;
  const completed = yield {
    type: 'flow',
    link: client.link,
    bytes,
    onStart: (flow) => {
      flowId = flow.id;
      sim.trackTransfer({
        id: flow.id,
        kind,
        registry: registry.name,
        from,
        to,
        client: client.name,
        bytes,
        sendTime: sim.now,
        flow,
      });
    },
    abortWhen,
  };
  sim.untrackTransfer(flowId);
  return completed;
}

/** Download from the data location of the region that issued the redirect; never cross-region. */
function* download(
  sim: Simulation,
  client: Client,
  registry: Registry,
  replica: Replica,
  blob: BlobRef,
  trace: Trace,
): Process<DataPlaneError | undefined> {
  const host = registry.dataHost(replica.location);
  const latency = clientLatencyMs(sim, client, replica);
  yield delay(latency);
  let ok = isReplicaUp(sim, replica);
  if (ok) {
    ok = yield* clientTransfer(
      sim,
      client,
      registry,
      'download',
      replica.location,
      client.locationLabel,
      blob.size,
      () => !isReplicaUp(sim, replica),
    );
  }
  const entry: Served = {
    method: 'GET',
    path: `/${blob.digest}`,
    host,
    endpoint: 'data',
    location: replica.location,
    status: ok ? 200 : 503,
    ...(ok ? {} : { code: 'UNAVAILABLE' }),
    blob: blob.mediaType === MEDIA_TYPES.config ? 'config' : 'layer',
  };
  trace.served.push(entry);
  trace.listener?.(entry);
  return ok
    ? undefined
    : { code: 'UNAVAILABLE', message: `download from ${host} failed: service unavailable`, status: 503 };
}

export type DeleteTarget =
  | { readonly kind: 'repository'; readonly repository: string }
  | { readonly kind: 'untag'; readonly repository: string; readonly tag: string }
  | { readonly kind: 'manifest'; readonly repository: string; readonly reference: string };

/**
 * Deletes through an endpoint (`az acr repository delete|untag`, `az acr manifest delete`).
 * The serving replica applies it at once and replicates a tombstone (B-REP-5); other replicas
 * keep serving the content until it arrives.
 */
export function* deleteContent(
  sim: Simulation,
  client: Client,
  endpoint: Endpoint,
  target: DeleteTarget,
  options: { readonly listener?: ServedListener; readonly auth?: 'docker' | 'token' } = {},
): Process<DeleteResult> {
  // Deletes come from the Azure CLI, which signs requests with its own token by default.
  const trace: Trace = { served: [], listener: options.listener, auth: options.auth ?? 'token' };
  const served = trace.served;
  const repo = target.repository;
  const path =
    target.kind === 'repository'
      ? `/acr/v1/${repo}`
      : target.kind === 'untag'
        ? `/acr/v1/${repo}/_tags/${target.tag}`
        : `/v2/${repo}/manifests/${target.reference}`;
  const res = yield* request(sim, client, endpoint, 'write', 'DELETE', path, trace, (r) => {
    const version = r.store.commitVersion(sim.now, r.location);
    const store = r.store;
    let change: Change;
    if (target.kind === 'repository') {
      if (!store.repositories().includes(repo))
        return {
          status: 404,
          code: 'NAME_UNKNOWN',
          message: `repository name not known to registry: ${repo}`,
        };
      change = { kind: 'repo-delete', repository: repo, version };
    } else if (target.kind === 'untag') {
      if (!store.resolveTag(repo, target.tag))
        return {
          status: 404,
          code: 'MANIFEST_UNKNOWN',
          message: `manifest unknown: tag "${target.tag}" is not found`,
        };
      change = { kind: 'untag', repository: repo, tag: target.tag, version };
    } else {
      const digest = target.reference.startsWith('sha256:')
        ? (target.reference as Digest)
        : store.resolveTag(repo, target.reference);
      const m = digest ? store.manifest(repo, digest) : undefined;
      if (!m)
        return {
          status: 404,
          code: 'MANIFEST_UNKNOWN',
          message: `manifest unknown: ${target.reference} is not found`,
        };
      change = { kind: 'manifest-delete', repository: repo, manifest: m, version };
    }
    applyLocal(r, change);
    // Logged and replicated at the commit's version time (see pushImage).
    sim.emit({
      kind: 'delete.committed',
      registry: endpoint.registry.name,
      location: r.location,
      repository: repo,
      target:
        target.kind === 'repository'
          ? repo
          : target.kind === 'untag'
            ? `${repo}:${target.tag}`
            : `${repo}@${target.reference}`,
    });
    fireWebhooks(sim, endpoint.registry, r, change, 'commit');
    replicateChange(sim, endpoint.registry, r, change);
    return { status: 202 };
  });
  if (res.status !== 202) return { ok: false, served, error: errorOf(res) };
  return { ok: true, served, error: undefined };
}

function applyLocal(r: Replica, change: Change): void {
  if (change.kind === 'repo-delete') r.store.deleteRepository(change.repository, change.version);
  else if (change.kind === 'untag') r.store.putTag(change.repository, change.tag, null, change.version);
  else if (change.kind === 'manifest-delete')
    r.store.deleteManifest(change.repository, change.manifest, change.version);
}

/** Every blob a manifest needs, for callers that inspect content. */
export { manifestBlobs, localKey };

export type CatalogQuery =
  { readonly kind: 'repositories' } | { readonly kind: 'tags'; readonly repository: string };

export interface CatalogResult {
  readonly ok: boolean;
  /** Repository names, or `tag → digest` pairs for a tags query. */
  readonly repositories: readonly string[];
  readonly tags: ReadonlyArray<readonly [string, Digest]>;
  readonly served: readonly Served[];
  readonly error: DataPlaneError | undefined;
}

/**
 * Lists repositories or a repository's tags as the answering replica sees them
 * (`az acr repository list|show-tags`). Like every read it goes to one replica, so during
 * replication two calls can disagree.
 */
export function* readCatalog(
  sim: Simulation,
  client: Client,
  endpoint: Endpoint,
  query: CatalogQuery,
  options: { readonly listener?: ServedListener; readonly auth?: 'docker' | 'token' } = {},
): Process<CatalogResult> {
  const trace: Trace = { served: [], listener: options.listener, auth: options.auth ?? 'token' };
  let repositories: string[] = [];
  let tags: Array<readonly [string, Digest]> = [];
  const path = query.kind === 'repositories' ? '/acr/v1/_catalog' : `/acr/v1/${query.repository}/_tags`;
  const res = yield* request(sim, client, endpoint, 'read', 'GET', path, trace, (r) => {
    if (query.kind === 'repositories') {
      repositories = r.store.repositories();
      return { status: 200 };
    }
    if (!r.store.repositories().includes(query.repository)) {
      return {
        status: 404,
        code: 'NAME_UNKNOWN',
        message: `repository name not known to registry: ${query.repository}`,
      };
    }
    tags = r.store.tags(query.repository);
    return { status: 200 };
  });
  const error = res.status === 200 ? undefined : errorOf(res);
  return { ok: error === undefined, repositories, tags, served: trace.served, error };
}
