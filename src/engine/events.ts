import type { Digest } from './types';

/** How a request reached a replica. */
export type EndpointKind = 'global' | 'regional' | 'data';

/**
 * One replica's part of a load generator's minute (`load.minute`): pull attempts it served, that
 * it answered 429, that failed otherwise, and the read requests it accepted for the fleet.
 */
export interface LoadReplicaMinute {
  readonly location: string;
  readonly ok: number;
  readonly throttled: number;
  readonly failed: number;
  readonly reads: number;
}

/** What `webhook.delivered` and `webhook.failed` say about one delivery. */
export interface WebhookEventFields {
  registry: string;
  webhook: string;
  location: string;
  action: 'push' | 'delete';
  repository: string;
  tag?: string;
  digest?: Digest;
  httpStatus: number;
}

/**
 * Everything that happens in the world, with simulated time. The UI, the runner and the tests
 * all read this one log; nothing else is a source of truth about the past.
 */
export type SimEventBody =
  | { kind: 'registry.created'; registry: string; sku: string; location: string }
  | { kind: 'registry.updated'; registry: string; changes: string }
  | { kind: 'registry.deleted'; registry: string }
  | { kind: 'replica.creating'; registry: string; replica: string; location: string }
  | { kind: 'replica.provisioned'; registry: string; replica: string; location: string; syncBytes: number }
  | { kind: 'replica.ready'; registry: string; replica: string; location: string }
  | { kind: 'replica.deleting'; registry: string; replica: string; location: string }
  | { kind: 'replica.deleted'; registry: string; replica: string; location: string }
  | { kind: 'replica.routing'; registry: string; replica: string; location: string; enabled: boolean }
  | { kind: 'client.added'; client: string; location: string }
  | { kind: 'client.login'; client: string; host: string; principal: string }
  | { kind: 'client.logout'; client: string; host: string }
  | { kind: 'image.built'; client: string; ref: string; digest: Digest; size: number }
  | {
      kind: 'request';
      client: string;
      host: string;
      endpoint: EndpointKind;
      registry: string;
      location: string;
      method: string;
      path: string;
      status: number;
      code?: string;
    }
  | {
      kind: 'push.committed';
      registry: string;
      location: string;
      repository: string;
      tag?: string;
      digest: Digest;
    }
  | { kind: 'delete.committed'; registry: string; location: string; repository: string; target: string }
  | {
      kind: 'replication.applied';
      registry: string;
      from: string;
      to: string;
      repository: string;
      change: string;
      digest?: Digest;
      tag?: string;
      lagMs: number;
      bytes: number;
      /** A pushed manifest that arrived after a newer delete of it (or its repository): dropped. */
      superseded?: true;
    }
  /** A webhook at `location` notified its receiver (B-HOOK-1). */
  | ({ kind: 'webhook.delivered' } & WebhookEventFields)
  /** A webhook delivery failed; ACR does not retry it. */
  | ({ kind: 'webhook.failed' } & WebhookEventFields)
  | { kind: 'outage.start'; scope: 'region' | 'registry'; location: string; registry?: string }
  | { kind: 'outage.end'; scope: 'region' | 'registry'; location: string; registry?: string }
  | { kind: 'health.unhealthy'; registry: string; location: string }
  /** `routed`: the global endpoint never stopped sending traffic there (a blip shorter than detection). */
  | { kind: 'health.healthy'; registry: string; location: string; routed: boolean }
  | { kind: 'health.detected'; registry: string; location: string }
  | { kind: 'health.failback'; registry: string; location: string }
  /** Logged at recovery: when the last global-endpoint request reached the replica while it was down. */
  | { kind: 'health.lastRequest'; registry: string; location: string; at: number }
  | { kind: 'dns.updated'; registry: string; pool: string[] }
  | { kind: 'config.set'; key: string; value: string }
  | { kind: 'cluster.added'; cluster: string; location: string; nodes: number }
  | {
      kind: 'deployment.created';
      cluster: string;
      location: string;
      deployment: string;
      image: string;
      replicas: number;
    }
  | { kind: 'deployment.deleted'; cluster: string; location: string; deployment: string }
  | {
      /** A pod's kubelet starts pulling its image (attempt 1, 2, … after backoffs). */
      kind: 'pod.pulling';
      cluster: string;
      location: string;
      pod: string;
      node: string;
      image: string;
      attempt: number;
    }
  | {
      /** A pod's pull failed (`reason` ErrImagePull); it retries after `backoffMs`. */
      kind: 'pod.failed';
      cluster: string;
      location: string;
      pod: string;
      node: string;
      image: string;
      reason: string;
      code: string;
      message: string;
      /** Region of the replica whose answer failed the pull, if one answered. */
      servedBy?: string;
      backoffMs: number;
    }
  | {
      kind: 'pod.running';
      cluster: string;
      location: string;
      pod: string;
      node: string;
      image: string;
      digest?: Digest;
      /** True when the image was already on the node and no request was made. */
      cached: boolean;
    }
  | {
      kind: 'load.started';
      generator: string;
      registry: string;
      /** Where the fleet is. */
      location: string;
      image: string;
      pullsPerMinute: number;
      endpoint: 'global' | 'regional';
      retry: 'none' | 'backoff';
    }
  | {
      /**
       * A load generator's minute `[from, from + 1 min)`: pulls issued, pulls that ended (ok, 429,
       * failed) and pulls waiting to retry at its end, and how its attempts fell on each replica.
       */
      kind: 'load.minute';
      generator: string;
      registry: string;
      location: string;
      from: number;
      issued: number;
      succeeded: number;
      throttled: number;
      failed: number;
      inFlight: number;
      replicas: LoadReplicaMinute[];
    }
  | {
      kind: 'load.stopped';
      generator: string;
      registry: string;
      location: string;
      issued: number;
      succeeded: number;
      throttled: number;
      failed: number;
      /** True when it ran for its `--duration` and every pull ended; false for `sim load stop`. */
      finished: boolean;
    };

