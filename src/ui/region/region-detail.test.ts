import { describe, expect, it } from 'vitest';
import type { ReplicaRow } from '../../protocol/messages';
import { stateText, type RegionView } from './region-detail';
import { regionView, replicaRow } from './region-view.fixture';

const ready = replicaRow();
const view = (over: Partial<RegionView>): RegionView =>
  regionView({ mark: 'replica', replica: ready, createCommand: undefined, ...over });

describe('stateText', () => {
  it('says a replica healthy again but not yet back in routing waits for failback, as the hexagon does', () => {
    const recovered = { ...ready, inPool: false } as ReplicaRow;
    expect(stateText(view({ replica: recovered }))).toBe('Replica · Ready · waiting for failback');
    const down = { ...ready, status: 'Unavailable', healthy: false, inPool: false } as ReplicaRow;
    expect(stateText(view({ replica: down }))).toBe(
      'Replica · Unavailable · out of global routing (unhealthy)',
    );
    expect(stateText(view({}))).toBe('Replica · Ready');
  });

  it('tells a registry that is not Premium why no replica is offered', () => {
    const standard = view({
      mark: 'available',
      replica: undefined,
      registry: 'newreg12',
      sku: 'Standard',
      upgradeCommand: 'az acr update -n newreg12 --sku Premium',
    });
    expect(stateText(standard)).toBe(
      'Available, but geo-replication needs the Premium SKU (newreg12 is Standard)',
    );
    expect(
      stateText(view({ mark: 'available', replica: undefined, createCommand: 'az acr replication create' })),
    ).toBe('Available: a replica can be created here');
  });

  it('marks a replica stuck in Creating', () => {
    const creating = { ...ready, provisioningState: 'Creating', status: 'Creating' } as ReplicaRow;
    expect(stateText(view({ replica: creating, stuck: 'No permission.' }))).toBe(
      'Replica · Creating · stuck',
    );
  });
});
