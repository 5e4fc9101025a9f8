import { describe, expect, it } from 'vitest';
import { createCommandTree } from './index';
import { parseCommand } from './parse';
import { CommandTree } from './registry';
import type { CommandSpec } from './spec';

const tree = createCommandTree();
const parse = (line: string) => parseCommand(tree, line.split(' ').filter(Boolean));

describe('parsing commands defined as data', () => {
  it('finds the longest command path and reads long, short and = flags', () => {
    const r = parse('az acr replication create -r myregistry --location=westeurope --no-wait -o table');
    expect(r.kind).toBe('run');
    if (r.kind === 'run') {
      expect(r.spec.path).toEqual(['az', 'acr', 'replication', 'create']);
      expect(r.args.str('registry')).toBe('myregistry');
      expect(r.args.str('location')).toBe('westeurope');
      expect(r.args.bool('no-wait')).toBe(true);
      expect(r.args.str('output')).toBe('table');
    }
  });

  it('suggests the nearest command for a typo', () => {
    const top = parse('dockr push x');
    expect(top.kind === 'error' && top.message).toMatch(/'dockr' is not a command\. Did you mean 'docker'\?/);
    const sub = parse('az acr replcation list');
    expect(sub.kind === 'error' && sub.message).toMatch(/Did you mean 'az acr replication'\?/);
  });

  it('refuses unknown flags with a suggestion, and removed flags with a hint (B-HEALTH-7)', () => {
    const unknown = parse('az acr replication list --registy myregistry');
    expect(unknown.kind === 'error' && unknown.message).toMatch(
      /unrecognized arguments: --registy\. Did you mean --registry\?/,
    );
    const removed = parse('az acr replication update -r r -n n --region-endpoint-enabled false');
    expect(removed.kind === 'error' && removed.message).toMatch(
      /unrecognized arguments: --region-endpoint-enabled.*--global-endpoint-routing/,
    );
  });

  it('names missing required arguments', () => {
    const r = parse('az acr replication create --location westeurope');
    expect(r.kind === 'error' && r.message).toContain('the following arguments are required: --registry/-r');
  });

  it('validates choices, integers, sizes and durations', () => {
    expect(parse('az acr create -n abcde --sku Gold').kind).toBe('error');
    expect(parse('az acr create -n abcde --sku premium').kind).toBe('run');
    expect(parse('docker build -t a:b --layers 0 .').kind).toBe('error');
    expect(parse('docker build -t a:b --layers 1e3 .').kind).toBe('error');
    expect(parse('docker build -t a:b --size 12parsecs .').kind).toBe('error');
    expect(parse('sim wait replicated r.azurecr.io/a:b --timeout -5m').kind).toBe('error');
  });

  it('answers --help for commands and groups', () => {
    expect(parse('az acr replication create --help').kind).toBe('help');
    expect(parse('az acr --help').kind).toBe('help');
    expect(parse('sim').kind).toBe('help');
  });

  it('refuses surplus positional words', () => {
    const r = parse('sim time now');
    expect(r.kind === 'error' && r.message).toContain('unrecognized arguments: now');
  });
});

