import type { Client } from './client';
import { localKey } from './clients';
import type { EndpointKind } from './events';
import { isReplicaUp } from './health';
import { requestAllowed } from './identity';
import {
  canonicalRef,
  MEDIA_TYPES,
  manifestBlobs,
  parseImageRef,
  type BlobRef,
  type ImageRef,
  type Manifest,
} from './oci';
import type { Flow, FlowOwner, SharedLink } from './link';
import { delay, type CallWait, type Process } from './process';
import type { Timer } from './scheduler';
import type { Registry, Replica } from './registry';
import { replicateChange, type Change } from './replication';
import { clip, fail, ok, type Result } from './result';
import { clientLatencyMs, parseHost, resolveEndpoint, type Endpoint } from './routing';
import type { FlowWatch, Simulation } from './sim';
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

/** Fixed successful replies, shared rather than built per request. */
const OK_200: Reply = { status: 200 };
const CREATED_201: Reply = { status: 201 };
const ACCEPTED_202: Reply = { status: 202 };
const REDIRECT_307: Reply = { status: 307 };
const BLOB_404: Reply = { status: 404, code: 'BLOB_UNKNOWN' };
const BLOB_UNKNOWN_404: Reply = {
  status: 404,
  code: 'BLOB_UNKNOWN',
  message: 'blob unknown: blob unknown to registry',
};

/** How the answering replica produces a request's answer (see `RequestCall.handle`). */
const enum Handling {
  /** By the `handler` function (requests off the hot path, see `request`). */
  Function,
  /** `HEAD /v2/REPO/blobs/DIGEST`: whether the replica holds `blob`. */
  HeadBlob,
  /** `POST /v2/REPO/blobs/uploads/`: opens an upload session. */
  StartUpload,
  /** `PUT /v2/REPO/manifests/REFERENCE`: validates and commits `manifest` (and `tag`). */
  PutManifest,
  /** `GET /v2/REPO/manifests/REFERENCE`: finds the manifest `ref` names. */
  GetManifest,
  /** `GET /v2/REPO/blobs/DIGEST`: a redirect to the replica's region's data location. */
  BlobRedirect,
}

/**
 * One HTTP request to a registry endpoint. The endpoint is resolved afresh for this request
 * (per the client's DNS mode); the replica's health, the client's credential for this host
 * name, and the replica's throttling budget are checked when the request arrives; `handle`
 * produces the answer from that replica's state.
 *
 * Driven by scheduler events of its own (it is the scheduled action: arrival at the replica,
 * answer back at the client) rather than by a generator: requests are most of the engine's
 * events, and as a nested generator every one of those events resumed and suspended each frame of
 * the chain (worker → push → request). What a request's handler needs is held in the call's own
 * fields, chosen by `handling`, so a request is one object rather than an object and closures (and
 * one class rather than a subclass per kind, which made V8's property stores megamorphic). The
 * caller yields the call (unless it completed at once, when nothing answered) and reads
 * `answer()`, the call itself; the events, their times and their order are the generator's.
 */
