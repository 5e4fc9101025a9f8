import { describe, expect, it } from 'vitest';
import { addClient } from './clients';
import { setRegionOutage } from './health';
import { applyDemoPreset } from './preset';
import { unwrap } from './result';
import { signIn } from './sign-in';
import { Simulation } from './sim';
import type { RegionName } from './types';

describe('signing in (B-HOME-3, B-AUTH-2)', () => {
  function world() {
    const sim = new Simulation({ seed: 1 });
    applyDemoPreset(sim);
    const paris = unwrap(addClient(sim, { name: 'paris', location: 'francecentral' }));
    return { sim, paris };
  }

  it('is served by the replica the host leads to, and stores the credential for that host', () => {
    const { sim, paris } = world();
    const r = unwrap(signIn(sim, paris, 'MyRegistry.westeurope.geo.azurecr.io', 'admin'));
    expect(r.error).toBeUndefined();
    expect(r.served).toMatchObject({ location: 'westeurope', endpoint: 'regional', status: 200 });
    expect(paris.credentials.get('myregistry.westeurope.geo.azurecr.io')).toBe('admin');
  });

  it('fails with 503 while that replica is down, and stores nothing', () => {
    const { sim, paris } = world();
    setRegionOutage(sim, 'westeurope' as RegionName, true);
    const r = unwrap(signIn(sim, paris, 'myregistry.westeurope.geo.azurecr.io', 'admin'));
    expect(r.error?.code).toBe('UNAVAILABLE');
    expect(r.served).toMatchObject({ location: 'westeurope', status: 503, code: 'UNAVAILABLE' });
    expect(paris.credentials.size).toBe(0);
  });

  it('refuses a host that does not resolve', () => {
    const { sim, paris } = world();
    expect(signIn(sim, paris, 'nosuch.azurecr.io', 'admin')).toMatchObject({
      ok: false,
      error: { code: 'NoSuchHost' },
    });
  });
});
