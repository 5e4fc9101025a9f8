import { describe, expect, it } from 'vitest';
import { createRegistry, createReplica, deleteReplica } from './lifecycle';
import {
  addPrivateEndpoint,
  addSubnet,
  addressesPerEndpoint,
  createReplicaWithNetwork,
  parsePrefix,
  PE_ROLLBACK_MS,
  planAddresses,
  subnetUsage,
  usableAddresses,
} from './network';
import { unwrap } from './result';
import { Simulation } from './sim';

function world(regional: boolean, locations: string[]) {
  const sim = new Simulation({ seed: 1 });
  const registry = unwrap(
    createRegistry(sim, {
      name: 'myregistry',
      location: 'eastus',
      sku: 'Premium',
      regionalEndpoints: regional,
    }),
  );
  for (const location of locations) unwrap(createReplica(sim, registry, { location }));
  return { sim, registry };
}

describe('subnets', () => {
  it('counts usable addresses as Azure does: /28 → 11', () => {
    expect(usableAddresses(28)).toBe(11);
    expect(usableAddresses(24)).toBe(251);
    expect(unwrap(parsePrefix('/28'))).toBe(28);
    expect(unwrap(parsePrefix('10.0.0.0/27'))).toBe(27);
    expect(parsePrefix('/30').ok).toBe(false);
    expect(parsePrefix('/7').ok).toBe(false);
    expect(parsePrefix('10.0.0/28').ok).toBe(false);
    expect(parsePrefix('banana').ok).toBe(false);
  });
});

describe('private endpoints (B-PE-1)', () => {
  it('takes 7 addresses for 3 replicas with regional endpoints, 4 without', () => {
    expect(addressesPerEndpoint(world(true, ['westeurope', 'westus2']).registry)).toBe(7);
    expect(addressesPerEndpoint(world(false, ['westeurope', 'westus2']).registry)).toBe(4);
  });

  it('turns on dedicated data endpoints and uses subnet addresses', () => {
    const { sim, registry } = world(true, ['westeurope', 'westus2']);
    expect(registry.dataEndpointEnabled).toBe(false);
    const subnet = unwrap(addSubnet(sim, 'pe', '/28'));
    unwrap(addPrivateEndpoint(sim, 'pe1', 'myregistry', 'pe'));
    expect(registry.dataEndpointEnabled).toBe(true);
    expect(subnetUsage(sim, subnet)).toMatchObject({ usable: 11, used: 7, free: 4 });
    // A second one does not fit: 7 > 4.
    expect(addPrivateEndpoint(sim, 'pe2', 'myregistry', 'pe').ok).toBe(false);
  });
});

describe('replica creation with private endpoints', () => {
  it('rolls a replica back when a connected subnet is short (B-PE-2)', () => {
    const { sim, registry } = world(true, ['westeurope', 'westus2']);
    unwrap(addSubnet(sim, 'big', '/24'));
    unwrap(addSubnet(sim, 'small', '/28'));
    unwrap(addPrivateEndpoint(sim, 'pe-big', 'myregistry', 'big'));
    unwrap(addPrivateEndpoint(sim, 'pe-small', 'myregistry', 'small'));
    const plan = planAddresses(sim, registry, { addReplicas: 1 });
    expect(plan.map((p) => [p.subnet.name, p.extra, p.fits])).toEqual([
      ['big', 2, true],
      ['small', 2, true],
    ]);
    const fourth = unwrap(createReplicaWithNetwork(sim, registry, { location: 'southeastasia' }));
    expect(fourth.shortSubnets).toEqual([]);
    // small: 11 usable, 9 used now; a fifth replica needs 2 more → fits (11), a sixth does not.
    sim.runUntil(() => fourth.replica.phase === 'ready', 3_600_000);
    expect(unwrap(createReplicaWithNetwork(sim, registry, { location: 'japaneast' })).shortSubnets).toEqual(
      [],
    );
    const fifth = unwrap(createReplicaWithNetwork(sim, registry, { location: 'northeurope' }));
    expect(fifth.shortSubnets.map((p) => p.subnet.name)).toEqual(['small']);
    expect(fifth.replica.phase).toBe('provisioning');
    expect(registry.replicas.has(fifth.replica.name)).toBe(true);
    sim.advance(PE_ROLLBACK_MS);
    expect(registry.replicas.has(fifth.replica.name)).toBe(false);
  });

  it('leaves registries without private endpoints alone', () => {
    const { sim, registry } = world(false, []);
    const r = unwrap(createReplicaWithNetwork(sim, registry, { location: 'westeurope' }));
    sim.runUntil(() => r.replica.phase === 'ready', 3_600_000);
    expect(r.replica.phase).toBe('ready');
  });

  it('stays Creating without the private-link permission until deleted (B-PE-3)', () => {
    const { sim, registry } = world(false, []);
    unwrap(addSubnet(sim, 'pe', '/24'));
    unwrap(addPrivateEndpoint(sim, 'pe1', 'myregistry', 'pe'));
    const r = unwrap(
      createReplicaWithNetwork(sim, registry, { location: 'westeurope', privateLinkPermission: false }),
    );
    expect(r.stuck).toBe(true);
    sim.advance(24 * 3_600_000);
    expect(r.replica.phase).toBe('provisioning');
    expect(r.replica.stuck).toBe(true);
    unwrap(deleteReplica(sim, registry, 'westeurope'));
    sim.advance(sim.config.get('replica.deletion'));
    expect(registry.replicas.has(r.replica.name)).toBe(false);
  });
});
