import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addClient } from './clients';
import { CLIENT_NAME, ENDPOINT_NAME, nameProblem, SUBNET_NAME } from './names';
import { addPrivateEndpoint, addSubnet } from './network';
import { Simulation } from './sim';
import { geoWorld } from './testkit';

/** Names near the rules' edges: spaces, quotes, leading punctuation, non-ASCII, long ones. */
const names = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,85}$/),
  fc.string({ unit: fc.constantFrom('a', 'Z', '7', '.', '_', '-', ' ', "'", '!', 'é', '/'), maxLength: 12 }),
);

describe('name rules (what the dashboard forms check before running a command)', () => {
  it('nameProblem accepts exactly the client names addClient accepts', () => {
    fc.assert(
      fc.property(names, (name) => {
        const sim = new Simulation({ seed: 1 });
        const added = addClient(sim, { name, location: 'westeurope' });
        expect(nameProblem(CLIENT_NAME, name) === undefined).toBe(added.ok);
      }),
    );
  });

  it('nameProblem accepts exactly the subnet and private endpoint names the network accepts', () => {
    fc.assert(
      fc.property(names, (name) => {
        const { sim } = geoWorld(['eastus']);
        const subnet = addSubnet(sim, name, '/28');
        expect(nameProblem(SUBNET_NAME, name) === undefined).toBe(subnet.ok);
        if (!subnet.ok) addSubnet(sim, 'pe', '/28');
        const endpoint = addPrivateEndpoint(sim, name, 'myregistry', subnet.ok ? name : 'pe');
        expect(nameProblem(ENDPOINT_NAME, name) === undefined).toBe(endpoint.ok);
      }),
      { numRuns: 60 },
    );
  });

  it('each rule: a letter or digit first, then letters, digits, ".", "_" or "-", up to its length', () => {
    for (const [rule, max] of [
      [CLIENT_NAME, 40],
      [SUBNET_NAME, 80],
      [ENDPOINT_NAME, 80],
    ] as const) {
      for (const ok of ['a', '7', 'pe-subnet', 'A.b_c-9', 'x'.repeat(max)])
        expect(nameProblem(rule, ok), ok).toBeUndefined();
      for (const bad of ['', '-a', '.a', '_a', 'a b', 'a!', "a'b", 'é', 'a/b', 'x'.repeat(max + 1)])
        expect(nameProblem(rule, bad), bad).toBeDefined();
    }
  });

  it('says what is wrong in one sentence', () => {
    expect(nameProblem(SUBNET_NAME, 'bad name!')).toBe(
      "A subnet name starts with a letter or digit and then has only letters, digits, '.', '_' or '-' " +
        '(80 characters at most).',
    );
    expect(nameProblem(CLIENT_NAME, 'x'.repeat(41))).toMatch(/^A client name .*\(40 characters at most\)\.$/);
    expect(nameProblem(ENDPOINT_NAME, 'pe1')).toBeUndefined();
  });
});