class RequestCall implements CallWait, Timer, RequestResult {
  readonly type = 'call';
  readonly replica: Replica | undefined;
  private readonly latency: number;
  private reply: Reply = REPLIES.unavailable;
  private arrived = false;
  private answered = false;
  private resume: (() => void) | undefined = undefined;
  private task: { readonly done: boolean } | undefined = undefined;
  /** Inputs of the handler, per `handling`. */
  handler: ((replica: Replica) => Reply) | undefined = undefined;
  blob: BlobRef | undefined = undefined;
  manifest: Manifest | undefined = undefined;
  repo = '';
  tag: string | undefined = undefined;
  ref: ImageRef | undefined = undefined;
  /** Outputs: the manifest a GET found, the replica whose data location serves a blob. */
  found: Manifest | undefined = undefined;
  dataLocation: Replica | undefined = undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly client: Client,
    private readonly endpoint: Endpoint,
    private readonly op: OperationKind,
    private readonly method: string,
    /** The request's path is `pathHead + pathTail`, kept in two parts (see `Registry.repoPaths`). */
    private readonly pathHead: string,
    private readonly pathTail: string,
    private readonly trace: Trace,
    private readonly handling: Handling,
  ) {
    this.replica = resolveEndpoint(sim, client, endpoint);
    this.latency = this.replica ? clientLatencyMs(sim, client, this.replica) : 0;
    if (!this.replica) this.finish();
  }

  /** Whether the request has completed (then `answer()` holds its result). */
  get done(): boolean {
    return this.answered;
  }

  get status(): number {
    return this.reply.status;
  }

  get code(): string | undefined {
    return this.reply.code;
  }

  get message(): string | undefined {
    return this.reply.message;
  }

  answer(): RequestResult {
    if (!this.answered) throw new Error('invariant: request answer read before it completed');
    return this;
  }

  start(resume: () => void, task: { readonly done: boolean }): void {
    this.resume = resume;
    this.task = task;
    this.sim.scheduler.after(this.latency, this);
  }

  /** The scheduled action, run at arrival and again at the answer. */
  fire(): void {
    // Cancelled while in flight: like a generator that is never resumed, nothing more happens.
    if (this.task!.done) return;
    if (!this.arrived) {
      this.arrived = true;
      this.arrive(this.replica!);
      this.sim.scheduler.after(this.latency + this.sim.config.get('request.overhead'), this);
      return;
    }
    this.finish();
    this.resume!();
  }

  /** The request reaches the replica: checks, then the handler's answer. */
  private arrive(replica: Replica): void {
    const { sim, client, endpoint, op, trace } = this;
    const registry = endpoint.registry;
    // Docker presents the credential it stored for this host name (one lookup serves both checks).
    const principal = trace.auth === 'docker' ? client.credentials.get(endpoint.host) : undefined;
    if (!registry.replicas.has(replica.name) || !isReplicaUp(sim, replica) || replica.phase === 'deleting') {
      this.reply = REPLIES.unavailable;
    } else if (trace.auth === 'docker' && principal === undefined) {
      this.reply = REPLIES.unauthorized;
    } else if (
      principal !== undefined &&
      !principalMay(sim, principal, endpoint, op, this.method, this.pathHead, this.pathTail)
    ) {
      this.reply = REPLIES.denied;
    } else if (!admitRequest(sim, registry, replica, op)) {
      this.reply = REPLIES.throttled;
    } else {
      this.reply = this.handle(replica);
    }
    if (endpoint.kind === 'global') replica.lastGlobalRequestAt = sim.now;
  }

  /** The replica's answer, from its state when the request arrived. */
  private handle(r: Replica): Reply {
    switch (this.handling) {
      case Handling.Function:
        return this.handler!(r);
      case Handling.HeadBlob:
        return r.store.hasBlobRef(this.blob!) ? OK_200 : BLOB_404;
      case Handling.StartUpload:
        return ACCEPTED_202;
      case Handling.PutManifest:
        return this.commitManifest(r);
      case Handling.GetManifest: {
        const ref = this.ref!;
        const repo = ref.repository;
        const m =
          ref.digest !== undefined
            ? r.store.manifest(repo, ref.digest)
            : r.store.taggedManifest(repo, ref.tag ?? 'latest');
        if (!m) {
          const what = ref.digest ? `manifest ${ref.digest}` : `manifest tagged by "${ref.tag}"`;
          return { status: 404, code: 'MANIFEST_UNKNOWN', message: `manifest unknown: ${what} is not found` };
        }
        this.found = m;
        return OK_200;
      }
      case Handling.BlobRedirect:
        if (!r.store.hasBlobRef(this.blob!)) return BLOB_UNKNOWN_404;
        this.dataLocation = r;
        return REDIRECT_307;
    }
  }

  /**
   * The manifest PUT: the answering replica validates it against its own blobs (B-PUSH-1),
   * commits it, and queues its replication.
   */
  private commitManifest(r: Replica): Reply {
    const { sim, endpoint, repo, tag } = this;
    const manifest = this.manifest!;
    if (!r.store.hasAllBlobs(manifest)) {
      return {
        status: 400,
        code: 'MANIFEST_BLOB_UNKNOWN',
        message: 'manifest blob unknown: blob unknown to registry',
      };
    }
    const version = r.store.commitVersion(sim.now, r.location);
    const change: Change = { kind: 'manifest', repository: repo, manifest, tag, version };
    r.store.putManifest(repo, manifest, version);
    if (tag !== undefined) r.store.putTag(repo, tag, manifest, version);
    // Logged and queued for replication now, at the commit's version time, not when the 201
    // reaches the client: the log must order racing writes the way last-writer-wins does
    // (B-REP-4), and the write must be on its way out before anything can remove its replica.
    const registry = endpoint.registry.name;
    const location = r.location;
    const digest = manifest.digest;
    // Two literals rather than a conditional spread (which allocates); same keys, same order.
    sim.emit(
      tag !== undefined
        ? { kind: 'push.committed', registry, location, repository: repo, tag, digest }
        : { kind: 'push.committed', registry, location, repository: repo, digest },
    );
    fireWebhooks(sim, endpoint.registry, r, change, 'commit');
    replicateChange(sim, endpoint.registry, r, change);
    return CREATED_201;
  }

  /** The answer is back at the client: recorded in the trace and the log. */
  private finish(): void {
    const { sim, client, endpoint, method, pathHead, pathTail, trace, reply, replica } = this;
    this.answered = true;
    // Plain literals with every key present: conditional spreads would allocate on the hot path.
    const entry: Served = {
      method,
      path: pathHead + pathTail,
      host: endpoint.host,
      endpoint: endpoint.kind,
      location: replica?.location,
      status: reply.status,
      code: reply.code,
    };
    trace.served.push(entry);
    trace.listener?.(entry);
    sim.log.appendRequest(
      sim.now,
      client.name,
      endpoint.host,
      endpoint.kind,
      endpoint.registry.name,
      replica?.location ?? '',
      method,
      pathHead,
      pathTail,
      reply.status,
      reply.code,
    );
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
  const call = new RequestCall(sim, client, endpoint, op, method, path, '', trace, Handling.Function);
  call.handler = handle;
  if (!call.done) yield call;
  return call.answer();
}

