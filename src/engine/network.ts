/**
 * Virtual networks, as far as private endpoints to a registry need them (SPEC 6.4).
 *
 * A subnet has a prefix length; Azure reserves 5 addresses in each subnet, so a /28 offers 11.
 * A private endpoint to a registry takes 1 address for the registry's global endpoint, 1 per
 * replica for its dedicated data endpoint, and 1 more per replica for its regional endpoint
 * when regional endpoints are enabled (B-PE-1: 3 replicas with regional endpoints → 7). The count
 * is recomputed from the registry as it is now. Adding a private endpoint turns dedicated data
 * endpoints on. A new replica needs room in every connected subnet, or it is rolled back
 * (B-PE-2); without the private-link permission it stays Creating until deleted (B-PE-3).
 */
import { accessOf, hasPermission, PERMISSIONS } from './identity';
import {
  createReplica,
  parseSku,
  updateRegistry,
  type CreateReplicaOptions,
  type UpdateRegistryOptions,
} from './lifecycle';
import { ENDPOINT_NAME, SUBNET_NAME } from './names';
import type { Registry, Replica } from './registry';
import { clip, fail, ok, type Result } from './result';
import { findRegistry } from './routing';
import type { Simulation } from './sim';

/** Addresses Azure keeps for itself in every subnet. */
export const AZURE_RESERVED_ADDRESSES = 5;
/** How long a replica that cannot get addresses shows Creating before it is removed (B-PE-2). */
export const PE_ROLLBACK_MS = 10_000;
/** The permission a replica on a registry with private endpoints needs (B-PE-3). */
export const PRIVATE_LINK_PERMISSION = PERMISSIONS.privateLinkWrite;

export interface Subnet {
  readonly name: string;
  readonly prefixLength: number;
}

export interface PrivateEndpoint {
  readonly name: string;
  /** The registry's name as created. */
  readonly registry: string;
  readonly subnet: string;
}

export interface NetworkState {
  readonly subnets: Map<string, Subnet>;
  readonly privateEndpoints: Map<string, PrivateEndpoint>;
  /** Whether the acting identity lacks the private-link permission (`sim network deny-private-link`). */
  denyPrivateLink: boolean;
}

const STATES = new WeakMap<Simulation, NetworkState>();

/** The simulation's network state, created empty on first use. */
export function networkOf(sim: Simulation): NetworkState {
  let state = STATES.get(sim);
  if (!state) {
    state = { subnets: new Map(), privateEndpoints: new Map(), denyPrivateLink: false };
    STATES.set(sim, state);
  }
  return state;
}

/** Parses `/28`, `28` or `10.0.0.0/28` into a prefix length between /8 and /29. */
export function parsePrefix(text: string): Result<number> {
  const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}))?\/?(\d{1,2})$/.exec(text.trim());
  if (!m || (m[1] === undefined && text.includes('.'))) {
    return fail('InvalidPrefix', `"${clip(text)}" is not a prefix: write /28 or 10.0.0.0/28.`, clip(text));
  }
  if (m[1] !== undefined && m[1].split('.').some((o) => Number(o) > 255)) {
    return fail('InvalidPrefix', `"${clip(text)}" is not a valid IPv4 address range.`, clip(text));
  }
  const length = Number(m[2]);
  if (length < 8 || length > 29) {
    return fail('InvalidPrefix', `A subnet prefix must be between /8 and /29, not /${length}.`, text);
  }
  return ok(length);
}

/** Addresses a subnet of this prefix length offers, as Azure counts them: 2^(32−n) − 5. */
export function usableAddresses(prefixLength: number): number {
  return 2 ** (32 - prefixLength) - AZURE_RESERVED_ADDRESSES;
}

/** Replicas that hold addresses: all but those being deleted. */
function replicaCount(registry: Registry): number {
  let n = 0;
  for (const r of registry.replicas.values()) if (r.phase !== 'deleting') n++;
  return n;
}

/**
 * Addresses one private endpoint to this registry takes (B-PE-1): 1 for the global endpoint,
 * 1 per replica for data endpoints, and 1 per replica for regional endpoints when enabled.
 */
export function addressesPerEndpoint(
  registry: Registry,
  what: { replicas?: number; regionalEndpoints?: boolean } = {},
): number {
  const n = what.replicas ?? replicaCount(registry);
  const regional = what.regionalEndpoints ?? registry.regionalEndpoints;
  return 1 + n + (regional ? n : 0);
}

