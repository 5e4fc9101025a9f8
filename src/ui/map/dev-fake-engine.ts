/**
 * A main-thread stand-in for the engine worker, just enough for the map's dev page: a registry
 * homed in East US with replicas in every look (creating, syncing, ready, excluded, outage,
 * awaiting failback, deleting), arcs of every kind, and a few clients. With `transfers` and
 * `clients` set it produces a heavy frame for the benchmark.
 *
 * Like the real API should, it replays the full map state to each new frame listener, so a map
 * mounted late still sees every region.
 */
import { REGIONS } from '../../engine';
import {
  TRANSFER_KIND,
  TRANSFER_STRIDE,
  type ClientState,
  type MapFrame,
  type RegionState,
} from '../../protocol/frame';
import { toRegionInfo, type RegionInfo } from '../../protocol/messages';
import type { EngineApi } from '../engine/api';

export interface FakeMapEngineOptions {
  /** Transfers in flight; 0 means the hand-made demo set. */
  readonly transfers?: number;
  /** Clients; 0 means the hand-made demo set. */
  readonly clients?: number;
  /** Animate (progress moves with time) or freeze at `frozenAt` seconds for screenshots. */
  readonly frozenAt?: number;
}

const REGION_INFO: readonly RegionInfo[] = REGIONS.map(toRegionInfo);

const at = (name: string): RegionInfo => REGION_INFO.find((r) => r.name === name)!;

type Replica = NonNullable<RegionState['replica']>;
const READY: Replica = {
  look: 'ready',
  progress: 1,
  healthy: true,
  routingEnabled: true,
  inPool: true,
  tagCount: 12,
  pendingJobs: 0,
};

function demoRegions(t: number): RegionState[] {
  const cycle = (period: number): number => (t % period) / period;
  const replicas: Record<string, Replica & { home?: boolean }> = {
    eastus: { ...READY, home: true, tagCount: 14 },
    westeurope: {
      ...READY,
      pendingJobs: 2,
      replicatingBytes: 8e9,
      replicatingPercent: Math.floor(100 * cycle(50)),
    },
    japaneast: { ...READY, tagCount: 9, pendingJobs: 5 },
    uksouth: { ...READY, routingEnabled: false },
    brazilsouth: { ...READY, healthy: false, inPool: false },
    northeurope: { ...READY, inPool: false },
    australiaeast: { ...READY, look: 'creating', progress: 0.4 + 0.6 * cycle(40), tagCount: 0 },
    southeastasia: { ...READY, look: 'syncing', progress: 0.75 * cycle(30) + 0.2, tagCount: 6 },
    canadacentral: { ...READY, look: 'deleting' },
    centralindia: { ...READY, tagCount: 12 },
  };
  return REGION_INFO.map((r): RegionState => {
    const replica = replicas[r.name];
    const regionOutage = r.name === 'francecentral';
    if (!replica)
      return { name: r.name, mark: r.accessRestricted ? 'unavailable' : 'available', regionOutage };
    const { home, ...rest } = replica;
    return { name: r.name, mark: home ? 'home' : 'replica', regionOutage, replica: rest };
  });
}

