import { describe, expect, it } from 'vitest';
import { createCommandTree } from '../commands/index';
import { Session } from '../commands/session';
import { controlPlaneState, identityRows, networkPlan, networkRows } from './network-queries';

const tree = createCommandTree();

function demo(): Session {
  const s = new Session({ seed: 1, tree });
  s.loadDemo();
  const run = (line: string) => expect(s.runLine(line, () => undefined)).toBe(0);
  run('sim network subnet add pe-subnet --prefix /28');
  run('sim network private-endpoint add pe1 --registry myregistry --subnet pe-subnet');
  return s;
}

describe('network queries', () => {
  it('counts subnet usage and addresses per endpoint kind as the engine does', () => {
    const s = demo();
    const r = networkRows(s.sim, 'myregistry');
    expect(r.subnets).toEqual([{ name: 'pe-subnet', prefixLength: 28, usable: 11, used: 5, free: 6 }]);
    expect(r.privateEndpoints).toEqual([
      {
        name: 'pe1',
        registry: 'myregistry',
        subnet: 'pe-subnet',
        global: 1,
        data: 2,
        regional: 2,
        total: 5,
      },
    ]);
  });

  it('plans a new replica per connected subnet', () => {
    const s = demo();
    const p = networkPlan(s.sim, 'myregistry', 'japaneast', undefined);
    expect(p.subnets).toEqual([{ subnet: 'pe-subnet', free: 6, extra: 2, fits: true }]);
    expect(p.perEndpoint).toBe(7);
    // A region that already has a replica adds nothing.
    expect(networkPlan(s.sim, 'myregistry', 'eastus', undefined).subnets[0]!.extra).toBe(0);
  });

  it('lists identities with the current one, and the control plane during a home outage', () => {
    const s = demo();
    expect(identityRows(s.sim, s.identity).identities).toContainEqual({
      name: 'admin',
      role: 'Owner',
      current: true,
    });
    expect(controlPlaneState(s.sim, 'myregistry')).toMatchObject({ available: true, homeRegion: 'eastus' });
    s.runLine('sim outage eastus on', () => undefined);
    expect(controlPlaneState(s.sim, 'myregistry')).toMatchObject({ available: false, homeRegion: 'eastus' });
  });
});
