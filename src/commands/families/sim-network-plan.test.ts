import { describe, expect, it } from 'vitest';
import { createCommandTree } from '../index';
import { Session } from '../session';

const tree = createCommandTree();

/** Runs lines in the demo world and returns the exit code and output of the last one. */
function run(...lines: string[]): { code: number; out: string[] } {
  const session = new Session({ seed: 1, tree });
  session.loadDemo();
  let out: string[] = [];
  let code = 0;
  for (const line of lines) {
    out = [];
    code = session.runLine(line, (l) => out.push(l));
  }
  return { code, out };
}

describe('sim network plan --add-replica (B-PE-2 what-if)', () => {
  it.each(['westeurope', 'WestEurope', 'eastus'])(
    'refuses %s, where the demo registry already has a replica, in the words of az acr replication create',
    (region) => {
      const planned = run('sim network plan --registry myregistry --add-replica ' + region);
      const created = run('az acr replication create -r myregistry -l ' + region);
      expect(created.out[0]).toMatch(/^\(ReplicationAlreadyExists\) /);
      expect(planned.code).not.toBe(0);
      expect(planned.out).toEqual([`sim network plan: ${created.out[0]}`]);
    },
  );

  it('plans a region without a replica', () => {
    const { code, out } = run(
      'sim network subnet add snet --prefix /26',
      'sim network private-endpoint add pe1 --registry myregistry --subnet snet',
      'sim network plan -r myregistry --add-replica southeastasia',
    );
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^per private endpoint after the change: /);
  });

  it('its help example adds a region that has no replica yet', () => {
    const examples = run('sim network plan --help').out.filter((l) => l.includes('--add-replica'));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example).not.toMatch(/westeurope|eastus\b/);
  });
});
