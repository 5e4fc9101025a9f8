import type { CostReport, Region, SimEvent, WebhookDelivery } from '../engine';
import type { MapFrame } from './frame';
import type { Branch, LogEntry, SessionDoc } from '../session';

/** Questions the UI asks the engine; answers feed @tanstack/react-query. */
export type Query =
  | { readonly kind: 'registries' }
  | { readonly kind: 'replicas'; readonly registry: string }
  | { readonly kind: 'region'; readonly registry: string | undefined; readonly region: string }
  | {
      readonly kind: 'events';
      readonly limit: number;
      readonly kinds?: readonly string[];
      readonly region?: string;
    }
  /** Sorted names of the regions the last `scan` events are about (for the event log's filter). */
  | { readonly kind: 'eventRegions'; readonly scan: number }
  | { readonly kind: 'clients' }
  /** Kubernetes clusters with their deployments and pods (see {@link ClusterRow}). */
  | { readonly kind: 'clusters' }
  | { readonly kind: 'status' }
  /** Per-replica throttling gauges (SPEC 5) for a registry (default: the map's). */
  | { readonly kind: 'throttle'; readonly registry?: string }
  /** Per-replica series per whole simulated minute, newest last (at most 180 minutes). */
  | { readonly kind: 'series'; readonly registry?: string; readonly minutes: number }
  /** Subnets with their usage and private endpoints by endpoint kind (SPEC 6.4; see protocol/network.ts). */
  | { readonly kind: 'network'; readonly registry?: string }
  /** Addresses a replica in `addRegion` and/or regional endpoints would need per subnet (B-PE-1). */
  | {
      readonly kind: 'networkPlan';
      readonly registry?: string;
      readonly addRegion?: string;
      readonly regionalEndpoints?: boolean;
    }
  /** Identities with roles (the console's current one marked) and registry tokens. */
  | { readonly kind: 'identities' }
  /** Whether a registry's control plane answers (B-HOME-2). */
  | { readonly kind: 'controlPlane'; readonly registry?: string }
  /** Webhooks of a registry (default: the map's) and their recent deliveries, newest first. */
  | { readonly kind: 'webhooks'; readonly registry?: string }
  /** Storage used vs billed and cross-region transfer of a registry (default: the map's). */
  | { readonly kind: 'cost'; readonly registry?: string };

/** Messages from the UI thread to the engine worker. */
export type ToWorker =
  | { readonly type: 'init'; readonly seed: number; readonly preset: 'demo' | 'empty' }
  /** Run one console line; output streams back as `output` messages with the same id. */
  | { readonly type: 'command'; readonly id: number; readonly line: string }
  /** Ctrl+C: cancel the foreground command with this id. */
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'setSpeed'; readonly speed: number }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** Advance simulated time by a step at once (the "+1 m" buttons). */
  | { readonly type: 'advance'; readonly ms: number }
  /** The UI is ready for the next map frame (one per animation frame at most). */
  | { readonly type: 'frameRequest' }
  | { readonly type: 'query'; readonly id: number; readonly query: Query }
  /** Tab completion for a partial console line. */
  | { readonly type: 'complete'; readonly id: number; readonly line: string }
  /** Select which registry the map shows. */
  | { readonly type: 'selectRegistry'; readonly registry: string }
  /** Replace the session with a saved one, replayed to where it was (already validated). */
  | { readonly type: 'restore'; readonly doc: SessionDoc }
  /** Move the world to simulated time `t` of the last world (0 … head), replaying the log. */
  | { readonly type: 'seek'; readonly t: number }
  /** Make a set-aside future the current timeline (the current one is kept in its place). */
  | { readonly type: 'switchBranch'; readonly index: number }
  | { readonly type: 'discardBranch'; readonly index: number };

/** The session's log and forks as the UI mirrors them (everything but `now` and the layout). */
export interface SessionSync {
  readonly seed: number;
  readonly preset: 'demo' | 'empty';
  readonly log: readonly LogEntry[];
  readonly worldStart: number;
  readonly head: number;
  /** Simulated time at which the last world began. */
  readonly origin: number;
  readonly cursor: number;
  readonly branches: readonly Branch[];
}

/** Messages from the engine worker to the UI thread. */
export type FromWorker =
  | { readonly type: 'ready'; readonly prompt: string; readonly regions: readonly RegionInfo[] }
  | { readonly type: 'output'; readonly id: number; readonly lines: readonly string[] }
  | {
      readonly type: 'commandDone';
      readonly id: number;
      readonly exitCode: number;
      readonly prompt: string;
      /** Where the line sits in the session log (absent when it was refused before being logged). */
      readonly logIndex?: number;
    }
  | { readonly type: 'frame'; readonly frame: MapFrame }
  | { readonly type: 'queryResult'; readonly id: number; readonly result: unknown }
  | {
      readonly type: 'completions';
      readonly id: number;
      readonly candidates: readonly string[];
      readonly replaceFrom: number;
    }
  /** New events since the last message (capped); the UI invalidates its queries on these. */
  | { readonly type: 'events'; readonly events: readonly SimEvent[]; readonly total: number }
  /**
   * Something failed in the worker. `fatal` when it happened while changing the world, so its
   * state can no longer be trusted: the UI then restarts the worker and replays the log.
   */
  | { readonly type: 'error'; readonly message: string; readonly fatal?: boolean }
  /** A long saved session is being replayed: how far it got (0..1); `ready` follows. */
  | { readonly type: 'progress'; readonly fraction: number }
  /** The whole session log (after init, restore, seek, fork or a branch switch). */
  | { readonly type: 'session'; readonly session: SessionSync; readonly replayed?: number }
  /** One entry appended to the log (a command or a cancel); `worldStart` after applying it. */
  | {
      readonly type: 'logEntry';
      readonly index: number;
      readonly entry: LogEntry;
      readonly worldStart: number;
    };

