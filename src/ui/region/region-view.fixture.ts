import type { ReplicaRow } from '../../protocol/messages';
import type { RegionView } from './region-detail';

/** Test fixtures: West Europe, in the demo registry, as the `region` query answers for it. */
export const WEST_EUROPE = {
  name: 'westeurope',
  displayName: 'West Europe',
  lon: 4.9,
  lat: 52.4,
  geography: 'Europe',
  accessRestricted: false,
};

/** A region detail with no replica there yet (override any field). */
export function regionView(over: Partial<RegionView>): RegionView {
  return {
    region: WEST_EUROPE,
    registry: 'myregistry',
    mark: 'available',
    replica: undefined,
    tags: [],
    pending: [],
    regionOutage: false,
    registryOutage: false,
    createCommand: 'az acr replication create -r myregistry -l westeurope',
    sku: 'Premium',
    regionalEndpoints: true,
    upgradeCommand: undefined,
    creatingPercent: undefined,
    stuck: undefined,
    ...over,
  };
}

/** A ready, healthy replica row (override any field). */
export function replicaRow(over: Partial<ReplicaRow> = {}): ReplicaRow {
  return {
    name: 'westeurope',
    home: false,
    provisioningState: 'Succeeded',
    status: 'Ready',
    healthy: true,
    globalEndpointRouting: true,
    inPool: true,
    tagCount: 1,
    ...over,
  } as unknown as ReplicaRow;
}
