import { describe, expect, it } from 'vitest';
import type { ReplicaRow } from '../../protocol/messages';
import { regionCommands } from './region-commands';
import { regionView } from './region-view.fixture';

const detail = regionView;

const replica = {
  name: 'westeurope',
  home: false,
  provisioningState: 'Succeeded',
  globalEndpointRouting: true,
} as unknown as ReplicaRow;

describe('regionCommands', () => {
  it('is empty without a registry', () => {
    expect(regionCommands(detail({ registry: undefined }))).toEqual([]);
  });

  it('offers create and region outage where there is no replica', () => {
    const cs = regionCommands(detail({}));
    expect(cs.map((c) => c.command)).toEqual([
      'az acr replication create -r myregistry -l westeurope --no-wait',
      'sim outage westeurope on',
    ]);
    expect(cs[0]!.label).toBe('Create replica in West Europe');
  });

  it('offers delete, routing, outages and login for a replica', () => {
    const cs = regionCommands(
      detail({ mark: 'replica', replica, createCommand: undefined, regionOutage: true }),
    );
    // No sign-in during the outage: it would only get 503 (see below).
    expect(cs.map((c) => c.id)).toEqual(['delete', 'routing', 'region-outage', 'registry-outage']);
    expect(regionCommands(detail({ mark: 'replica', replica, createCommand: undefined })).at(-1)!.id).toBe(
      'login',
    );
    expect(cs.find((c) => c.id === 'region-outage')).toMatchObject({
      label: 'End region outage',
      command: 'sim outage westeurope off',
      pressed: true,
    });
    expect(cs.find((c) => c.id === 'routing')!.command).toBe(
      'az acr replication update -r myregistry -n westeurope --global-endpoint-routing false -o table',
    );
    expect(cs.find((c) => c.id === 'registry-outage')!.command).toBe(
      'sim outage westeurope on --scope registry --registry myregistry',
    );
  });

  it('never offers to delete the home replica, and re-admits an excluded one', () => {
    const home = { ...replica, home: true, globalEndpointRouting: false } as ReplicaRow;
    const cs = regionCommands(detail({ mark: 'home', replica: home, createCommand: undefined }));
    expect(cs.some((c) => c.id === 'delete')).toBe(false);
    expect(cs.find((c) => c.id === 'routing')!.label).toBe('Re-admit to global routing');
  });

  it('offers no regional sign-in while regional endpoints are off (RegionalEndpointsNotEnabled)', () => {
    const on = regionCommands(detail({ mark: 'replica', replica, createCommand: undefined }));
    expect(on.find((c) => c.id === 'login')!.command).toBe(
      'az acr login -n myregistry --endpoint westeurope',
    );
    const off = regionCommands(
      detail({ mark: 'replica', replica, createCommand: undefined, regionalEndpoints: false }),
    );
    expect(off.map((c) => c.id)).toEqual(['delete', 'routing', 'region-outage', 'registry-outage']);
  });

  it('offers no regional sign-in while the replica is in an outage (it would get 503)', () => {
    for (const outage of [{ regionOutage: true }, { registryOutage: true }]) {
      const cs = regionCommands(detail({ mark: 'replica', replica, createCommand: undefined, ...outage }));
      expect(cs.some((c) => c.id === 'login')).toBe(false);
    }
  });

  it('offers nothing scoped to a replica that is being deleted, only the region outage', () => {
    const deleting = { ...replica, provisioningState: 'Deleting', status: 'Deleting' } as ReplicaRow;
    const cs = regionCommands(detail({ mark: 'replica', replica: deleting, createCommand: undefined }));
    expect(cs.map((c) => c.id)).toEqual(['region-outage']);
  });

  it('keeps action labels for toggles', () => {
    const excluded = { ...replica, globalEndpointRouting: false } as ReplicaRow;
    const cs = regionCommands(
      detail({ mark: 'replica', replica: excluded, createCommand: undefined, regionOutage: true }),
    );
    expect(cs.map((c) => c.label)).toContain('Re-admit to global routing');
    expect(cs.map((c) => c.label)).toContain('End region outage');
    // `pressed` only draws the button as on: the panel and the menu never turn it into aria-pressed.
    expect(cs.find((c) => c.id === 'routing')).toMatchObject({
      label: 'Re-admit to global routing',
      pressed: true,
    });
  });
});
