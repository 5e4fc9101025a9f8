/**
 * fast-check model commands for the faulted model check (src/engine/model-check.test.ts). Each
 * command drives the engine through the API the console uses for the same action (`docker
 * push|pull`, `az acr repository delete|untag`, `sim outage`, `az acr replication update
 * --global-endpoint-routing`, `sim config replication.bandwidth`, `sim load start|stop`,
 * `sim advance`), checks what the model predicts about the immediate effect, and then runs the
 * world's step checks. Data-plane operations are started and left running, so they race later
 * commands and time advances.
 *
 * Indices (client, replica, repository, tag, endpoint) are taken modulo the world's counts, so
 * every generated or shrunk command list is valid in every world.
 */
import fc from 'fast-check';
import { deleteContent, planPull, planPush, pullImage, pushImage, type DeleteTarget } from '../dataplane';
import { isReplicaUp, setRegionOutage, setRegistryOutage } from '../health';
import { setGlobalEndpointRouting } from '../lifecycle';
import { startLoad, stopLoad } from '../load';
import { unwrap } from '../result';
import { globalRoutingPool, parseHost } from '../routing';
import { setConfig } from '../settings';
import { REPOS, TAGS, type ModelWorld } from './world';

/** What the model tracks: the faults it has switched on, and the fleets it has started. */
export interface Model {
  /** The world's replica count: indices are taken modulo it. */
  readonly replicas: number;
  readonly regionDown: Set<number>;
  readonly registryDown: Set<number>;
  readonly excluded: Set<number>;
  readonly loads: Set<number>;
  slowLink: boolean;
}

export const emptyModel = (replicas: number): Model => ({
  replicas,
  regionDown: new Set(),
  registryDown: new Set(),
  excluded: new Set(),
  loads: new Set(),
  slowLink: false,
});

type Cmd = fc.Command<Model, ModelWorld>;

const fail = (w: ModelWorld, what: string): void => {
  w.violations.push(what);
};

/** Replica index (modulo the replica count) of a fault; the same normalisation as the world's. */
const norm = (w: ModelWorld, i: number): number => i % w.replicas.length;

export class Push implements Cmd {
  constructor(
    readonly client: number,
    readonly repo: number,
    readonly tag: number,
    readonly via: number,
    readonly image: 'build' | 'reuse' | 'retag',
    readonly pick: number,
    readonly size: number,
    readonly layers: number,
  ) {}
  check = (): boolean => true;
  run(_m: Model, w: ModelWorld): void {
    const client = w.client(this.client);
    const repo = REPOS[this.repo % REPOS.length]!;
    const tag = TAGS[this.tag % TAGS.length]!;
    const ref = w.prepareImage(
      client,
      w.host(this.via),
      repo,
      tag,
      this.image,
      this.pick,
      this.size,
      this.layers,
    );
    const plan = unwrap(planPush(w.sim, client, ref));
    w.spawn(pushImage(w.sim, client, plan), (result) => w.pushes.push({ repo, tag, result }));
    w.checkStep(this.toString());
  }
  toString = (): string =>
    `push(c${this.client}, ${this.repo}:${this.tag}, via ${this.via}, ${this.image}#${this.pick}, ${this.size}B/${this.layers})`;
}

type DeleteKind = 'untag' | 'manifest' | 'repository';

function deleteTarget(
  w: ModelWorld,
  kind: DeleteKind,
  repoIndex: number,
  pick: number,
): DeleteTarget | undefined {
  const repository = REPOS[repoIndex % REPOS.length]!;
  if (kind === 'repository') return { kind, repository };
  if (kind === 'untag') return { kind, repository, tag: TAGS[pick % TAGS.length]! };
  const digests = w.built.get(repository) ?? [];
  if (digests.length === 0) return undefined;
  return { kind, repository, reference: digests[pick % digests.length]! };
}

export class Delete implements Cmd {
  constructor(
    readonly client: number,
    readonly kind: DeleteKind,
    readonly repo: number,
    readonly pick: number,
    readonly via: number,
  ) {}
  check = (): boolean => true;
  run(_m: Model, w: ModelWorld): void {
    const target = deleteTarget(w, this.kind, this.repo, this.pick);
    if (target) {
      const endpoint = unwrap(parseHost(w.sim, w.host(this.via)));
      w.spawn(deleteContent(w.sim, w.client(this.client), endpoint, target), (r) => w.deletes.push(r));
    }
    w.checkStep(this.toString());
  }
  toString = (): string => `delete(c${this.client}, ${this.kind} ${this.repo}#${this.pick}, via ${this.via})`;
}