export function addSubnet(sim: Simulation, name: string, prefix: string): Result<Subnet> {
  const net = networkOf(sim);
  if (!SUBNET_NAME.pattern.test(name))
    return fail('InvalidName', `"${name}" is not a valid subnet name.`, name);
  if (net.subnets.has(name.toLowerCase()))
    return fail('AlreadyExists', `A subnet named ${name} already exists.`, name);
  const length = parsePrefix(prefix);
  if (!length.ok) return length;
  const subnet: Subnet = { name, prefixLength: length.value };
  net.subnets.set(name.toLowerCase(), subnet);
  sim.notify();
  return ok(subnet);
}

export function findSubnet(sim: Simulation, name: string): Subnet | undefined {
  return networkOf(sim).subnets.get(name.toLowerCase());
}

/** Private endpoints in a subnet, or to a registry. */
export function privateEndpoints(
  sim: Simulation,
  filter: { subnet?: string; registry?: string } = {},
): PrivateEndpoint[] {
  return [...networkOf(sim).privateEndpoints.values()].filter(
    (pe) =>
      (filter.subnet === undefined || pe.subnet.toLowerCase() === filter.subnet.toLowerCase()) &&
      (filter.registry === undefined || pe.registry.toLowerCase() === filter.registry.toLowerCase()),
  );
}

function endpointAddresses(sim: Simulation, pe: PrivateEndpoint): number {
  const registry = findRegistry(sim, pe.registry);
  return registry ? addressesPerEndpoint(registry) : 1;
}

export interface SubnetUsage {
  readonly subnet: Subnet;
  readonly usable: number;
  readonly used: number;
  readonly free: number;
}

export function subnetUsage(sim: Simulation, subnet: Subnet): SubnetUsage {
  const usable = usableAddresses(subnet.prefixLength);
  let used = 0;
  for (const pe of privateEndpoints(sim, { subnet: subnet.name })) used += endpointAddresses(sim, pe);
  return { subnet, usable, used, free: usable - used };
}

export function addPrivateEndpoint(
  sim: Simulation,
  name: string,
  registryName: string,
  subnetName: string,
): Result<PrivateEndpoint> {
  const net = networkOf(sim);
  if (!ENDPOINT_NAME.pattern.test(name))
    return fail('InvalidName', `"${name}" is not a valid private endpoint name.`, name);
  if (net.privateEndpoints.has(name.toLowerCase()))
    return fail('AlreadyExists', `A private endpoint named ${name} already exists.`, name);
  const registry = findRegistry(sim, registryName);
  if (!registry)
    return fail('ResourceNotFound', `The registry ${registryName} could not be found.`, registryName);
  if (registry.sku !== 'Premium')
    return fail(
      'SkuNotSupported',
      `Private endpoints need the Premium SKU; ${registry.name} is ${registry.sku}.`,
      registryName,
    );
  const subnet = findSubnet(sim, subnetName);
  if (!subnet) return fail('ResourceNotFound', `The subnet ${subnetName} could not be found.`, subnetName);
  const need = addressesPerEndpoint(registry);
  const usage = subnetUsage(sim, subnet);
  if (need > usage.free) {
    return fail(
      'InsufficientSubnetSize',
      `Subnet ${subnet.name} has ${usage.free} free address(es); a private endpoint to ${registry.name} needs ${need}.`,
      subnetName,
    );
  }
  const pe: PrivateEndpoint = { name, registry: registry.name, subnet: subnet.name };
  net.privateEndpoints.set(name.toLowerCase(), pe);
  if (!registry.dataEndpointEnabled) {
    registry.dataEndpointEnabled = true;
    sim.emit({ kind: 'registry.updated', registry: registry.name, changes: 'dataEndpointEnabled=true' });
  }
  sim.notify();
  return ok(pe);
}

export function deletePrivateEndpoint(sim: Simulation, name: string): Result<PrivateEndpoint> {
  const net = networkOf(sim);
  const pe = net.privateEndpoints.get(name.toLowerCase());
  if (!pe) return fail('ResourceNotFound', `The private endpoint ${name} could not be found.`, name);
  net.privateEndpoints.delete(name.toLowerCase());
  sim.notify();
  return ok(pe);
}

export interface SubnetPlan {
  readonly subnet: Subnet;
  readonly free: number;
  /** Addresses the change would take in addition. */
  readonly extra: number;
  readonly fits: boolean;
}

/**
 * What a change to a registry would need in each subnet connected to it: adding replicas
 * and/or enabling regional endpoints.
 */
export function planAddresses(
  sim: Simulation,
  registry: Registry,
  change: { addReplicas?: number; regionalEndpoints?: boolean },
): SubnetPlan[] {
  const now = addressesPerEndpoint(registry);
  const after = addressesPerEndpoint(registry, {
    replicas: replicaCount(registry) + (change.addReplicas ?? 0),
    regionalEndpoints: change.regionalEndpoints ?? registry.regionalEndpoints,
  });
  const bySubnet = new Map<string, number>();
  for (const pe of privateEndpoints(sim, { registry: registry.name })) {
    const key = pe.subnet.toLowerCase();
    bySubnet.set(key, (bySubnet.get(key) ?? 0) + (after - now));
  }
  const plans: SubnetPlan[] = [];
  for (const [key, extra] of [...bySubnet].sort(([a], [b]) => a.localeCompare(b))) {
    const subnet = networkOf(sim).subnets.get(key);
    if (!subnet) continue;
    const free = subnetUsage(sim, subnet).free;
    plans.push({ subnet, free, extra, fits: extra <= free });
  }
  return plans;
}

