import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../context';
import { azError } from '../format';
import { createCommandTree } from '../index';
import { Session } from '../session';

const tree = createCommandTree();

function run(session: Session, line: string): string[] {
  const out: string[] = [];
  session.runLine(line, (l) => out.push(l));
  return out;
}

describe('B-AUTH-1 AuthorizationFailed names the whole scope', () => {
  it('the scope is a resource id the program built: never clipped, so the registry it names shows', () => {
    const session = new Session({ seed: 1, tree });
    const group = `rg-${'platform-'.repeat(8)}prod`; // 79 characters, a valid resource group
    const name = `registry${'x'.repeat(42)}`; // 50 characters, the longest registry name
    expect(run(session, `az acr create -n ${name} -g ${group} -l eastus --sku Premium`).join('\n')).toContain(
      `"name": "${name}"`,
    );
    run(session, 'sim identity add auditor --role Reader');
    run(session, 'sim identity use auditor');
    const out = run(session, `az acr replication create -r ${name} -l westeurope`);
    const scope = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${group}/providers/Microsoft.ContainerRegistry/registries/${name}`;
    expect(out.at(-1)).toBe(
      `(AuthorizationFailed) The client 'auditor' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/replications/write' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  });

  it('in the demo world too: the scope ends with /registries/myregistry', () => {
    const session = new Session({ seed: 1, tree });
    session.loadDemo();
    run(session, 'sim identity add auditor --role Reader');
    run(session, 'sim identity use auditor');
    const [error] = run(session, 'az acr replication create -r myregistry -l japaneast').filter((l) =>
      l.startsWith('(AuthorizationFailed)'),
    );
    expect(error).toContain(
      "/resourceGroups/myrg/providers/Microsoft.ContainerRegistry/registries/myregistry'",
    );
    expect(error).not.toContain('...');
  });
});

describe('azError still clips what a user pasted', () => {
  function printed(message: string, options?: { clip?: boolean }): string[] {
    const out: string[] = [];
    const ctx = { out: (l: string) => out.push(l) } as unknown as CommandContext;
    expect(azError(ctx, 'InvalidName', message, options)).toBe(1);
    return out;
  }

  it('a long quoted value is cut to 80 characters by default, kept whole with { clip: false }', () => {
    const pasted = 'a'.repeat(500);
    expect(printed(`the name '${pasted}' is invalid.`)).toEqual([
      `(InvalidName) the name '${'a'.repeat(77)}...' is invalid.`,
    ]);
    expect(printed(`the name '${pasted}' is invalid.`, { clip: false })).toEqual([
      `(InvalidName) the name '${pasted}' is invalid.`,
    ]);
  });
});