/** A push and a delete of the same repository started in the same instant through two endpoints. */
export class Race implements Cmd {
  constructor(
    readonly pusher: number,
    readonly deleter: number,
    readonly repo: number,
    readonly tag: number,
    readonly pushVia: number,
    readonly deleteVia: number,
    readonly kind: DeleteKind,
    readonly ms: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, w: ModelWorld): void {
    new Delete(this.deleter, this.kind, this.repo, this.tag, this.deleteVia).run(m, w);
    new Push(this.pusher, this.repo, this.tag, this.pushVia, 'reuse', 0, 2_000_000, 2).run(m, w);
    w.sim.advance(this.ms);
    w.checkStep(this.toString());
  }
  toString = (): string =>
    `race(push c${this.pusher} via ${this.pushVia} vs ${this.kind} c${this.deleter} via ${this.deleteVia}, ${this.repo}:${this.tag}, +${this.ms}ms)`;
}

export class Pull implements Cmd {
  constructor(
    readonly client: number,
    readonly repo: number,
    readonly tag: number,
    readonly via: number,
  ) {}
  check = (): boolean => true;
  run(_m: Model, w: ModelWorld): void {
    const client = w.client(this.client);
    const ref = `${w.host(this.via)}/${REPOS[this.repo % REPOS.length]!}:${TAGS[this.tag % TAGS.length]!}`;
    // A client re-pulling an image it holds only asks for the manifest; drop it to pull afresh.
    client.images.delete(ref);
    w.spawn(pullImage(w.sim, client, unwrap(planPull(w.sim, ref))), (r) => w.pulls.push(r));
    w.checkStep(this.toString());
  }
  toString = (): string => `pull(c${this.client}, ${this.repo}:${this.tag}, via ${this.via})`;
}

export class Outage implements Cmd {
  constructor(
    readonly replica: number,
    readonly scope: 'region' | 'registry',
    readonly on: boolean,
  ) {}
  check = (): boolean => true;
  run(m: Model, w: ModelWorld): void {
    const i = norm(w, this.replica);
    const r = w.replica(i);
    if (this.scope === 'region') setRegionOutage(w.sim, r.location, this.on);
    else setRegistryOutage(w.sim, w.registry, r, this.on);
    const set = this.scope === 'region' ? m.regionDown : m.registryDown;
    if (this.on) set.add(i);
    else set.delete(i);
    const down = m.regionDown.has(i) || m.registryDown.has(i);
    if (isReplicaUp(w.sim, r) === down) fail(w, `${this}: ${r.location} up=${!down} expected`);
    w.checkStep(this.toString());
  }
  toString = (): string => `outage(r${this.replica}, ${this.scope}, ${this.on ? 'on' : 'off'})`;
}

/** Flapping health: `cycles` short outages of `downMs`, `upMs` apart (B-HEALTH-3). */
export class Flap implements Cmd {
  constructor(
    readonly replica: number,
    readonly scope: 'region' | 'registry',
    readonly cycles: number,
    readonly downMs: number,
    readonly upMs: number,
  ) {}
  /** Flaps a replica that is up (an outage already on would swallow the flaps). */
  check = (m: Model): boolean =>
    !m.regionDown.has(this.replica % m.replicas) && !m.registryDown.has(this.replica % m.replicas);
  run(_m: Model, w: ModelWorld): void {
    const i = norm(w, this.replica);
    const r = w.replica(i);
    const set = (on: boolean): void => {
      if (this.scope === 'region') setRegionOutage(w.sim, r.location, on);
      else setRegistryOutage(w.sim, w.registry, r, on);
    };
    for (let c = 0; c < this.cycles; c++) {
      set(true);
      w.sim.advance(this.downMs);
      w.checkStep(`${this} down ${c}`);
      set(false);
      w.sim.advance(this.upMs);
      w.checkStep(`${this} up ${c}`);
    }
  }
  toString = (): string =>
    `flap(r${this.replica}, ${this.scope}, ${this.cycles}× ${this.downMs}ms down / ${this.upMs}ms up)`;
}

/** `az acr replication update --global-endpoint-routing` (B-HEALTH-7). */
export class Routing implements Cmd {
  constructor(
    readonly replica: number,
    readonly enabled: boolean,
  ) {}
  check = (): boolean => true;
  run(m: Model, w: ModelWorld): void {
    const i = norm(w, this.replica);
    const r = w.replica(i);
    unwrap(setGlobalEndpointRouting(w.sim, w.registry, r.name, this.enabled));
    if (this.enabled) m.excluded.delete(i);
    else m.excluded.add(i);
    if (m.excluded.has(i) && globalRoutingPool(w.registry).includes(r))
      fail(w, `${this}: ${r.location} still in the routing pool`);
    w.checkStep(this.toString());
  }
  toString = (): string => `routing(r${this.replica}, ${this.enabled ? 'enabled' : 'disabled'})`;
}

/** `sim config replication.bandwidth`: slows (or restores) every replica's inbound link. */
export class Link implements Cmd {
  constructor(readonly bitsPerSecond: number) {}
  check = (): boolean => true;
  run(m: Model, w: ModelWorld): void {
    unwrap(setConfig(w.sim, 'replication.bandwidth', this.bitsPerSecond));
    m.slowLink = this.bitsPerSecond < 1e6;
    w.checkStep(this.toString());
  }
  toString = (): string => `link(${this.bitsPerSecond} bit/s)`;
}