const DEMO_CLIENTS: readonly ClientState[] = [
  { name: 'dev', lon: -73.99, lat: 40.73, servedBy: 'eastus', dns: 'cache', current: true },
  { name: 'ci-eu', lon: 8.682127, lat: 50.110924, servedBy: 'westeurope', dns: 'cache', current: false },
  { name: 'aks-tokyo', lon: 139.69, lat: 35.69, servedBy: 'japaneast', dns: 'no-cache', current: false },
  { name: 'laptop-sp', lon: -46.63, lat: -23.55, servedBy: 'eastus', dns: 'long-lived', current: false },
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Route {
  readonly from: { lon: number; lat: number };
  readonly to: { lon: number; lat: number };
  readonly kind: number;
  readonly speed: number;
  readonly phase: number;
}

function demoRoutes(clients: readonly ClientState[]): Route[] {
  const r = (from: string, to: string, kind: number, speed: number, phase: number): Route => ({
    from: at(from),
    to: at(to),
    kind,
    speed,
    phase,
  });
  const dev = clients[0]!;
  const ci = clients[1]!;
  return [
    r('eastus', 'westeurope', TRANSFER_KIND.replication, 0.13, 0),
    r('eastus', 'westeurope', TRANSFER_KIND.replication, 0.13, 0.45),
    r('eastus', 'japaneast', TRANSFER_KIND.replication, 0.09, 0.2),
    r('eastus', 'centralindia', TRANSFER_KIND.replication, 0.1, 0.6),
    r('eastus', 'uksouth', TRANSFER_KIND.replication, 0.12, 0.3),
    r('eastus', 'southeastasia', TRANSFER_KIND.sync, 0.07, 0.1),
    r('westeurope', 'southeastasia', TRANSFER_KIND.sync, 0.08, 0.55),
    { from: dev, to: at('eastus'), kind: TRANSFER_KIND.upload, speed: 0.2, phase: 0.3 },
    { from: at('westeurope'), to: ci, kind: TRANSFER_KIND.download, speed: 0.25, phase: 0.7 },
  ];
}

function benchRoutes(count: number, clients: readonly ClientState[]): Route[] {
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hosts = REGION_INFO.filter((r) => !r.accessRestricted);
  return Array.from({ length: count }, (): Route => {
    const kind = Math.floor(random() * 4);
    const client = pick(clients);
    const from = kind === TRANSFER_KIND.upload ? client : pick(hosts);
    const to = kind === TRANSFER_KIND.download ? client : pick(hosts);
    return { from, to, kind, speed: 0.05 + random() * 0.3, phase: random() };
  });
}

function benchClients(count: number): ClientState[] {
  const random = mulberry32(7);
  return Array.from({ length: count }, (_, i): ClientState => {
    const home = REGION_INFO[Math.floor(random() * REGION_INFO.length)]!;
    return {
      name: `client-${i}`,
      lon: home.lon + (random() - 0.5) * 10,
      lat: home.lat + (random() - 0.5) * 8,
      servedBy: pick(random, ['eastus', 'westeurope', 'japaneast', 'centralindia']),
      dns: 'cache',
      current: i === 0,
    };
  });
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** Creates the fake. Frames flow on animation frames while at least one listener is subscribed. */
export function createFakeMapEngine(options: FakeMapEngineOptions = {}): EngineApi {
  const clients = options.clients ? benchClients(options.clients) : DEMO_CLIENTS;
  const routes = options.transfers ? benchRoutes(options.transfers, clients) : demoRoutes(clients);
  const listeners = new Set<(frame: MapFrame) => void>();
  const started = performance.now();
  let raf = 0;

  const frame = (full: boolean): MapFrame => {
    const t = options.frozenAt ?? (performance.now() - started) / 1000;
    const transfers = new Float64Array(routes.length * TRANSFER_STRIDE);
    routes.forEach((route, i) => {
      const o = i * TRANSFER_STRIDE;
      transfers.set([route.from.lon, route.from.lat, route.to.lon, route.to.lat], o);
      transfers[o + 4] = (route.phase + t * route.speed) % 1;
      transfers[o + 5] = route.kind;
    });
    const regions = demoRegions(t);
    return {
      time: t * 1000,
      head: t * 1000,
      origin: 0,
      cursor: 0,
      speed: 60,
      playing: options.frozenAt === undefined,
      registry: 'myregistry',
      // The demo's states change continuously; send only the two busy regions after the first.
      regions: full
        ? regions
        : regions.filter((r) => r.replica?.look === 'creating' || r.replica?.look === 'syncing'),
      clients: full ? clients : undefined,
      transfers,
    };
  };

  const loop = (): void => {
    const next = frame(false);
    for (const listener of listeners) listener(next);
    raf = options.frozenAt === undefined ? requestAnimationFrame(loop) : 0;
  };

  const unused = (): never => {
    throw new Error('the map dev engine only produces frames');
  };

  return {
    regions: REGION_INFO,
    prompt: 'dev',
    runCommand: unused,
    cancel: () => undefined,
    complete: () => Promise.resolve({ candidates: [], replaceFrom: 0 }),
    query: () => Promise.reject(new Error('no queries in the map dev engine')),
    restore: () => Promise.reject(new Error('the dev engine does not restore sessions')),
    seek: () => undefined,
    switchBranch: () => undefined,
    discardBranch: () => undefined,
    sessionView: () => undefined,
    sessionDoc: () => undefined,
    onSession: () => () => undefined,
    onProgress: () => () => undefined,
    newSession: () => Promise.reject(new Error('the map dev engine has one fixed world')),
    play: () => undefined,
    pause: () => undefined,
    setSpeed: () => undefined,
    advance: () => undefined,
    selectRegistry: () => undefined,
    onFrame(listener) {
      listeners.add(listener);
      listener(frame(true));
      if (!raf && options.frozenAt === undefined) raf = requestAnimationFrame(loop);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && raf) {
          cancelAnimationFrame(raf);
          raf = 0;
        }
      };
    },
    onEvents: () => () => undefined,
  };
}