/** The static facts of an engine region, as the protocol carries them. */
export function toRegionInfo(r: Region): RegionInfo {
  return {
    name: r.name,
    displayName: r.displayName,
    lon: r.lonLat.lon,
    lat: r.lonLat.lat,
    geography: r.geography,
    accessRestricted: r.accessRestricted,
  };
}

/** Static facts about a region, sent once. */
export interface RegionInfo {
  readonly name: string;
  readonly displayName: string;
  readonly lon: number;
  readonly lat: number;
  readonly geography: string;
  readonly accessRestricted: boolean;
}

/** Results of each query kind. */
export interface ReplicaRow {
  readonly name: string;
  readonly location: string;
  readonly displayName: string;
  readonly provisioningState: string;
  readonly status: string;
  readonly globalEndpointRouting: boolean;
  readonly inPool: boolean;
  readonly healthy: boolean;
  readonly syncPercent: number;
  readonly syncBytesDone: number;
  readonly syncBytesTotal: number;
  readonly syncEta: number | undefined;
  readonly tagCount: number;
  readonly home: boolean;
}

export interface RegionDetail {
  readonly region: RegionInfo;
  readonly registry: string | undefined;
  readonly mark: 'unavailable' | 'available' | 'home' | 'replica';
  readonly replica: ReplicaRow | undefined;
  /** `repo:tag` → digest for what the replica serves. */
  readonly tags: ReadonlyArray<{ readonly ref: string; readonly digest: string }>;
  /** One line per pending replication job to this replica. */
  readonly pending: readonly string[];
  readonly regionOutage: boolean;
  readonly registryOutage: boolean;
  /** The console command that creates a replica here (so people learn the CLI). */
  readonly createCommand: string | undefined;
  /** The registry's SKU; geo-replicas need Premium (B-REG-1). */
  readonly sku: string | undefined;
  /** Whether the registry serves regional endpoints (`az acr login --endpoint` needs them). */
  readonly regionalEndpoints: boolean;
  /** For a registry that is not Premium: the command that upgrades it so replicas can be created. */
  readonly upgradeCommand: string | undefined;
  /** While the replica is Creating: how much of provisioning has elapsed, 0..100, as the map shows it. */
  readonly creatingPercent: number | undefined;
  /** Why the replica will never leave Creating (B-PE-3), when it is stuck. */
  readonly stuck: string | undefined;
}

/** One replica's requests in one minute against its budgets (answer to `throttle`). */
export interface ThrottleRate {
  readonly readsPerMin: number;
  readonly writesPerMin: number;
  /** Requests answered 429 TOOMANYREQUESTS in the minute. */
  readonly throttledPerMin: number;
}

export interface ThrottleRow {
  readonly location: string;
  readonly displayName: string;
  readonly readBudget: number;
  readonly writeBudget: number;
  /** Start of the current minute, in simulated ms. */
  readonly windowStart: number;
  /** The last whole minute. */
  readonly lastMinute: ThrottleRate;
  /** The current minute so far. */
  readonly thisMinute: ThrottleRate;
}

export interface ThrottleResult {
  readonly registry: string | undefined;
  readonly time: number;
  readonly replicas: readonly ThrottleRow[];
}

/** One replica's series; index i is minute `fromMinute + i`. */
export interface ReplicaSeries {
  readonly location: string;
  readonly displayName: string;
  /** Requests accepted (served) per minute. */
  readonly accepted: readonly number[];
  /** Requests answered 429 per minute. */
  readonly throttled: readonly number[];
  /** Mean replication lag (ms) of changes applied to this replica in the minute; null when none. */
  readonly lagMs: ReadonlyArray<number | null>;
}

export interface SeriesResult {
  readonly registry: string | undefined;
  /** First minute (simulated minutes since time 0) of every series. */
  readonly fromMinute: number;
  /** Number of minutes in every series: whole minutes, ending with the one before the current. */
  readonly minutes: number;
  readonly replicas: readonly ReplicaSeries[];
}

/** One client, as the 'clients' query answers. */
export interface ClientRow {
  readonly name: string;
  /** Where it is, as typed: a region name or `lat,lon`. */
  readonly location: string;
  /** The nearest region (for a client placed by coordinates), or its region. */
  readonly region: string | undefined;
  readonly lon: number;
  readonly lat: number;
  readonly dns: string;
  readonly hosts: readonly string[];
  /** The region whose replica the global endpoint sends it to (for the map's registry). */
  readonly servedBy: string | undefined;
}

/** One Kubernetes cluster, as the 'clusters' query answers. */
export interface ClusterRow {
  readonly name: string;
  readonly location: string;
  readonly nodes: number;
  readonly servedBy: string | undefined;
  readonly deployments: ReadonlyArray<{
    readonly name: string;
    readonly image: string;
    readonly replicas: number;
    readonly available: number;
    readonly pods: ReadonlyArray<{ readonly name: string; readonly status: string; readonly node: string }>;
  }>;
}

/** Exhaustiveness helper for switches over message unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}

/** Answer to `webhooks`: the registry's webhooks and their latest deliveries (newest first, capped). */
export interface WebhooksResult {
  readonly registry: string | undefined;
  readonly webhooks: ReadonlyArray<{
    readonly name: string;
    readonly location: string;
    readonly uri: string;
    readonly actions: readonly string[];
    readonly status: string;
  }>;
  readonly deliveries: readonly WebhookDelivery[];
  /** Deliveries stored in all, before the cap. */
  readonly total: number;
}

/** Answer to `cost`: the engine's cost report, or undefined without a registry. */
export type CostResult = CostReport | undefined;
