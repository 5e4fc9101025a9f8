import { SharedLink } from './link';
import type { TransferPair } from './cost';
import type { Region } from './regions';
import type { Scheduler } from './scheduler';
import { ClaimTable, ReplicaStore } from './store';
import type { Flow } from './link';
import type { ReplicationJob } from './replication';
import type { BitsPerSecond, RegionName } from './types';

export const SKUS = ['Basic', 'Standard', 'Premium'] as const;
export type Sku = (typeof SKUS)[number];

/**
 * Where a replica is in its life. `provisioning` is Azure's provisioningState Creating;
 * `syncing` has provisioned (its regional endpoint answers) but is still copying the registry's
 * existing content and is not yet in global routing; `ready` is Succeeded/Ready.
 */
export type ReplicaPhase = 'provisioning' | 'syncing' | 'ready' | 'deleting';

/** Initial sync of a new replica: bytes to copy and the flow copying them. */
export interface SyncState {
  readonly bytesTotal: number;
  readonly startedAt: number;
  readonly source: string;
  flow: Flow | undefined;
}

/** Per-replica request accounting for the current minute of throttling (and the one before). */
export interface RequestCounters {
  window: number;
  reads: number;
  writes: number;
  throttledReads: number;
  throttledWrites: number;
  /** Totals since creation. */
  totalReads: number;
  totalWrites: number;
  totalThrottled: number;
  /** The window before `window` (always `window - 1`), kept so gauges can show a whole minute. */
  prevReads: number;
  prevWrites: number;
  prevThrottledReads: number;
  prevThrottledWrites: number;
}

export class Replica {
  readonly store = new ReplicaStore();
  /** Replication traffic into this replica shares this link fairly (SPEC 2.2). */
  readonly inbound: SharedLink;
  phase: ReplicaPhase = 'provisioning';
  /**
   * Created by an identity without the private-link permission on a registry with private
   * endpoints: it stays Creating until deleted by hand (B-PE-3).
   */
  stuck = false;
  /** Whether global-endpoint routing is enabled for this replica (B-HEALTH-7). */
  globalEndpointRouting = true;
  /** A registry-scope outage: only this registry's replica is degraded (B-HEALTH-1). */
  degraded = false;
  /** Health as the global endpoint's routing view sees it; lags real health by the detection delay. */
  inHealthyPool = true;
  /** When the replica last became unhealthy / healthy; drives detection and failback. */
  downSince: number | undefined;
  upSince: number | undefined;
  readyAt: number | undefined;
  sync: SyncState | undefined;
  readonly counters: RequestCounters = {
    window: -1,
    reads: 0,
    writes: 0,
    throttledReads: 0,
    throttledWrites: 0,
    totalReads: 0,
    totalWrites: 0,
    totalThrottled: 0,
    prevReads: 0,
    prevWrites: 0,
    prevThrottledReads: 0,
    prevThrottledWrites: 0,
  };
  /**
   * Blobs on their way here (by blob id, see `blobId`), claimed by one replication job each so none
   * is sent twice.
   */
  readonly incomingBlobs = new ClaimTable();
  /** Time of the last request served here through the global endpoint. */
  lastGlobalRequestAt: number | undefined;

  constructor(
    readonly registry: string,
    readonly name: string,
    readonly region: Region,
    readonly createdAt: number,
    scheduler: Scheduler,
    replicationBandwidth: BitsPerSecond,
  ) {
    this.inbound = new SharedLink(scheduler, replicationBandwidth);
  }

  get location(): RegionName {
    return this.region.name;
  }
}

/**
 * Cross-region replication bytes per region pair (B-COST-2), in the order pairs first moved bytes. Each
 * pair's count is a small object updated in place: replication adds to it on every transfer, and
 * a count stored in a map directly would be a new heap number each time (counts pass 2^31 bytes
 * quickly).
 */
export class PairBytes {
  private readonly byFrom = new Map<string, Map<string, { from: string; to: string; bytes: number }>>();
  private readonly pairs: Array<{ from: string; to: string; bytes: number }> = [];

  /** Counts `bytes` moved from region `from` to region `to`; within one region nothing crosses. */
  add(from: string, to: string, bytes: number): void {
    if (from === to) return;
    let byTo = this.byFrom.get(from);
    if (byTo === undefined) {
      byTo = new Map();
      this.byFrom.set(from, byTo);
    }
    let pair = byTo.get(to);
    if (pair === undefined) {
      pair = { from, to, bytes: 0 };
      byTo.set(to, pair);
      this.pairs.push(pair);
    }
    pair.bytes += bytes;
  }

