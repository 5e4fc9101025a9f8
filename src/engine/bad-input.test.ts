import { describe, expect, it } from 'vitest';
import { addClient, buildImage, login, tagImage } from './clients';
import { planPull, planPush } from './dataplane';
import {
  createRegistry,
  createReplica,
  deleteReplica,
  setGlobalEndpointRouting,
  updateRegistry,
} from './lifecycle';
import type { Result } from './result';
import { geoWorld, signedInClient } from './testkit';

/**
 * Bad input to any engine API returns a typed error naming the bad value and leaves the world
 * exactly as it was (the event log is the witness: nothing is appended).
 */
describe('engine APIs refuse bad input with a typed error and change nothing', () => {
  const world = geoWorld(['eastus', 'westeurope']);
  const { sim, registry } = world;
  const dev = signedInClient(world, 'dev', 'eastus');
  const host = registry.loginServer;
  const cases: Array<[string, () => Result<unknown>, string, string | undefined]> = [
    [
      'registry name too short',
      () => createRegistry(sim, { name: 'ab', location: 'eastus' }),
      'InvalidRegistryName',
      'ab',
    ],
    [
      'registry name with a dash',
      () => createRegistry(sim, { name: 'my-reg', location: 'eastus' }),
      'InvalidRegistryName',
      'my-reg',
    ],
    [
      'unknown SKU',
      () => createRegistry(sim, { name: 'another1', location: 'eastus', sku: 'Gold' }),
      'InvalidSku',
      'Gold',
    ],
    [
      'unknown home region',
      () => createRegistry(sim, { name: 'another1', location: 'mars' }),
      'UnknownRegion',
      'mars',
    ],
    [
      'unknown replica region',
      () => createReplica(sim, registry, { location: 'atlantis' }),
      'UnknownRegion',
      'atlantis',
    ],
    [
      'restricted replica region',
      () => createReplica(sim, registry, { location: 'germanynorth' }),
      'RegionRestricted',
      'germanynorth',
    ],
    [
      'delete missing replica',
      () => deleteReplica(sim, registry, 'japaneast'),
      'ResourceNotFound',
      'japaneast',
    ],
    [
      'routing on missing replica',
      () => setGlobalEndpointRouting(sim, registry, 'nowhere', false),
      'ResourceNotFound',
      'nowhere',
    ],
    ['bad SKU update', () => updateRegistry(sim, registry, { sku: 'Free' }), 'InvalidSku', 'Free'],
    [
      'client at a bad place',
      () => addClient(sim, { name: 'x', location: '100,500' }),
      'InvalidLocation',
      '100,500',
    ],
    [
      'client with a bad DNS mode',
      () => addClient(sim, { name: 'x', location: 'eastus', dns: 'sometimes' }),
      'InvalidDnsMode',
      'sometimes',
    ],
    ['duplicate client', () => addClient(sim, { name: 'dev', location: 'eastus' }), 'ClientExists', 'dev'],
    ['build with a bad name', () => buildImage(sim, dev, `${host}/App:v1`), 'NAME_INVALID', 'App'],
    ['build with a bad tag', () => buildImage(sim, dev, `${host}/app:.v1`), 'TAG_INVALID', '.v1'],
    [
      'build with zero layers',
      () => buildImage(sim, dev, `${host}/app:v1`, { layers: 0 }),
      'InvalidNumber',
      '0',
    ],
    [
      'build from a missing base',
      () => buildImage(sim, dev, `${host}/app:v1`, { base: 'nothing:v1' }),
      'ImageNotFound',
      'nothing:v1',
    ],
    ['tag a missing image', () => tagImage(dev, 'nothing:v1', 'x:v1'), 'ImageNotFound', 'nothing:v1'],
    [
      'push with a bad digest',
      () => planPush(sim, dev, `${host}/app@sha256:12`),
      'DIGEST_INVALID',
      'sha256:12',
    ],
    [
      'pull from an unknown host',
      () => planPull(sim, 'nosuch.azurecr.io/app:v1'),
      'NoSuchHost',
      'nosuch.azurecr.io',
    ],
    [
      'login to an unknown host',
      () => login(sim, dev, 'myregistry.japaneast.geo.azurecr.io', 'admin'),
      'NoSuchHost',
      undefined,
    ],
  ];

  it.each(cases)('%s', (_name, call, code, value) => {
    const before = JSON.stringify(sim.log.events);
    const replicas = [...registry.replicas.keys()].join();
    const r = call();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      if (value !== undefined) expect(r.error.value).toBe(value);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(sim.log.events)).toBe(before);
    expect([...registry.replicas.keys()].join()).toBe(replicas);
    expect(sim.clients.size).toBe(1);
  });
});
