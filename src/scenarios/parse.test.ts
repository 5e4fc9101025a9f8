import { afterEach, describe, expect, it, vi } from 'vitest';
import { scenarioById } from './library';
import { parseScenarioFile } from './parse';
import { MAX_SCENARIO_BYTES } from './schema';

const valid = () => JSON.parse(JSON.stringify(scenarioById('start-here'))) as Record<string, unknown>;

function error(text: string): string {
  const r = parseScenarioFile(text);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
}

afterEach(() => vi.restoreAllMocks());

describe('parseScenarioFile', () => {
  it('accepts a library scenario written out as JSON', () => {
    const r = parseScenarioFile(JSON.stringify(valid(), null, 2));
    expect(r.ok).toBe(true);
    expect(r.ok && r.scenario.id).toBe('start-here');
  });

  it('fills the defaults (seed, regions, pause) of a minimal file', () => {
    const r = parseScenarioFile(
      JSON.stringify({
        format: 'acr-lab-scenario/1',
        id: 'minimal',
        title: 'Minimal',
        teaches: 'Nothing much.',
        steps: [{ title: 'One', narrative: 'Just one command.', actions: [{ run: 'sim time' }] }],
        tryThis: ['More.'],
      }),
    );
    expect(r.ok && r.scenario.seed).toBe(1);
    expect(r.ok && r.scenario.steps[0]).toMatchObject({ regions: [], pause: false });
  });

  it('refuses a file over the size cap before parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const big = `{"x":"${'a'.repeat(MAX_SCENARIO_BYTES)}"}`;
    expect(error(big)).toMatch(new RegExp(`larger than ${MAX_SCENARIO_BYTES} bytes`));
    // Multi-byte characters count as the bytes they take, not as one character each.
    expect(error('é'.repeat(MAX_SCENARIO_BYTES / 2 + 1))).toMatch(/larger than/);
    expect(error('😀'.repeat(MAX_SCENARIO_BYTES / 4 + 1))).toMatch(/larger than/);
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses text that is not JSON with one line', () => {
    for (const text of ['', '{', 'scenario: yes', '{"id": "x",}']) {
      const e = error(text);
      expect(e).toMatch(/^not valid JSON \(/);
      expect(e).not.toContain('\n');
    }
  });

  it('does not quote a binary file back: it says it is not text', () => {
    expect(error('\u0089PNG\r\n\u001a\n\u0000\ufffd')).toBe(
      'not valid JSON: it does not even look like text',
    );
  });

  it('drops __proto__, constructor and prototype keys: no prototype pollution', () => {
    const text = JSON.stringify(valid()).replace(
      /^\{/,
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted2":"yes"}},',
    );
    const r = parseScenarioFile(text);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    if (r.ok) expect(Object.getPrototypeOf(r.scenario)).toBe(Object.prototype);
    // Nested ones too.
    const nested = valid();
    (nested.steps as Array<Record<string, unknown>>)[0]!.actions = JSON.parse(
      '[{"run":"sim time","__proto__":{"polluted3":true}}]',
    );
    const r2 = parseScenarioFile(
      JSON.stringify(nested).replace('"run":"sim time"', '"run":"sim time","__proto__":{"polluted3":true}'),
    );
    expect(r2.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted3).toBeUndefined();
  });

  it('names the path of the first schema problem, on one line', () => {
    const missing = valid();
    delete (missing as { title?: unknown }).title;
    expect(error(JSON.stringify(missing))).toMatch(/^not a valid scenario: title: /);

    const badExpect = valid();
    const steps = badExpect.steps as Array<{ actions: unknown[] }>;
    steps[1]!.actions[1] = { expect: 'Creating' };
    expect(error(JSON.stringify(badExpect))).toMatch(/^not a valid scenario: steps\[1\]\.actions\[1\]/);

    const extra = { ...valid(), colour: 'blue' };
    expect(error(JSON.stringify(extra))).toMatch(/^not a valid scenario: .*colour/);

    const wrongFormat = { ...valid(), format: 'acr-lab-scenario/0' };
    expect(error(JSON.stringify(wrongFormat))).toMatch(/^not a valid scenario: format: /);

    const expectAsCommand = valid();
    (expectAsCommand.steps as Array<{ actions: unknown[] }>)[0]!.actions[0] = { run: 'sim expect x' };
    expect(error(JSON.stringify(expectAsCommand))).toMatch(
      /steps\[0\]\.actions\[0\]\.run: write checkpoints as/,
    );

    const checkpointFirst = valid();
    (checkpointFirst.steps as Array<{ actions: unknown[] }>)[0]!.actions.unshift({ expect: 'x', says: 'y' });
    expect(error(JSON.stringify(checkpointFirst))).toMatch(
      /steps\[0\]\.actions\[0\]: the first action must run a command/,
    );

    expect(error('[]')).toMatch(/^not a valid scenario: \(the whole file\): /);
    expect(error('null')).not.toContain('\n');
  });

  it('never throws, whatever it is given', () => {
    for (const text of ['1', '"x"', 'true', '{"steps": {"__proto__": []}}', '{"format": null}']) {
      expect(() => parseScenarioFile(text)).not.toThrow();
    }
    expect(parseScenarioFile(42 as unknown as string).ok).toBe(false);
  });
});

describe('a bad scenario id says what is wrong with it', () => {
  const withId = (id: unknown): string => error(JSON.stringify({ ...valid(), id }));

  it.each([
    ['x', /^not a valid scenario: id: an id is 2 to 63 characters long$/],
    ['', /^not a valid scenario: id: an id is 2 to 63 characters long$/],
    ['a'.repeat(64), /^not a valid scenario: id: an id is 2 to 63 characters long$/],
    ['Start-Here', /^not a valid scenario: id: lower-case letters, digits and dashes/],
    ['start here', /^not a valid scenario: id: lower-case letters, digits and dashes/],
    ['-start', /^not a valid scenario: id: .*starting with a letter or digit$/],
  ])('%j', (id, message) => {
    expect(withId(id)).toMatch(message);
  });

  it('accepts ids of 2 and 63 characters', () => {
    for (const id of ['ab', 'a'.repeat(63), '0-9']) {
      expect(parseScenarioFile(JSON.stringify({ ...valid(), id })).ok).toBe(true);
    }
  });
});
