import type { SimEvent } from '../engine';
import type { MapFrame } from './frame';

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
  | { readonly kind: 'clients' }
  | { readonly kind: 'status' };

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
  | { readonly type: 'selectRegistry'; readonly registry: string };

/** Messages from the engine worker to the UI thread. */
export type FromWorker =
  | { readonly type: 'ready'; readonly prompt: string; readonly regions: readonly RegionInfo[] }
  | { readonly type: 'output'; readonly id: number; readonly lines: readonly string[] }
  | { readonly type: 'commandDone'; readonly id: number; readonly exitCode: number; readonly prompt: string }
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
  | { readonly type: 'error'; readonly message: string };

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
}

/** Exhaustiveness helper for switches over message unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}
