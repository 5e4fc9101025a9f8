/**
 * Every example a `--help` page shows must run: each one, copied into a fresh demo world (the
 * dashboard's starting world, `sim preset demo`), exits 0. An example that acts on something the
 * demo world lacks (a webhook, a cluster, a local image) gets its set-up lines in SETUP; an example
 * that fails in the demo world whatever the set-up is listed in KNOWN_BROKEN with the error it
 * gives, and the test checks it still gives it, so fixing one means removing its entry. Nothing is
 * skipped: an example in neither list must simply work.
 */
import { describe, expect, it } from 'vitest';
import { helpPage } from './help';
import { createCommandTree } from './index';
import { parseCommand } from './parse';
import { Session } from './session';
import type { CommandSpec } from './spec';
import { tokenize } from './tokenize';

const tree = createCommandTree();

const PUSH_APP_V1 = [
  'docker build -t myregistry.azurecr.io/app:v1 .',
  'docker push myregistry.azurecr.io/app:v1',
];
const HOOKWEU =
  'az acr webhook create -r myregistry -n hookweu --uri https://example.com/hook --actions push delete --location westeurope';
const AKS_WEU = 'sim cluster add aks-weu --location westeurope';
const WEB_DEPLOYED = [
  AKS_WEU,
  'kubectl create deployment web --image=myregistry.azurecr.io/web:v1 --replicas=3',
];

/**
 * Lines run before an example, in the same demo session, to make what it acts on exist (or, for
 * `sim expect`, to print what it checks: a failing pull is the point there, so set-up lines may fail).
 */
const SETUP: Readonly<Record<string, readonly string[]>> = {
  // az acr
  'az acr import -n myregistry --source other.westeurope.geo.azurecr.io/web:v1 --image web:v1': [
    'az acr create -n other -g myrg -l westeurope --sku Premium --regional-endpoints enabled',
    'docker build -t other.azurecr.io/web:v1 .',
    'az acr login -n other',
    'docker push other.azurecr.io/web:v1',
  ],
  'az acr repository delete -n myregistry --repository app --yes': PUSH_APP_V1,
  'az acr repository delete -n myregistry --image app:v1 --yes': PUSH_APP_V1,
  'az acr repository untag -n myregistry --image app:v1': PUSH_APP_V1,
  'az acr task run -r myregistry -n buildapp': ['az acr task create -r myregistry -n buildapp -t app:latest'],
  'az acr webhook update -r myregistry -n hookweu --status disabled': [HOOKWEU],
  'az acr webhook list-events -r myregistry -n hookweu -o table': [HOOKWEU],
  'az acr webhook delete -r myregistry -n hookweu': [HOOKWEU],
  // sim
  'sim webhook receiver hookweu down -r myregistry': [HOOKWEU],
  'sim wait replicated myregistry.azurecr.io/app:v1 --timeout 10m': PUSH_APP_V1,
  'sim expect MANIFEST_UNKNOWN': ['docker pull myregistry.azurecr.io/app:v1'],
  'sim expect /served by (westeurope|northeurope)/': [
    'sim client add ci --location westeurope',
    'sim client use ci',
    'az acr login -n myregistry',
    'docker pull myregistry.azurecr.io/web:v1',
  ],
  'sim outage westeurope off': ['sim outage westeurope on'],
  'sim load stop fleet': [
    'sim load start fleet --location eastus --pulls-per-minute 3000 --image myregistry.azurecr.io/web:v1',
  ],
  'sim network private-endpoint add pe1 --registry myregistry --subnet pe-subnet': [
    'sim network subnet add pe-subnet --prefix /28',
  ],
  'sim network private-endpoint delete pe1': [
    'sim network subnet add pe-subnet --prefix /28',
    'sim network private-endpoint add pe1 --registry myregistry --subnet pe-subnet',
  ],
  // docker
  'docker build -t myregistry.azurecr.io/app:v2 --base myregistry.azurecr.io/app:v1 --size 5MB .': [
    'docker build -t myregistry.azurecr.io/app:v1 .',
  ],
  'docker tag app:v1 myregistry.azurecr.io/app:v1': ['docker build -t app:v1 .'],
  'docker push myregistry.azurecr.io/app:v1': ['docker build -t myregistry.azurecr.io/app:v1 .'],
  'docker push myregistry.westeurope.geo.azurecr.io/app:v1': [
    'docker build -t myregistry.westeurope.geo.azurecr.io/app:v1 .',
    'docker login myregistry.westeurope.geo.azurecr.io',
  ],
  'docker pull myregistry.azurecr.io/app:v1': PUSH_APP_V1,
  // kubectl
  'kubectl --context aks-weu create deployment web --image=myregistry.azurecr.io/web:v1 --replicas=3': [
    AKS_WEU,
  ],
  'kubectl get pods': WEB_DEPLOYED,
  'kubectl --context aks-weu get pods -o wide': WEB_DEPLOYED,
  'kubectl get deployments': WEB_DEPLOYED,
  'kubectl rollout status deployment/web': WEB_DEPLOYED,
  'kubectl --context aks-jpe rollout status deploy/web --timeout=2m': [
    'sim cluster add aks-jpe -l japaneast',
    'kubectl create deployment web --image=myregistry.azurecr.io/web:v1',
  ],
  'kubectl delete deployment web': WEB_DEPLOYED,
  'kubectl describe pod web': WEB_DEPLOYED,
  'kubectl config use-context aks-weu': [AKS_WEU, 'sim cluster add aks-jpe -l japaneast'],
};

