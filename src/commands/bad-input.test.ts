import { describe, expect, it } from 'vitest';
import { createCommandTree } from './index';
import { Session } from './session';
import type { CommandSpec, FlagSpec } from './spec';

const tree = createCommandTree();

/** A demo world to try bad lines against; returns a fingerprint of everything that can change. */
function demo(): Session {
  const s = new Session({ seed: 1, tree });
  s.loadDemo();
  return s;
}
const fingerprint = (s: Session): string =>
  JSON.stringify({ t: s.sim.now, events: s.sim.log.events.length, client: s.clientName });

function badValue(f: FlagSpec): string | undefined {
  switch (f.type) {
    case 'int':
      return '-5';
    case 'size':
      return '12parsecs';
    case 'duration':
      return '1e309s';
    case 'rate':
      return 'NaN';
    case 'choice':
      return 'definitely-not-a-choice';
    default:
      return undefined;
  }
}

/** Minimal valid-looking arguments so only the bad part is bad. */
function requiredArgs(spec: CommandSpec, except?: string): string[] {
  const words: string[] = [];
  for (const f of spec.flags) {
    if (!f.required || f.name === except) continue;
    words.push(`--${f.name}`, f.choices?.[0] ?? (f.type === 'int' ? '1' : 'myregistry'));
  }
  for (const p of spec.positionals ?? []) if (p.required) words.push('x');
  return words;
}

const cases: Array<[string, string]> = [];
for (const spec of tree.all()) {
  const name = spec.path.join(' ');
  cases.push([`${name}: unknown flag`, `${name} ${requiredArgs(spec).join(' ')} --bogus-flag 1`]);
  for (const f of spec.flags) {
    if (f.required)
      cases.push([`${name}: missing --${f.name}`, `${name} ${requiredArgs(spec, f.name).join(' ')}`]);
    const bad = badValue(f);
    if (bad !== undefined)
      cases.push([`${name}: bad --${f.name}`, `${name} ${requiredArgs(spec).join(' ')} --${f.name} ${bad}`]);
    if (f.type !== 'switch')
      cases.push([
        `${name}: --${f.name} without a value`,
        `${name} ${requiredArgs(spec).join(' ')} --${f.name}`,
      ]);
  }
  if (!spec.rawTail && !(spec.positionals ?? []).some((p) => p.variadic)) {
    cases.push([`${name}: surplus word`, `${name} ${requiredArgs(spec).join(' ')} a b c d e`]);
  }
}
cases.push(
  ['unknown top-level command', 'dockr push x'],
  ['unknown subcommand', 'az acr replcation list'],
  ['unterminated quote', `sim expect 'oops`],
  ['huge token', `docker pull ${'a'.repeat(5000)}`],
  ['prototype key as a command', '__proto__ constructor'],
  ['unknown region', 'az acr replication create -r myregistry -l mars'],
  ['restricted region', 'az acr replication create -r myregistry -l germanynorth'],
  ['unknown registry', 'az acr replication list -r nosuchregistry'],
  ['home replica delete', 'az acr replication delete -r myregistry -n eastus'],
  ['bad registry name', 'az acr create -n my-registry --sku Premium'],
  ['duplicate registry', 'az acr create -n MyRegistry --sku Premium'],
  ['bad image name', 'docker build -t myregistry.azurecr.io/App:v1 .'],
  ['bad tag', 'docker tag myregistry.azurecr.io/web:v1 web:.x'],
  ['bad digest', 'docker pull myregistry.azurecr.io/web@sha256:12'],
  ['unknown host', 'docker push nosuch.azurecr.io/web:v1'],
  ['missing local image', 'docker push myregistry.azurecr.io/nothing:v1'],
  ['advance too far', 'sim advance 400d'],
  ['advance negative', 'sim advance -5m'],
  ['absurd seed', 'sim seed 99999999999'],
  ['bad config value', 'sim config dns.ttl -1s'],
  ['unknown config key', 'sim config dns.tll 5s'],
  ['unknown client', 'sim client use nobody'],
  ['bad client location', 'sim client add x --location 95,200'],
  ['unknown client dns', 'sim client dns nobody cache'],
  ['bad client dns mode', 'sim client dns dev sometimes'],
  ['inspect unknown region', 'sim inspect atlantis'],
  ['bad outage state', 'sim outage westeurope maybe'],
  [
    'load rate above the bound',
    'sim load start x -l eastus --pulls-per-minute 1000001 --image myregistry.azurecr.io/web:v1',
  ],
  ['load rate zero', 'sim load start x -l eastus --pulls-per-minute 0 --image myregistry.azurecr.io/web:v1'],
  [
    'load unknown registry',
    'sim load start x -l eastus --pulls-per-minute 10 --image nosuch.azurecr.io/web:v1',
  ],
  [
    'load unknown location',
    'sim load start x -l atlantis --pulls-per-minute 10 --image myregistry.azurecr.io/web:v1',
  ],
  ['load image without host', 'sim load start x -l eastus --pulls-per-minute 10 --image web:v1'],
  [
    'load regional host with --endpoint global',
    'sim load start x -l eastus --pulls-per-minute 10 --image myregistry.westeurope.geo.azurecr.io/web:v1 --endpoint global',
  ],
  [
    'load duration too short',
    'sim load start x -l eastus --pulls-per-minute 10 --duration 5ms --image myregistry.azurecr.io/web:v1',
  ],
  ['stop unknown load', 'sim load stop nosuch'],
  ['throttle unknown registry', 'sim throttle -r nosuch'],
  ['kubectl without any cluster', 'kubectl get pods'],
  [
    'kubectl unknown context',
    'kubectl --context nope create deployment web --image=myregistry.azurecr.io/web:v1',
  ],
  ['kubectl unknown resource type', 'kubectl get widgets'],
  ['kubectl rollout of a pod', 'kubectl rollout status pod/web'],
  ['kubectl delete without a name', 'kubectl delete deployment'],
  ['kubectl use unknown context', 'kubectl config use-context nope'],
  ['kubectl no current context', 'kubectl config current-context'],
  ['cluster in an unknown region', 'sim cluster add aks --location mars'],
  ['cluster with a bad name', 'sim cluster add "a b" --location eastus'],
  ['cluster with too many nodes', 'sim cluster add aks --location eastus --nodes 101'],
);

describe('bad input: one clear line, nothing changes', () => {
  it.each(cases)('%s', (_name, line) => {
    const session = demo();
    const before = fingerprint(session);
    const out: string[] = [];
    const code = session.runLine(line, (l) => out.push(l));
    expect(code, out.join('\n')).not.toBe(0);
    expect(out, line).toHaveLength(1);
    expect(out[0]!.length).toBeLessThan(400);
    expect(out[0]).not.toMatch(/\n|at .*\.ts:\d+/);
    expect(fingerprint(session)).toBe(before);
  });
});
