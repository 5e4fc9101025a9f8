import { describe, expect, it } from 'vitest';
import { kubeAge } from './families/kubectl';
import { createCommandTree } from './index';
import { Session } from './session';

const tree = createCommandTree();

/** The demo world plus a one-node cluster in westeurope running `web` (one pod). */
function withCluster(): Session {
  const s = new Session({ seed: 1, tree });
  s.loadDemo();
  for (const line of [
    'sim cluster add aks --location westeurope --nodes 1',
    'kubectl create deployment web --image=myregistry.azurecr.io/web:v1',
  ])
    expect(s.runLine(line, () => undefined)).toBe(0);
  return s;
}

function run(s: Session, line: string): { code: number; out: string[] } {
  const out: string[] = [];
  const code = s.runLine(line, (l) => out.push(l));
  return { code, out };
}

const fingerprint = (s: Session): string =>
  JSON.stringify({
    t: s.sim.now,
    events: s.sim.log.events.length,
    context: s.kubeContext,
    clusters: [...s.sim.clusters.values()].map((c) => [c.name, c.deployments.size, c.pods.size]),
  });

describe('kubectl and sim cluster: bad input is one clear line and changes nothing', () => {
  const cases: Array<[string, string]> = [
    ['duplicate deployment', 'kubectl create deployment web --image=myregistry.azurecr.io/web:v1'],
    ['upper-case deployment name', 'kubectl create deployment Web --image=myregistry.azurecr.io/web:v1'],
    ['image without a registry host', 'kubectl create deployment api --image=nginx'],
    ['image with a bad name', 'kubectl create deployment api --image=myregistry.azurecr.io/API:v1'],
    [
      'too many replicas',
      'kubectl create deployment api --image=myregistry.azurecr.io/api:v1 --replicas=5000',
    ],
    ['get an unknown pod', 'kubectl get pods nope'],
    ['get an unknown deployment', 'kubectl get deployment/nope'],
    ['type given twice', 'kubectl get pod/x y'],
    ['describe an unknown pod', 'kubectl describe pod nope'],
    ['describe a node', 'kubectl describe node x'],
    ['rollout of an unknown deployment', 'kubectl rollout status deployment/nope'],
    ['rollout without a name', 'kubectl rollout status deployment'],
    ['delete an unknown deployment', 'kubectl delete deployment nope'],
    ['delete a pod', 'kubectl delete pod x'],
    ['unknown context', 'kubectl --context nope get pods'],
    ['duplicate cluster', 'sim cluster add aks --location eastus'],
    ['bad rollout timeout', 'kubectl rollout status deployment/web --timeout=soon'],
  ];
  it.each(cases)('%s', (_name, line) => {
    const s = withCluster();
    const before = fingerprint(s);
    const { code, out } = run(s, line);
    expect(code, out.join('\n')).not.toBe(0);
    expect(out, line).toHaveLength(1);
    expect(out[0]!.length).toBeLessThan(400);
    expect(fingerprint(s)).toBe(before);
  });
});

describe('kubectl contexts', () => {
  it('the first cluster becomes the context; use-context switches; --context overrides', () => {
    const s = withCluster();
    expect(s.kubeContext).toBe('aks');
    expect(run(s, 'sim cluster add aks2 --location eastus').code).toBe(0);
    expect(s.kubeContext).toBe('aks');
    expect(run(s, 'kubectl get deployments').out.join('\n')).toMatch(/^web +0\/1/m);
    expect(run(s, 'kubectl --context aks2 get deployments').out).toEqual([
      'No resources found in default namespace.',
    ]);
    expect(run(s, 'kubectl config use-context aks2').out).toEqual(['Switched to context "aks2".']);
    expect(run(s, 'kubectl config current-context').out).toEqual(['aks2']);
    expect(run(s, 'kubectl config get-contexts').out.join('\n')).toMatch(/^\* +aks2 +aks2/m);
    expect(run(s, 'kubectl get pods').out).toEqual(['No resources found in default namespace.']);
  });

  it('a new world forgets the context', () => {
    const s = withCluster();
    run(s, 'sim preset demo');
    expect(s.kubeContext).toBeUndefined();
    expect(run(s, 'kubectl get pods').out[0]).toMatch(/^error: no context is set/);
  });
});

describe('kubectl output', () => {
  it('get pods is a kubectl table, sorted by name', () => {
    const s = withCluster();
    run(s, 'kubectl create deployment api --image=myregistry.azurecr.io/api:v1 --replicas=2');
    const { out } = run(s, 'kubectl get pods');
    expect(out[0]).toMatch(/^NAME {3,}READY {3}STATUS {3,}RESTARTS {3}AGE$/);
    const names = out.slice(1).map((l) => l.split(' ')[0]!);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(3);
  });

  it('rollout status waits until every pod runs (the demo image is already in westeurope)', () => {
    const s = withCluster();
    const { code, out } = run(s, 'kubectl rollout status deployment/web');
    expect(code).toBe(0);
    expect(out[0]).toBe(
      'Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...',
    );
    expect(out).toContain('deployment "web" successfully rolled out');
    expect(run(s, 'kubectl get pods').out[1]).toMatch(/ 1\/1 +Running +0 /);
  });

  it('AGE reads like kubectl', () => {
    expect(
      [0, 5_000, 119_000, 130_000, 600_000, 7_200_000, 9 * 3_600_000, 50 * 3_600_000].map(kubeAge),
    ).toEqual(['0s', '5s', '119s', '2m10s', '10m', '120m', '9h', '2d2h']);
  });
});
