import { describe, expect, it } from 'vitest';
import { createCommandTree } from '../commands/index';
import { Session } from '../commands/session';
import { answerQuery } from './queries';
import type { RegionDetail } from '../protocol/messages';

const tree = createCommandTree();

function demo(): { s: Session; run: (line: string) => void } {
  const s = new Session({ seed: 1, tree });
  s.loadDemo();
  const run = (line: string) =>
    expect(
      s.runLine(line, () => undefined),
      line,
    ).toBe(0);
  return { s, run };
}

function region(s: Session, registry: string, name: string): RegionDetail {
  return answerQuery(s.sim, registry, { kind: 'region', registry, region: name }) as RegionDetail;
}

describe('region detail', () => {
  it('offers a replica only to a Premium registry, and names the upgrade otherwise (B-REG-1)', () => {
    const { s, run } = demo();
    const premium = region(s, 'myregistry', 'japaneast');
    expect(premium.createCommand).toBe('az acr replication create -r myregistry -l japaneast');
    expect(premium).toMatchObject({ sku: 'Premium', upgradeCommand: undefined });
    run('az acr delete -n myregistry --yes');
    run('az acr create -n newreg12 -g rg -l australiaeast --sku Standard');
    const standard = region(s, 'newreg12', 'westeurope');
    expect(standard.mark).toBe('available');
    expect(standard.createCommand).toBeUndefined();
    expect(standard).toMatchObject({
      sku: 'Standard',
      upgradeCommand: 'az acr update -n newreg12 --sku Premium',
    });
  });

  it('tells whether regional endpoints are on', () => {
    const { s, run } = demo();
    expect(region(s, 'myregistry', 'westeurope').regionalEndpoints).toBe(true);
    run('az acr update -n myregistry --regional-endpoints disabled');
    expect(region(s, 'myregistry', 'westeurope').regionalEndpoints).toBe(false);
  });

  it('gives the provisioning progress of a Creating replica as the map rounds it', () => {
    const { s, run } = demo();
    run('az acr replication create -r myregistry -l japaneast --no-wait');
    expect(region(s, 'myregistry', 'japaneast').creatingPercent).toBe(0);
    run('sim advance 1m'); // of 90 s provisioning
    const d = region(s, 'myregistry', 'japaneast');
    expect(d.replica!.status).toBe('Creating');
    expect(d.creatingPercent).toBe(66);
    expect(d.stuck).toBeUndefined();
    run('sim advance 10m');
    expect(region(s, 'myregistry', 'japaneast').creatingPercent).toBeUndefined();
  });

  it('says why a replica created without the private-link permission is stuck in Creating (B-PE-3)', () => {
    const { s, run } = demo();
    run('sim network subnet add snet --prefix /24');
    run('sim network private-endpoint add pe1 --registry myregistry --subnet snet');
    run(
      'sim identity add ops --role Reader --permission Microsoft.ContainerRegistry/registries/replications/write',
    );
    run('sim identity use ops');
    run('az acr replication create -r myregistry -l francecentral');
    // Until its provisioning time is up it looks like any replica being created.
    expect(region(s, 'myregistry', 'francecentral').stuck).toBeUndefined();
    run('sim advance 10m');
    const d = region(s, 'myregistry', 'francecentral');
    expect(d.replica!.status).toBe('Creating');
    expect(d.stuck).toMatch(/privateLinkServiceProxies\/write.*until it is deleted/);
    // A replica provisioning normally elsewhere is not stuck.
    run('sim identity use admin');
    run('az acr replication create -r myregistry -l japaneast --no-wait');
    expect(region(s, 'myregistry', 'japaneast').stuck).toBeUndefined();
  });
});