/**
 * Bytes over a client's link (an upload or a download), published as a transfer for the map while
 * they move; resumes its task with false when `replica` fails first (and, for uploads, when it is
 * removed). One object is the wait, the flow's owner and its watch: the same events and re-checks
 * as a generic flow wait, without its closures.
 */
class TransferCall implements CallWait, FlowOwner, FlowWatch {
  readonly type = 'call';
  readonly pausable = false;
  watched!: Flow;
  /** The published transfer's id (0 when the transfer never started). */
  flowId = 0;
  private resumeOk: (() => void) | undefined = undefined;
  private resumeWith: ((ok: boolean) => void) | undefined = undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly client: Client,
    private readonly registry: Registry,
    private readonly kind: 'upload' | 'download',
    private readonly from: string,
    private readonly to: string,
    private readonly bytes: number,
    private readonly replica: Replica,
  ) {}

  get link(): SharedLink {
    return this.client.link;
  }

  start(resume: () => void, _task: { readonly done: boolean }, resumeWith: (ok: boolean) => void): void {
    const sim = this.sim;
    if (this.abortWhen()) {
      sim.scheduler.after(0, () => resumeWith(false));
      return;
    }
    this.resumeOk = resume;
    this.resumeWith = resumeWith;
    const flow = this.link.start(this.bytes, this);
    this.flowId = flow.id;
    sim.trackTransfer({
      id: flow.id,
      kind: this.kind,
      registry: this.registry.name,
      from: this.from,
      to: this.to,
      client: this.client.name,
      bytes: this.bytes,
      sendTime: sim.now,
      flow,
    });
    this.watched = flow;
    sim.watch(this);
  }

  pauseWhen(): boolean {
    return false;
  }

  abortWhen(): boolean {
    const { sim, replica } = this;
    if (!isReplicaUp(sim, replica)) return true;
    return this.kind === 'upload' && !this.registry.replicas.has(replica.name);
  }

  flowDone(): void {
    this.sim.unwatch(this);
    this.resumeOk!();
  }

  abort(): void {
    this.link.cancel(this.watched);
    this.resumeWith!(false);
  }
}