  /** Bytes moved from `from` to `to`, or undefined when none have. */
  get(from: string, to: string): number | undefined {
    return this.byFrom.get(from)?.get(to)?.bytes;
  }

  get size(): number {
    return this.pairs.length;
  }

  *[Symbol.iterator](): IterableIterator<TransferPair> {
    for (const { from, to, bytes } of this.pairs) yield { from, to, bytes };
  }
}

/** A repository's data-plane path prefixes (`Registry.repoPaths`). */
export interface RepoPaths {
  readonly blobs: string;
  readonly manifests: string;
}

export class Registry {
  readonly replicas = new Map<string, Replica>();
  /** Replication jobs not yet applied at their target. */
  readonly pending = new Set<ReplicationJob>();
  /** Cross-region replication bytes per `from>to` region pair (B-COST-2). */
  readonly crossRegionBytes = new PairBytes();
  /**
   * Pushes, imports and builds into this registry that have started and not finished: content
   * that may still appear (`sim wait replicated` gives up at once on an absent tag only when
   * there are none, see `tagMayAppear`).
   */
  writesInFlight = 0;
  regionalEndpoints: boolean;
  dataEndpointEnabled: boolean;

  constructor(
    readonly name: string,
    readonly resourceGroup: string,
    public sku: Sku,
    readonly home: RegionName,
    readonly createdAt: number,
    options: { regionalEndpoints: boolean; dataEndpointEnabled: boolean },
  ) {
    this.regionalEndpoints = options.regionalEndpoints;
    this.dataEndpointEnabled = options.dataEndpointEnabled;
    this.loginServer = [name.toLowerCase(), '.azurecr.io'].join('');
  }

  /**
   * The global endpoint's host name. One flat string for the registry's lifetime, which every
   * endpoint parsed for it shares: clients key credentials, DNS answers and pins by host, and a
   * request looks them up by a string whose hash is already computed and that matches by identity.
   */
  readonly loginServer: string;

  /** A regional endpoint's host name (one string per region, shared like `loginServer`). */
  regionalHost(location: string): string {
    let host = this.regionalHosts.get(location);
    if (host === undefined) {
      host = [this.name.toLowerCase(), '.', location, '.geo.azurecr.io'].join('');
      this.regionalHosts.set(location, host);
    }
    return host;
  }

  private readonly regionalHosts = new Map<string, string>();

  /** Where a blob GET in `location` redirects to (B-ROUTE-4): always the same region. */
  dataHost(location: string): string {
    // Asked on every blob download: built once per region and setting, not per download.
    const cache = this.dataEndpointEnabled ? this.dataHosts : this.storageHosts;
    let host = cache.get(location);
    if (host === undefined) {
      if (this.dataEndpointEnabled) host = `${this.name.toLowerCase()}.${location}.data.azurecr.io`;
      else {
        const account = `${this.name.toLowerCase()}${location}`.replace(/[^a-z0-9]/g, '').slice(0, 24);
        host = `${account}.blob.core.windows.net`;
      }
      cache.set(location, host);
    }
    return host;
  }

  /** `dataHost` answers by region, with dedicated data endpoints and without. */
  private readonly dataHosts = new Map<string, string>();
  private readonly storageHosts = new Map<string, string>();

  /**
   * `/v2/REPO/blobs/` and `/v2/REPO/manifests/`, built once per repository name: a request's
   * path is one of them plus a digest, tag or `uploads/`, and the log keeps the two parts as they
   * are (see `EventLog.appendRequest`), so a request adds no new string for the log to keep.
   */
  repoPaths(repository: string): RepoPaths {
    let paths = this.repoPathCache.get(repository);
    if (paths === undefined) {
      paths = {
        blobs: ['/v2/', repository, '/blobs/'].join(''),
        manifests: ['/v2/', repository, '/manifests/'].join(''),
      };
      this.repoPathCache.set(repository, paths);
    }
    return paths;
  }

  private readonly repoPathCache = new Map<string, RepoPaths>();

  replicaAt(location: string): Replica | undefined {
    for (const r of this.replicas.values()) if (r.location === location) return r;
    return undefined;
  }

  /** The home region's replica (it always exists: it cannot be deleted). */
  get homeReplica(): Replica {
    const r = this.replicaAt(this.home);
    if (!r) throw new Error(`invariant: registry ${this.name} lost its home replica`);
    return r;
  }

  /** Total bytes of distinct blobs in the registry, counted once (B-COST-1). */
  storageUsed(): number {
    const seen = new Map<string, number>();
    for (const r of this.replicas.values()) for (const [d, size] of r.store.blobs) seen.set(d, size);
    let total = 0;
    for (const size of seen.values()) total += size;
    return total;
  }
}
