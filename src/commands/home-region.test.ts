import { describe, expect, it } from 'vitest';
import { setRegionOutage, type RegionName } from '../engine';
import { createCommandTree } from './index';
import { Session } from './session';

const tree = createCommandTree();

function runLine(session: Session, line: string): string {
  const out: string[] = [];
  session.runLine(line, (l) => out.push(l));
  return out.join('\n');
}

describe('B-HOME-2 home region outage in the console', () => {
  it('B-HOME-2 the az commands refuse during the outage and the world is unchanged', () => {
    const session = new Session({ seed: 1, tree });
    session.loadDemo();
    setRegionOutage(session.sim, 'eastus' as RegionName, true);
    const registry = session.sim.registries.get('myregistry')!;
    const before = session.sim.log.length;
    for (const line of [
      'az acr update -n myregistry --regional-endpoints disabled',
      'az acr replication create -r myregistry -l japaneast',
      'az acr replication update -r myregistry -n westeurope --global-endpoint-routing false',
      'az acr replication delete -r myregistry -n westeurope',
      'az acr import -n myregistry --source mcr.microsoft.com/hello-world:latest',
    ]) {
      const out = runLine(session, line);
      expect(out, line).toContain('(HomeRegionUnavailable)');
      expect(out, line).toContain("'eastus'");
    }
    expect(session.sim.log.length).toBe(before);
    expect(registry.regionalEndpoints).toBe(true);
    expect(registry.replicas.size).toBe(2);
    expect(registry.replicaAt('westeurope')!.globalEndpointRouting).toBe(true);
    expect(runLine(session, 'az acr show -n myregistry')).toContain('"location": "eastus"');
  });
});
