import { describe, expect, it } from 'vitest';
import { createCommandTree } from './index';
import { Session } from './session';

const tree = createCommandTree();

/** Runs lines headless and returns the output of the last one. */
function run(...lines: string[]): string[] {
  const session = new Session({ seed: 1, tree });
  session.loadDemo();
  let out: string[] = [];
  for (const line of lines) {
    out = [];
    session.runLine(line, (l) => out.push(l));
  }
  return out;
}

describe('sim network output', () => {
  it('an error from the engine is shown whole, with the number of addresses it needs', () => {
    const [message] = run(
      'sim network subnet add snet --prefix /29',
      'sim network private-endpoint add pe1 --registry myregistry --subnet snet',
    );
    expect(message).not.toContain('...');
    expect(message).toMatch(/needs? \d+/);
  });

  it('private-endpoint list lines its columns up under their headings', () => {
    const out = run(
      'sim network subnet add corp-hub-westeurope-pe-subnet-01 --prefix /26',
      'sim network private-endpoint add acr-pe-westeurope-prod --registry myregistry --subnet corp-hub-westeurope-pe-subnet-01',
      'sim network private-endpoint add pe2 --registry myregistry --subnet corp-hub-westeurope-pe-subnet-01',
      'sim network private-endpoint list',
    );
    expect(out).toHaveLength(3);
    const [header, ...rows] = out;
    for (const heading of ['REGISTRY', 'SUBNET', 'ADDRESSES']) {
      const column = header!.indexOf(heading);
      for (const row of rows) expect(row[column - 1]).toBe(' ');
    }
    expect(rows[1]!.indexOf('myregistry')).toBe(header!.indexOf('REGISTRY'));
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
  });
});