/**
 * Roles and token scopes (SPEC 6.2, B-AUTH-1): whether the principal signed in to this host may
 * do this request's action (DELETE → delete, a write → push, a read → pull) on its repository.
 */
function principalMay(
  sim: Simulation,
  principal: string,
  endpoint: Endpoint,
  op: OperationKind,
  method: string,
  pathHead: string,
  pathTail: string,
): boolean {
  const action = method === 'DELETE' ? 'delete' : op === 'write' ? 'push' : 'pull';
  return requestAllowed(sim, principal, endpoint.registry, pathHead, pathTail, action);
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
  /** The reference's canonical text (`formatImageRef(ref)`): its local image key. */
  readonly key: string;
  readonly endpoint: Endpoint;
  readonly manifest: Manifest;
}

/** Validates a push before any request is made, so bad input changes nothing. */
export function planPush(sim: Simulation, client: Client, refText: string): Result<PushPlan> {
  const ref = parseImageRef(refText);
  if (!ref.ok) return ref;
  const key = canonicalRef(refText, ref.value);
  const image = client.images.get(key);
  if (!image)
    return fail(
      'ImageNotFound',
      `An image does not exist locally with the tag: ${clip(refText)}`,
      clip(refText),
    );
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
    ref: plan.key,
    tag: ref.tag,
    digest,
    size: error === undefined ? manifest.size : undefined,
    layers,
    served,
    error,
  });
  const target = endpoint.registry;
  target.writesInFlight++;
  try {
    const paths = target.repoPaths(repo);
    const blobs = paths.blobs;
    // Layers in order, then the config.
    const count = manifest.layers.length;
    for (let i = 0; i <= count; i++) {
      const blob = i < count ? manifest.layers[i]! : manifest.config;
      const isConfig = blob === manifest.config;
      // Requests on this path are yielded directly (see RequestCall), not through `request`.
      const headCall = new RequestCall(
        sim,
        client,
        endpoint,
        'read',
        'HEAD',
        blobs,
        blob.digest,
        trace,
        Handling.HeadBlob,
      );
      headCall.blob = blob;
      if (!headCall.done) yield headCall;
      const head = headCall.answer();
      if (head.status === 200) {
        if (!isConfig) layers.push({ digest: blob.digest, status: 'exists' });
        continue;
      }
      if (head.status !== 404) return result(errorOf(head));
      const upload = yield* uploadBlob(sim, client, endpoint, repo, blobs, blob, trace);
      if (upload) return result(upload);
      if (!isConfig) layers.push({ digest: blob.digest, status: 'pushed' });
    }
    const putCall = new RequestCall(
      sim,
      client,
      endpoint,
      'write',
      'PUT',
      paths.manifests,
      ref.tag ?? manifest.digest,
      trace,
      Handling.PutManifest,
    );
    putCall.repo = repo;
    putCall.tag = ref.tag;
    putCall.manifest = manifest;
    if (!putCall.done) yield putCall;
    const put = putCall.answer();
    if (put.status !== 201) return result(errorOf(put));
    return result(undefined, manifest.digest);
  } finally {
    target.writesInFlight--;
    if (pinning) client.pins.delete(endpoint.host);
  }
}