export type SimEventKind = SimEventBody['kind'];
export type SimEvent = SimEventBody & { readonly t: number; readonly seq: number };

/** A `request` entry (see `EventLog.appendRequest`). */
export type RequestEvent = Extract<SimEvent, { kind: 'request' }>;

/**
 * Cells per `request` row: client, host, endpoint, registry, location, method, the path in two
 * parts (head and tail), status, code.
 */
const REQUEST_CELLS = 10;
/**
 * Rows per chunk of cells. A chunk (10,240 cells, 80 KiB) stays a regular heap object: one array
 * for every row would reach tens of megabytes, and a large array that keeps growing while the
 * collector marks lengthened its final pause.
 */
const CHUNK_ROWS = 1024;

/**
 * An append-only, typed event log with listeners for live views.
 *
 * `request` entries, most of a busy log, are kept as rows: the time in a typed array, the other
 * fields as adjacent cells of fixed-size chunks (strings the world already holds, and the
 * status). Their entry objects are built when read, so two reads give equal objects, not the same
 * one. Kept as objects (with their paths as fresh strings), every request left the young-generation
 * collector objects to copy into the old generation; as rows it leaves none, and the engine
 * benchmark's loop takes 7–9 % less time (BENCHMARKS.md, sixth round). Other entries are kept as
 * the objects appended.
 */
export class EventLog {
  /** Entry by sequence number: the event itself, or a `request` entry's row number. */
  private readonly entries: Array<SimEvent | number> = [];
  private requestTimes = new Float64Array(1024);
  private readonly requestChunks: Array<Array<string | number | undefined>> = [];
  private requestRows = 0;
  private listeners: Array<(e: SimEvent) => void> = [];

  get length(): number {
    return this.entries.length;
  }

  /** The entry with sequence number `seq`, or undefined past the end. */
  at(seq: number): SimEvent | undefined {
    const entry = this.entries[seq];
    return typeof entry === 'number' ? this.request(entry, seq) : entry;
  }

  /** The kind of entry `seq`, without building a `request` entry. */
  kindAt(seq: number): SimEventKind | undefined {
    const entry = this.entries[seq];
    return typeof entry === 'number' ? 'request' : entry?.kind;
  }

  /** Entries `from` (inclusive) to `to` (exclusive), like `Array.prototype.slice` with indexes ≥ 0. */
  slice(from = 0, to = this.entries.length): SimEvent[] {
    const end = Math.min(to, this.entries.length);
    const out: SimEvent[] = [];
    for (let seq = Math.max(0, from); seq < end; seq++) out.push(this.at(seq)!);
    return out;
  }

  /** Every entry, built afresh on each read: O(length), for tests, exports and one-off readers. */
  get events(): SimEvent[] {
    return this.slice();
  }

  since(seq: number): SimEvent[] {
    return this.slice(seq);
  }

  /** Appends an event. The body object becomes the event (callers pass a fresh literal). */
  append(t: number, body: SimEventBody): SimEvent {
    const e = body as SimEventBody & { t: number; seq: number };
    e.t = t;
    e.seq = this.entries.length;
    this.entries.push(e);
    for (const l of this.listeners) l(e);
    return e;
  }

