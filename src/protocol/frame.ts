/**
 * What the map needs to draw one moment, sent from the worker at most once per animation frame.
 * Region and client states are small objects and are sent only when they change; in-flight
 * transfers are packed into one Float64Array that is transferred, not cloned.
 */

/** How a region looks on the map for the selected registry. */
export type RegionMark =
  | 'unavailable' // access-restricted: cannot host a replica (gray)
  | 'available' // can host a replica (green)
  | 'home' // the registry's home region, always a replica (blue)
  | 'replica'; // holds a geo-replica

/** Lifecycle of the replica in a region, when there is one. */
export type ReplicaLook = 'creating' | 'syncing' | 'ready' | 'deleting';

export interface RegionState {
  /** Programmatic region name, e.g. `westeurope`. */
  readonly name: string;
  readonly mark: RegionMark;
  /** Set when the region holds a replica (always for `home`). */
  readonly replica?: {
    readonly look: ReplicaLook;
    /**
     * 0..1 while creating (provisioning elapsed) or in its initial sync (bytes copied); 1 after.
     * Not about replication of later writes: see `pendingJobs` and `replicatingBytes`.
     */
    readonly progress: number;
    /** Still Creating when provisioning should have ended: it never will and must be deleted (B-PE-3). */
    readonly stuck?: true;
    /** Real health: false during an outage (region or registry scope). */
    readonly healthy: boolean;
    /** Whether global-endpoint routing is enabled for it (B-HEALTH-7). */
    readonly routingEnabled: boolean;
    /** Whether the global endpoint's routing view currently includes it. */
    readonly inPool: boolean;
    /** Number of live tags it serves. */
    readonly tagCount: number;
    /** Replication jobs on their way to it. */
    readonly pendingJobs: number;
    /**
     * Bytes carried by those of its pending jobs that have started moving blobs (a job knows its
     * size once its transfer starts). Absent when none has.
     */
    readonly replicatingBytes?: number;
    /** Percentage of `replicatingBytes` delivered, a whole number 0..100 rounded down; set with it. */
    readonly replicatingPercent?: number;
    /**
     * Reads in the last whole minute as a fraction of its read budget (0..1, above 1 when
     * requests were throttled), rounded to 2 decimals. Absent when it had no reads.
     */
    readonly throttle?: number;
  };
  /** A region-scope outage is on here (affects every registry). */
  readonly regionOutage: boolean;
}

export interface ClientState {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  /** Region the client's last global-endpoint answer points to, if any (the line to draw). */
  readonly servedBy: string | undefined;
  readonly dns: string;
  readonly current: boolean;
}

/** A Kubernetes cluster on the map, with a summary of its pods. */
export interface ClusterState {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  /** Region serving most of its nodes through the global endpoint. */
  readonly servedBy: string | undefined;
  readonly pods: {
    readonly running: number;
    /** Pending or ContainerCreating. */
    readonly pulling: number;
    readonly backoff: number;
    /** ErrImagePull. */
    readonly failed: number;
  };
}

/** Kinds of transfer, as numbers for the packed array. */
export const TRANSFER_KIND = { replication: 0, sync: 1, upload: 2, download: 3 } as const;
export type TransferKindCode = (typeof TRANSFER_KIND)[keyof typeof TRANSFER_KIND];

/** Number of float64 slots per transfer in {@link MapFrame.transfers}. */
export const TRANSFER_STRIDE = 6;
/**
 * Layout of one transfer in the packed array:
 * `[fromLon, fromLat, toLon, toLat, progress 0..1, kind]`.
 */
export const TRANSFER_FIELDS = ['fromLon', 'fromLat', 'toLon', 'toLat', 'progress', 'kind'] as const;

export interface MapFrame {
  /** Simulated time in ms. */
  readonly time: number;
  readonly speed: number;
  readonly playing: boolean;
  /** The registry the map shows, if any. */
  readonly registry: string | undefined;
  /** Regions whose state changed since the last frame (all of them in the first frame). */
  readonly regions: readonly RegionState[];
  /** All clients, when any changed since the last frame; otherwise undefined. */
  readonly clients: readonly ClientState[] | undefined;
  /** All clusters, when any changed since the last frame; otherwise undefined. */
  readonly clusters?: readonly ClusterState[];
  /** Every transfer in flight, packed with {@link TRANSFER_STRIDE} slots each. */
  readonly transfers: Float64Array;
  /** The furthest time the session reached in its last world (the timeline's end). */
  readonly head: number;
  /** Simulated time at which the last world began (the timeline's start). */
  readonly origin: number;
  /** Log entries applied so far; fewer than the log's length while reviewing the past. */
  readonly cursor: number;
}