/**
 * Examples that fail in the demo world and are not a matter of set-up, with the start of the
 * error they print. None today: every example is written for the demo world the dashboard starts
 * in. An entry is a defect to fix in the example, not a place to park it.
 */
const KNOWN_BROKEN: Readonly<Record<string, string>> = {};

/** The command a line parses to, or the parse error (tokenizing and parsing as the session does). */
function parsed(line: string): CommandSpec | string {
  const words = tokenize(line);
  if (!words.ok) return words.error.message;
  const outcome = parseCommand(tree, words.value);
  if (outcome.kind === 'error') return outcome.message;
  return outcome.kind === 'run' ? outcome.spec : `parses as a help request`;
}

/** Every example of every command page, with the command it belongs to. */
const EXAMPLES = tree.all().flatMap((spec) => (spec.examples ?? []).map((example) => ({ example, spec })));

function demo(): Session {
  const session = new Session({ seed: 1, tree });
  session.loadDemo();
  return session;
}

function run(session: Session, line: string): { code: number; out: string[] } {
  const out: string[] = [];
  const code = session.runLine(line, (l) => out.push(l));
  return { code, out };
}

describe('the examples on --help pages run in the demo world', () => {
  it('there are examples, each shown on its command’s --help page', () => {
    expect(EXAMPLES.length).toBeGreaterThan(50);
    for (const { example, spec } of EXAMPLES) {
      const node = tree.find(spec.path);
      expect(node && helpPage(node)).toContain(`  ${example}`);
    }
  });

  it('every example and set-up line parses, each example as the command whose page shows it', () => {
    for (const { example, spec } of EXAMPLES) expect(parsed(example), example).toBe(spec);
    for (const line of Object.values(SETUP).flat()) expect(parsed(line), line).not.toBeTypeOf('string');
  });

  it('every SETUP and KNOWN_BROKEN entry names an example that exists', () => {
    const shown = new Set(EXAMPLES.map((e) => e.example));
    for (const key of [...Object.keys(SETUP), ...Object.keys(KNOWN_BROKEN)])
      expect(shown, key).toContain(key);
  });

  it.each(EXAMPLES.map((e) => [e.spec.path.join(' '), e.example] as const))('%s: %s', (_, example) => {
    const session = demo();
    for (const line of SETUP[example] ?? []) {
      const setUp = run(session, line).out.join('\n');
      expect(setUp, `set-up line "${line}"`).not.toMatch(/internal error/);
    }
    const { code, out } = run(session, example);
    const text = out.join('\n');
    expect(text).not.toMatch(/internal error/);
    const broken = KNOWN_BROKEN[example];
    if (broken !== undefined) {
      expect(code, `fixed? remove it from KNOWN_BROKEN:\n${text}`).not.toBe(0);
      expect(out[0]).toContain(broken);
    } else {
      expect(code, `the example fails:\n${text}`).toBe(0);
    }
  });
});