  /**
   * Appends an entry whose `t` and `seq` the caller has already filled in (`t` the current time,
   * `seq` this log's `length`), for the hottest entries: setting them here would be a store into
   * whichever of many entry shapes arrives, which V8 cannot specialise.
   */
  appendFilled(e: SimEvent): SimEvent {
    if (e.seq !== this.entries.length)
      throw new Error(`invariant: event seq ${e.seq} at ${this.entries.length}`);
    this.entries.push(e);
    for (const l of this.listeners) l(e);
    return e;
  }

  /**
   * Appends a `request` entry at time `t`, as a row (see the class comment). Its path is
   * `pathHead + pathTail`, given in two parts so that a hot caller passes strings that already
   * exist (a repository's path prefix and a digest) and the row keeps no new string.
   */
  appendRequest(
    t: number,
    client: string,
    host: string,
    endpoint: EndpointKind,
    registry: string,
    location: string,
    method: string,
    pathHead: string,
    pathTail: string,
    status: number,
    code: string | undefined,
  ): void {
    const row = this.requestRows++;
    if (row === this.requestTimes.length) {
      const times = new Float64Array(row * 2);
      times.set(this.requestTimes);
      this.requestTimes = times;
    }
    this.requestTimes[row] = t;
    if (row % CHUNK_ROWS === 0) this.requestChunks.push(new Array(CHUNK_ROWS * REQUEST_CELLS));
    const c = this.requestChunks[this.requestChunks.length - 1]!;
    const k = (row % CHUNK_ROWS) * REQUEST_CELLS;
    c[k] = client;
    c[k + 1] = host;
    c[k + 2] = endpoint;
    c[k + 3] = registry;
    c[k + 4] = location;
    c[k + 5] = method;
    c[k + 6] = pathHead;
    c[k + 7] = pathTail;
    c[k + 8] = status;
    c[k + 9] = code;
    this.entries.push(row);
    if (this.listeners.length === 0) return;
    const e = this.request(row, this.entries.length - 1);
    for (const l of this.listeners) l(e);
  }

  /** Subscribes to new events; returns the unsubscribe function. */
  subscribe(listener: (e: SimEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Builds the entry of request row `row` (keys in the order a literal entry had them). */
  private request(row: number, seq: number): RequestEvent {
    const c = this.requestChunks[Math.floor(row / CHUNK_ROWS)]!;
    const k = (row % CHUNK_ROWS) * REQUEST_CELLS;
    return {
      kind: 'request',
      client: c[k] as string,
      host: c[k + 1] as string,
      endpoint: c[k + 2] as EndpointKind,
      registry: c[k + 3] as string,
      location: c[k + 4] as string,
      method: c[k + 5] as string,
      path: (c[k + 6] as string) + (c[k + 7] as string),
      status: c[k + 8] as number,
      code: c[k + 9] as string | undefined,
      t: this.requestTimes[row]!,
      seq,
    };
  }
}

/**
 * The region an event is about, used for the region column, the region filter and selecting on
 * the map: where a write landed, the replica a change replicated *to*, where an outage is.
 */
export function eventRegion(e: SimEvent): string | undefined {
  switch (e.kind) {
    case 'replication.applied':
      return e.to;
    case 'registry.created':
    case 'replica.creating':
    case 'replica.provisioned':
    case 'replica.ready':
    case 'replica.deleting':
    case 'replica.deleted':
    case 'replica.routing':
    case 'request':
    case 'push.committed':
    case 'delete.committed':
    case 'outage.start':
    case 'outage.end':
    case 'health.unhealthy':
    case 'health.healthy':
    case 'health.detected':
    case 'health.failback':
    case 'health.lastRequest':
    case 'load.started': // the fleet's location; `load.minute` lists the replicas it reached
    case 'load.minute':
    case 'load.stopped':
    case 'cluster.added': // a cluster sits in one region (unlike a client at any coordinates)
    case 'deployment.created':
    case 'deployment.deleted':
    case 'pod.pulling':
    case 'pod.failed':
    case 'pod.running':
    case 'webhook.delivered':
    case 'webhook.failed':
      return e.location || undefined;
    case 'registry.updated':
    case 'registry.deleted':
    case 'client.added': // where a client sits is not an event of that region's replica
    case 'client.login':
    case 'client.logout':
    case 'image.built':
    case 'dns.updated':
    case 'config.set':
      return undefined;
    default: {
      const never: never = e;
      return never;
    }
  }
}