/** POST + PATCH + PUT of one blob, counted as one write; the bytes go at the client's bandwidth. */
function* uploadBlob(
  sim: Simulation,
  client: Client,
  endpoint: Endpoint,
  repo: string,
  blobs: string,
  blob: BlobRef,
  trace: Trace,
): Process<DataPlaneError | undefined> {
  const startCall = new RequestCall(
    sim,
    client,
    endpoint,
    'write',
    'POST',
    blobs,
    'uploads/',
    trace,
    Handling.StartUpload,
  );
  if (!startCall.done) yield startCall;
  const start = startCall.answer();
  if (start.status !== 202 || !start.replica) return errorOf(start);
  const replica = start.replica;
  const transfer = new TransferCall(
    sim,
    client,
    endpoint.registry,
    'upload',
    client.locationLabel,
    replica.location,
    blob.size,
    replica,
  );
  const completed = yield transfer;
  sim.untrackTransfer(transfer.flowId);
  if (!completed)
    return { code: 'UNAVAILABLE', message: 'blob upload interrupted: service unavailable', status: 503 };
  replica.store.addBlobRef(blob);
  // The closing PUT of the upload session: the blob now exists on that replica.
  const entry: Served = {
    method: 'PUT',
    path: blobs + 'uploads/?digest=' + blob.digest,
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
  /** The reference's canonical text (`formatImageRef(ref)`): its local image key. */
  readonly key: string;
  readonly endpoint: Endpoint;
}

export function planPull(sim: Simulation, refText: string): Result<PullPlan> {
  const ref = parseImageRef(refText);
  if (!ref.ok) return ref;
  const endpoint = endpointOf(sim, ref.value, refText);
  if (!endpoint.ok) return endpoint;
  return ok({ ref: ref.value, key: canonicalRef(refText, ref.value), endpoint: endpoint.value });
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
  const paths = registry.repoPaths(repo);
  const getCall = new RequestCall(
    sim,
    client,
    endpoint,
    'read',
    'GET',
    paths.manifests,
    reference,
    trace,
    Handling.GetManifest,
  );
  getCall.ref = ref;
  const result = (error: DataPlaneError | undefined, upToDate = false): PullResult => ({
    ok: error === undefined,
    ref: plan.key,
    digest: getCall.found?.digest,
    layers,
    served,
    error,
    upToDate,
  });
  if (!getCall.done) yield getCall;
  const get = getCall.answer();
  const manifest = getCall.found;
  if (get.status !== 200 || !manifest) return result(errorOf(get));
  const m: Manifest = manifest;
  const existing = client.images.get(plan.key);
  if (existing && existing.manifest.digest === m.digest) return result(undefined, true);
  // The config, then the layers in order.
  const count = m.layers.length;
  for (let i = -1; i < count; i++) {
    const blob = i < 0 ? m.config : m.layers[i]!;
    const isLayer = i >= 0;
    if (client.blobs.hasRef(blob)) {
      if (isLayer) layers.push({ digest: blob.digest, status: 'exists' });
      continue;
    }
    const redirectCall = new RequestCall(
      sim,
      client,
      endpoint,
      'read',
      'GET',
      paths.blobs,
      blob.digest,
      trace,
      Handling.BlobRedirect,
    );
    redirectCall.blob = blob;
    if (!redirectCall.done) yield redirectCall;
    const redirect = redirectCall.answer();
    const dataLocation = redirectCall.dataLocation;
    if (redirect.status !== 307 || !dataLocation) return result(errorOf(redirect));
    const fail503 = yield* download(sim, client, registry, dataLocation, blob, trace);
    if (fail503) return result(fail503);
    client.blobs.addRef(blob);
    if (isLayer) layers.push({ digest: blob.digest, status: 'downloaded' });
  }
  client.images.set(plan.key, { repository: repo, manifest: m, createdAt: sim.now });
  return result(undefined);
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
    const transfer = new TransferCall(
      sim,
      client,
      registry,
      'download',
      replica.location,
      client.locationLabel,
      blob.size,
      replica,
    );
    ok = yield transfer;
    sim.untrackTransfer(transfer.flowId);
  }
  const path = `/${blob.digest}`;
  const location = replica.location;
  const kind = blob.mediaType === MEDIA_TYPES.config ? 'config' : 'layer';
  // Two literals rather than a conditional spread (which allocates and copies); same keys, same order.
  const entry: Served = ok
    ? { method: 'GET', path, host, endpoint: 'data', location, status: 200, blob: kind }
    : { method: 'GET', path, host, endpoint: 'data', location, status: 503, code: 'UNAVAILABLE', blob: kind };
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