describe('leading (global) flags: kubectl --context before the subcommand', () => {
  it('moves --context X and --context=X after the command words', () => {
    for (const line of [
      'kubectl --context aks-weu create deployment web --image=r.azurecr.io/web:v1 --replicas=3',
      'kubectl --context=aks-weu create deployment web --image r.azurecr.io/web:v1 --replicas 3',
      'kubectl create --context aks-weu deployment web --image=r.azurecr.io/web:v1 --replicas=3',
      'kubectl create deployment web --context aks-weu --image=r.azurecr.io/web:v1 --replicas=3',
    ]) {
      const r = parse(line);
      expect(r.kind, line).toBe('run');
      if (r.kind === 'run') {
        expect(r.spec.path).toEqual(['kubectl', 'create', 'deployment']);
        expect(r.args.str('context')).toBe('aks-weu');
        expect(r.args.str('image')).toBe('r.azurecr.io/web:v1');
        expect(r.args.num('replicas')).toBe(3);
        expect(r.args.positionals).toEqual(['web']);
      }
    }
  });

  it('keeps positionals in place around a lifted flag', () => {
    const r = parse('kubectl --context aks rollout status deployment/web --timeout=2m');
    expect(r.kind).toBe('run');
    if (r.kind === 'run') {
      expect(r.spec.path).toEqual(['kubectl', 'rollout', 'status']);
      expect(r.args.positionals).toEqual(['deployment/web']);
      expect(r.args.str('context')).toBe('aks');
      expect(r.args.num('timeout')).toBe(120_000);
    }
  });

  it('reports a leading flag without a value, or given twice, in one line', () => {
    const missing = parse('kubectl get pods --context');
    expect(missing.kind === 'error' && missing.message).toBe(
      'kubectl get: --context expects a value (CLUSTER).',
    );
    const bare = parse('kubectl --context');
    expect(bare.kind).toBe('help');
    const twice = parse('kubectl --context a get pods --context b');
    expect(twice.kind === 'error' && twice.message).toContain('--context is given more than once');
  });

  it('lifts only flags that some command below declares as leading', () => {
    const unknown = parse('kubectl --bogus get pods');
    expect(unknown.kind === 'error' && unknown.message).toContain("'--bogus' is not a 'kubectl' command");
    const notLeading = parse('kubectl --image x get pods');
    expect(notLeading.kind).toBe('error');
    // Other families are untouched: az flags before the subcommand are still refused.
    const az = parse('az --registry myregistry acr replication list');
    expect(az.kind).toBe('error');
    const typo = parse('kubectl --context aks gett pods');
    expect(typo.kind === 'error' && typo.message).toMatch(
      /'gett' is not a 'kubectl' command\. Did you mean 'kubectl get'\?/,
    );
  });

  it('records leading flags on the group nodes only', () => {
    expect(tree.find(['kubectl'])!.leadingFlags?.has('--context')).toBe(true);
    expect(tree.find(['kubectl', 'create'])!.leadingFlags?.has('--context')).toBe(true);
    expect(tree.find(['kubectl', 'get'])!.leadingFlags).toBeUndefined();
    expect(tree.find(['az'])!.leadingFlags).toBeUndefined();
  });
});

describe('commands that take text verbatim', () => {
  it('sim expect reads no flags, so arrows and dashes are part of its text', () => {
    const r = parse('sim expect eastus -> westeurope -o x');
    expect(r.kind).toBe('run');
    const empty = parse('sim expect');
    expect(empty.kind === 'error' && empty.message).toContain('required');
  });
});

describe('repeatable list flags', () => {
  const spec: CommandSpec = {
    path: ['demo', 'grant'],
    summary: 'A test command.',
    flags: [
      { name: 'repository', type: 'list', repeatable: true, help: 'REPO ACTION...' },
      { name: 'tag', type: 'list', help: 'Tags.' },
    ],
    run: () => 0,
  };
  const demo = new CommandTree([spec]);
  const p = (line: string) => parseCommand(demo, line.split(' '));

  it('keeps each occurrence of a repeatable flag apart', () => {
    const r = p('demo grant --repository app content/read content/write --repository web content/read');
    expect(r.kind).toBe('run');
    if (r.kind === 'run') {
      expect(r.args.groups('repository')).toEqual([
        ['app', 'content/read', 'content/write'],
        ['web', 'content/read'],
      ]);
      expect(r.args.list('repository')).toEqual([
        'app',
        'content/read',
        'content/write',
        'web',
        'content/read',
      ]);
    }
  });

  it('still refuses other flags given twice', () => {
    const r = p('demo grant --tag a --tag b');
    expect(r.kind === 'error' && r.message).toContain('--tag is given more than once');
  });
});
