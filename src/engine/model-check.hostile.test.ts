/**
 * Regressions from the console fuzz (issue 9), at the engine's level: error messages quote the
 * offending value cut short, so a 5,000-character paste stays one short line, and a location
 * out of range says what the range is.
 */
import { describe, expect, it } from 'vitest';
import { parseLocation } from './clients';
import { planPull } from './dataplane';
import { startLoad } from './load';
import { parseImageRef, validateDigest, validateRepository, validateTag } from './oci';
import { clipQuoted, fail, type Result } from './result';
import { parseHost } from './routing';
import { Simulation } from './sim';

const HUGE = 'x'.repeat(5_000);
const UPPER = 'X'.repeat(5_000);

function message(r: Result<unknown>): string {
  if (r.ok) throw new Error('expected a failure');
  return r.error.message;
}

describe('hostile values in engine error messages', () => {
  const sim = new Simulation({ seed: 1 });
  const cases: Array<[string, () => Result<unknown>]> = [
    ['repository name', () => validateRepository(UPPER)],
    ['tag', () => validateTag(HUGE)],
    ['digest', () => validateDigest(`sha256:${HUGE}`)],
    ['image reference', () => parseImageRef(`${HUGE}/app:v1`)],
    ['registry host', () => parseImageRef(`${' '.repeat(900)}.azurecr.io/app:v1`)],
    ['global host', () => parseHost(sim, `${HUGE}.azurecr.io`)],
    ['any host', () => parseHost(sim, HUGE)],
    ['pull from an unknown host', () => planPull(sim, `${'h'.repeat(900)}.azurecr.io/app:v1`)],
    [
      'fleet on an unknown host',
      () =>
        startLoad(sim, {
          name: 'f',
          location: 'eastus',
          pullsPerMinute: 10,
          image: `${'h'.repeat(900)}.azurecr.io/app:v1`,
        }),
    ],
  ];
  it.each(cases)('%s: the message stays short', (_name, run) => {
    const r = run();
    expect(message(r).length).toBeLessThan(250);
    if (!r.ok && r.error.value !== undefined) expect(r.error.value.length).toBeLessThanOrEqual(80);
  });

  it('a location out of range states the ranges', () => {
    expect(message(parseLocation('95,200'))).toMatch(/latitude -90 to 90, longitude -180 to 180/);
    expect(message(parseLocation('1e309,5'))).toMatch(/latitude -90 to 90, longitude -180 to 180/);
    expect(parseLocation('52.5,-0.1').ok).toBe(true);
  });
});

describe('errors about pasted values stay one short line', () => {
  it('clips every long quoted value in an engine error, whatever the code path', () => {
    const r = fail(
      'X',
      `The thing '${'f'.repeat(900)}' and "${'g'.repeat(500)}" are wrong.`,
      'h'.repeat(5_000),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message.length).toBeLessThan(220);
      expect(r.error.value!.length).toBeLessThanOrEqual(200);
    }
    expect(clipQuoted("short 'ok' stays")).toBe("short 'ok' stays");
  });
});
