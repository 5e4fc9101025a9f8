import { describe, expect, it } from 'vitest';
import { createCommandTree } from '../index';
import { Session } from '../session';

const tree = createCommandTree();

function run(s: Session, line: string): { code: number; out: string[] } {
  const out: string[] = [];
  const code = s.runLine(line, (l) => out.push(l));
  return { code, out };
}

/** Seconds in the "N of N pods run after Xs" line of a finished rollout. */
function reported(out: string[]): number {
  const line = out.find((l) => l.includes('pods run after'));
  const m = /pods run after (?:(\d+)m)?([\d.]+)s since the deployment was created/.exec(line ?? '');
  if (!m) throw new Error(`no rollout time in:\n${out.join('\n')}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2]);
}

/** Push from East US and deploy at once to a cluster next to the home region and one far away. */
function pushAndDeploy(): Session {
  const s = new Session({ seed: 1, tree });
  for (const line of [
    'az acr create -n myregistry -g rg -l eastus --sku Premium',
    'az acr replication create -r myregistry -l japaneast',
    'sim cluster add aks-eus --location eastus --nodes 2',
    'sim cluster add aks-jpe --location japaneast --nodes 2',
    'az acr login -n myregistry',
    'docker build -t myregistry.azurecr.io/web:1 --size 300MB .',
    'docker push myregistry.azurecr.io/web:1',
    'kubectl --context aks-eus create deployment web --image=myregistry.azurecr.io/web:1 --replicas=2',
    'kubectl --context aks-jpe create deployment web --image=myregistry.azurecr.io/web:1 --replicas=2',
  ])
    expect(run(s, line).code, line).toBe(0);
  return s;
}

describe('kubectl rollout status: how long the rollout took', () => {
  it('reports when the last pod started running, not when the command was asked', () => {
    const s = pushAndDeploy();
    const far = run(s, 'kubectl --context aks-jpe rollout status deployment/web');
    expect(far.code).toBe(0);
    // East US finished long before; asking now must not report the time spent waiting for Japan.
    const near = run(s, 'kubectl --context aks-eus rollout status deployment/web');
    expect(near.code).toBe(0);
    expect(reported(near.out)).toBeLessThan(reported(far.out));

    for (const name of ['aks-eus', 'aks-jpe']) {
      const dep = s.sim.clusters.get(name)?.deployments.get('web');
      if (!dep) throw new Error(`no deployment in ${name}`);
      const lastStart = Math.max(...dep.pods.map((p) => p.startedAt ?? NaN));
      const out = name === 'aks-eus' ? near.out : far.out;
      expect(reported(out)).toBeCloseTo((lastStart - dep.createdAt) / 1000, 1);
    }
  });

  it('gives the same number when asked again later', () => {
    const s = pushAndDeploy();
    const first = run(s, 'kubectl --context aks-jpe rollout status deployment/web');
    expect(run(s, 'sim advance 5m').code).toBe(0);
    const again = run(s, 'kubectl --context aks-jpe rollout status deployment/web');
    expect(reported(again.out)).toBe(reported(first.out));
  });
});
