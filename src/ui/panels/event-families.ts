import type { SimEvent, SimEventKind } from '../../engine';
import { eventRegion } from '../../engine/events';

export { eventRegion };

/** Colour groups for event badges. */
export type EventFamily = 'lifecycle' | 'replication' | 'request' | 'health' | 'dns' | 'config' | 'client';

interface KindInfo {
  readonly family: EventFamily;
  /** A word or two for the badge. */
  readonly badge: string;
}

/**
 * Every event kind with its family and badge. A `Record` over the kind union, so a new kind in
 * the engine does not compile until it is placed here.
 */
const KIND_INFO: Readonly<Record<SimEventKind, KindInfo>> = {
  'registry.created': { family: 'lifecycle', badge: 'registry' },
  'registry.updated': { family: 'config', badge: 'settings' },
  'registry.deleted': { family: 'lifecycle', badge: 'registry gone' },
  'replica.creating': { family: 'lifecycle', badge: 'creating' },
  'replica.provisioned': { family: 'lifecycle', badge: 'provisioned' },
  'replica.ready': { family: 'lifecycle', badge: 'ready' },
  'replica.deleting': { family: 'lifecycle', badge: 'deleting' },
  'replica.deleted': { family: 'lifecycle', badge: 'deleted' },
  'replica.routing': { family: 'config', badge: 'routing' },
  'client.added': { family: 'client', badge: 'client' },
  'client.login': { family: 'client', badge: 'login' },
  'client.logout': { family: 'client', badge: 'logout' },
  'image.built': { family: 'client', badge: 'build' },
  request: { family: 'request', badge: 'request' },
  'push.committed': { family: 'replication', badge: 'push' },
  'delete.committed': { family: 'replication', badge: 'delete' },
  'replication.applied': { family: 'replication', badge: 'replicated' },
  'outage.start': { family: 'health', badge: 'outage' },
  'outage.end': { family: 'health', badge: 'outage over' },
  'health.unhealthy': { family: 'health', badge: 'unhealthy' },
  'health.healthy': { family: 'health', badge: 'healthy' },
  'health.detected': { family: 'health', badge: 'detected' },
  'health.failback': { family: 'health', badge: 'failback' },
  'health.lastRequest': { family: 'health', badge: 'last request' },
  'dns.updated': { family: 'dns', badge: 'dns' },
  'config.set': { family: 'config', badge: 'config' },
  'load.started': { family: 'client', badge: 'load' },
  'load.minute': { family: 'client', badge: 'load/min' },
  'load.stopped': { family: 'client', badge: 'load stop' },
  'cluster.added': { family: 'client', badge: 'cluster' },
  'deployment.created': { family: 'client', badge: 'deploy' },
  'deployment.deleted': { family: 'client', badge: 'undeploy' },
  'pod.pulling': { family: 'client', badge: 'pod pull' },
  'pod.failed': { family: 'client', badge: 'pull backoff' },
  'pod.running': { family: 'client', badge: 'pod running' },
  'webhook.delivered': { family: 'replication', badge: 'webhook' },
  'webhook.failed': { family: 'replication', badge: 'hook failed' },
};

export const ALL_KINDS = Object.keys(KIND_INFO) as readonly SimEventKind[];

export const eventFamily = (kind: SimEventKind): EventFamily => KIND_INFO[kind].family;
export const eventBadge = (kind: SimEventKind): string => KIND_INFO[kind].badge;

/** The choices of the log's kind filter. */
export const EVENT_FILTERS = [
  { id: 'all', label: 'All kinds', families: undefined },
  { id: 'replication', label: 'Replication', families: ['replication'] },
  { id: 'requests', label: 'Requests', families: ['request'] },
  { id: 'lifecycle', label: 'Lifecycle', families: ['lifecycle'] },
  { id: 'health', label: 'Health & DNS', families: ['health', 'dns'] },
  { id: 'clients', label: 'Clients', families: ['client'] },
  { id: 'config', label: 'Settings', families: ['config'] },
] as const satisfies ReadonlyArray<{
  id: string;
  label: string;
  families: readonly EventFamily[] | undefined;
}>;

export type EventFilterId = (typeof EVENT_FILTERS)[number]['id'];

/**
 * The `kinds` to ask the engine for, or undefined for every kind. Request events are numerous
 * (a pull makes a dozen), so they are hidden unless the filter asks for requests explicitly.
 */
export function kindsForFilter(filter: EventFilterId, hideRequests: boolean): SimEventKind[] | undefined {
  const families: readonly EventFamily[] | undefined = EVENT_FILTERS.find((f) => f.id === filter)?.families;
  if (families === undefined && !hideRequests) return undefined;
  return ALL_KINDS.filter((k) => {
    const family = eventFamily(k);
    if (families !== undefined) return families.includes(family);
    return family !== 'request';
  });
}

/** Every region an event touches (a replication involves two), for highlighting the selected region. */
export function eventRegions(e: SimEvent): string[] {
  if (e.kind === 'replication.applied') return [e.from, e.to];
  if (e.kind === 'dns.updated') return [...e.pool];
  const region = eventRegion(e);
  return region === undefined ? [] : [region];
}

/** Whether a row should stand out as a failure or a warning. */
export function eventSeverity(e: SimEvent): 'error' | 'warn' | undefined {
  switch (e.kind) {
    case 'request':
      if (e.status === 429) return 'warn';
      // A HEAD answered 404 is how docker learns a layer is missing: routine, not a failure.
      if (e.status >= 400 && !(e.method === 'HEAD' && e.status === 404)) return 'error';
      return undefined;
    case 'outage.start':
    case 'health.unhealthy':
      return 'error';
    case 'health.detected':
    case 'pod.failed':
    case 'webhook.failed':
      return 'warn';
    case 'load.minute':
      return e.replicas.some((r) => r.throttled > 0) ? 'warn' : undefined;
    case 'replication.applied':
      return e.superseded ? 'warn' : undefined;
    default:
      return undefined;
  }
}
