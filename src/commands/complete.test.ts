import { describe, expect, it } from 'vitest';
import { complete } from './complete';
import { createCommandTree } from './index';
import { Session } from './session';

const tree = createCommandTree();
const session = new Session({ seed: 1, tree });
session.loadDemo();

describe('tab completion from the command definitions', () => {
  it('completes top-level commands and subcommands', () => {
    expect(complete(tree, session, 'doc').candidates).toEqual(['docker']);
    expect(complete(tree, session, 'az acr rep').candidates).toEqual(['replication', 'repository']);
    expect(complete(tree, session, 'az acr replication ').candidates).toContain('create');
  });

  it('completes the topic after help as it completes a command', () => {
    expect(complete(tree, session, 'help doc')).toEqual({ candidates: ['docker'], replaceFrom: 5 });
    expect(complete(tree, session, 'help  az acr rep')).toEqual({
      candidates: ['replication', 'repository'],
      replaceFrom: 13,
    });
  });

  it('completes flags and their values', () => {
    expect(complete(tree, session, 'az acr replication create --loc').candidates).toEqual(['--location']);
    expect(complete(tree, session, 'az acr replication create -r myregistry -l westeu').candidates).toEqual([
      'westeurope',
    ]);
    expect(complete(tree, session, 'az acr replication list -r my').candidates).toEqual(['myregistry']);
    expect(complete(tree, session, 'az acr create --sku P').candidates).toEqual(['Premium']);
  });

  it('reports where the completed word starts', () => {
    const line = 'sim client use d';
    const c = complete(tree, session, line);
    expect(c.candidates).toEqual(['dev']);
    expect(c.replaceFrom).toBe(line.length - 1);
  });
});

describe('completion around kubectl --context', () => {
  const s = new Session({ seed: 1, tree });
  s.loadDemo();
  s.runLine('sim cluster add aks-weu --location westeurope', () => undefined);
  s.runLine('sim cluster add aks-jpe --location japaneast', () => undefined);

  it('completes cluster names for --context, before or after the subcommand', () => {
    expect(complete(tree, s, 'kubectl --context aks-').candidates).toEqual(['aks-jpe', 'aks-weu']);
    expect(complete(tree, s, 'kubectl get pods --context aks-w').candidates).toEqual(['aks-weu']);
    expect(complete(tree, s, 'kubectl config use-context aks-j').candidates).toEqual(['aks-jpe']);
  });

  it('completes subcommands after a leading --context', () => {
    expect(complete(tree, s, 'kubectl --context aks-weu ro').candidates).toEqual(['rollout']);
    expect(complete(tree, s, 'kubectl --context=aks-weu ge').candidates).toEqual(['get']);
  });
});