/** `sim load start`: a fleet pulling at a rate, usually far over one replica's budget. */
export class LoadStart implements Cmd {
  constructor(
    readonly load: number,
    readonly client: number,
    readonly rate: number,
    readonly via: number,
    readonly retry: 'none' | 'backoff',
  ) {}
  check = (m: Model): boolean => !m.loads.has(this.load);
  run(m: Model, w: ModelWorld): void {
    const location = w.client(this.client).region ?? 'eastus';
    const r = startLoad(w.sim, {
      name: `fleet${this.load}`,
      location,
      pullsPerMinute: this.rate,
      image: `${w.host(this.via)}/${REPOS[0]!}:${TAGS[0]!}`,
      retry: this.retry,
    });
    if (!r.ok) fail(w, `${this}: ${r.error.message}`);
    m.loads.add(this.load);
    w.checkStep(this.toString());
  }
  toString = (): string =>
    `load start(fleet${this.load} near c${this.client}, ${this.rate}/min, via ${this.via}, retry ${this.retry})`;
}

export class LoadStop implements Cmd {
  constructor(readonly load: number) {}
  check = (m: Model): boolean => m.loads.has(this.load);
  run(m: Model, w: ModelWorld): void {
    const r = stopLoad(w.sim, `fleet${this.load}`);
    if (!r.ok) fail(w, `${this}: ${r.error.message}`);
    m.loads.delete(this.load);
    w.checkStep(this.toString());
  }
  toString = (): string => `load stop(fleet${this.load})`;
}

export class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  run(_m: Model, w: ModelWorld): void {
    w.sim.advance(this.ms);
    w.checkStep(this.toString());
  }
  toString = (): string => `advance(${this.ms}ms)`;
}

// -----------------------------------------------------------------------------------------------
// Arbitraries

const idx = fc.nat({ max: 7 });
/** 0 is the global endpoint; i > 0 the regional endpoint of replica i - 1. */
const via = fc.oneof(fc.constant(0), fc.nat({ max: 5 }));
const scope = fc.constantFrom('region' as const, 'registry' as const);
const deleteKind = fc.constantFrom('untag' as const, 'manifest' as const, 'repository' as const);

/** Mostly short steps (requests take tens of ms), some across replication and detection windows. */
const advanceMs = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 500 }) },
  { weight: 3, arbitrary: fc.integer({ min: 500, max: 15_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 15_000, max: 300_000 }) },
);

export const arb = {
  push: fc
    .tuple(
      idx,
      idx,
      idx,
      via,
      fc.constantFrom('build' as const, 'reuse' as const, 'retag' as const),
      idx,
      fc.constantFrom(1_000_000, 4_000_000, 16_000_000),
      fc.integer({ min: 1, max: 3 }),
    )
    .map((a) => new Push(...a) as Cmd),
  delete: fc.tuple(idx, deleteKind, idx, idx, via).map((a) => new Delete(...a) as Cmd),
  race: fc
    .tuple(idx, idx, idx, idx, via, via, deleteKind, fc.integer({ min: 0, max: 2_000 }))
    .map((a) => new Race(...a) as Cmd),
  pull: fc.tuple(idx, idx, idx, via).map((a) => new Pull(...a) as Cmd),
  outage: fc.tuple(idx, scope, fc.boolean()).map((a) => new Outage(...a) as Cmd),
  flap: fc
    .tuple(
      idx,
      scope,
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 100, max: 30_000 }),
      fc.integer({ min: 100, max: 30_000 }),
    )
    .map((a) => new Flap(...a) as Cmd),
  routing: fc.tuple(idx, fc.boolean()).map((a) => new Routing(...a) as Cmd),
  link: fc.constantFrom(20_000, 500_000, 5e6, 200e6, 1e9).map((b) => new Link(b) as Cmd),
  loadStart: fc
    .tuple(
      fc.nat({ max: 2 }),
      idx,
      fc.constantFrom(600, 6_000, 60_000, 300_000),
      via,
      fc.constantFrom('none' as const, 'backoff' as const),
    )
    .map((a) => new LoadStart(...a) as Cmd),
  loadStop: fc.nat({ max: 2 }).map((n) => new LoadStop(n) as Cmd),
  advance: advanceMs.map((ms) => new Advance(ms) as Cmd),
};

export type CommandName = keyof typeof arb;

/** The command arbitraries with weights (a command repeated `weight` times in the list). */
export function weighted(weights: Partial<Record<CommandName, number>>): Array<fc.Arbitrary<Cmd>> {
  const out: Array<fc.Arbitrary<Cmd>> = [];
  for (const [name, weight] of Object.entries(weights) as Array<[CommandName, number]>)
    for (let i = 0; i < weight; i++) out.push(arb[name]);
  return out;
}