/**
 * Whether an identity may create private-link proxies (B-PE-3): its role or extra grants must
 * include {@link PRIVATE_LINK_PERMISSION}, and `sim network deny-private-link` must be off.
 * An identity the access store does not know is taken to have it.
 */
export function privateLinkAllowed(sim: Simulation, identityName: string): boolean {
  if (networkOf(sim).denyPrivateLink) return false;
  const identity = accessOf(sim).identities.get(identityName);
  return identity === undefined || hasPermission(identity, PERMISSIONS.privateLinkWrite);
}

export interface NetworkedReplicaOptions extends CreateReplicaOptions {
  /** Whether the acting identity holds {@link PRIVATE_LINK_PERMISSION} (default: true). */
  readonly privateLinkPermission?: boolean;
}

export interface NetworkedReplica {
  readonly replica: Replica;
  /** Subnets that were short of addresses: the replica will be rolled back (B-PE-2). */
  readonly shortSubnets: readonly SubnetPlan[];
  /** The replica is stuck in Creating for want of the private-link permission (B-PE-3). */
  readonly stuck: boolean;
}

/**
 * Creates a replica, honouring the registry's private endpoints: a registry without any behaves
 * exactly as {@link createReplica}.
 */
export function createReplicaWithNetwork(
  sim: Simulation,
  registry: Registry,
  options: NetworkedReplicaOptions,
): Result<NetworkedReplica> {
  const { privateLinkPermission, ...base } = options;
  if (privateEndpoints(sim, { registry: registry.name }).length === 0) {
    const r = createReplica(sim, registry, base);
    return r.ok ? ok({ replica: r.value, shortSubnets: [], stuck: false }) : r;
  }
  const short = planAddresses(sim, registry, { addReplicas: 1 }).filter((p) => !p.fits);
  const stuck = short.length === 0 && privateLinkPermission === false;
  const hold = short.length > 0 ? PE_ROLLBACK_MS : stuck ? ('stuck' as const) : undefined;
  const r = createReplica(sim, registry, hold === undefined ? base : { ...base, hold });
  return r.ok ? ok({ replica: r.value, shortSubnets: short, stuck }) : r;
}

/**
 * Changes registry properties (`az acr update`), honouring its private endpoints: they need the
 * Premium SKU and dedicated data endpoints (both stay), and enabling regional endpoints needs one
 * more address per replica in every connected subnet (B-PE-1), like a new replica (B-PE-2) — but
 * here the change is refused at once, naming the short subnet, and nothing changes. A registry
 * without private endpoints behaves exactly as {@link updateRegistry}.
 */
export function updateRegistryWithNetwork(
  sim: Simulation,
  registry: Registry,
  options: UpdateRegistryOptions,
): Result<Registry> {
  const endpoints = privateEndpoints(sim, { registry: registry.name });
  if (endpoints.length === 0) return updateRegistry(sim, registry, options);
  const names = endpoints.map((pe) => pe.name).join(', ');
  if (options.sku !== undefined) {
    const sku = parseSku(options.sku);
    if (!sku.ok) return sku;
    if (sku.value !== 'Premium')
      return fail(
        'SkuNotSupported',
        `Private endpoints need the Premium SKU; ${registry.name} has ${endpoints.length} (${names}). Delete them before moving to ${sku.value}.`,
        sku.value,
      );
  }
  if (options.dataEndpointEnabled === false)
    return fail(
      'DataEndpointRequired',
      `Dedicated data endpoints are always enabled on a registry with private endpoints; ${registry.name} has ${endpoints.length} (${names}). Delete them before disabling data endpoints.`,
      'false',
    );
  if (options.regionalEndpoints === true && !registry.regionalEndpoints) {
    const short = planAddresses(sim, registry, { regionalEndpoints: true }).filter((p) => !p.fits);
    if (short.length > 0)
      return fail(
        'InsufficientSubnetSize',
        `Enabling regional endpoints on ${registry.name} needs more addresses in its private endpoints' subnets: ${short
          .map((p) => `subnet ${p.subnet.name} has ${p.free} free address(es) and needs ${p.extra}`)
          .join('; ')}.`,
        short[0]!.subnet.name,
      );
  }
  return updateRegistry(sim, registry, options);
}
