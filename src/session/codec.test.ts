import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSessionJson, decodeShare, encodeSessionJson, encodeShare, shareFromHash } from './codec';
import { emptySession, LIMITS, SESSION_FORMAT, type SessionDoc } from './schema';

const sample = (): SessionDoc => ({
  ...emptySession(42, 'demo'),
  log: [
    { t: 0, line: 'az acr replication create -r myregistry -l japaneast' },
    { t: 5_000, line: 'docker push myregistry.azurecr.io/app:v1' },
    { t: 6_000, cancel: 1 },
  ],
  head: 90_000,
  now: 60_000,
  layout: { theme: 'light', registry: 'myregistry', speed: 600, playing: false },
});

describe('session documents', () => {
  it('round-trip through JSON and through a share payload unchanged', () => {
    const doc = sample();
    expect(decodeSessionJson(encodeSessionJson(doc))).toEqual({ ok: true, doc });
    const payload = encodeShare(doc);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShare(payload)).toEqual({ ok: true, doc });
  });

  it('finds the payload in a location hash', () => {
    expect(shareFromHash('#s=abc')).toBe('abc');
    expect(shareFromHash('#x=1&s=abc')).toBe('abc');
    expect(shareFromHash('#nothing')).toBeUndefined();
  });

  it('migrates a version 1 document (no forks yet) to the current version', () => {
    const v1 = {
      format: SESSION_FORMAT,
      version: 1,
      seed: 7,
      preset: 'empty',
      log: [],
      now: 1000,
      layout: {},
    };
    const r = decodeSessionJson(JSON.stringify(v1));
    expect(r).toEqual({ ok: true, doc: { ...v1, version: 2, worldStart: 0, head: 1000, branches: [] } });
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    [
      'a binary file (no bytes quoted back)',
      '\u0089PNG\r\n\u001a\n\u0000\ufffd',
      /^it is not valid JSON: it does not even look like text$/,
    ],
    ['an array', '[]', /not a session object/],
    ['another format', JSON.stringify({ format: 'x', version: 1 }), /not an acr-lab-session/],
    ['a newer version', JSON.stringify({ ...sample(), version: 99 }), /newer version/],
    ['a negative seed', JSON.stringify({ ...sample(), seed: -1 }), /^seed:/],
    ['time beyond the horizon', JSON.stringify({ ...sample(), now: 1e12, head: 1e12 }), /^now:|^head:/],
    ['a huge line', JSON.stringify({ ...sample(), log: [{ t: 0, line: 'x'.repeat(9000) }] }), /^log\.0/],
    ['now after head', JSON.stringify({ ...sample(), now: 100_000 }), /^now: is after the head/],
    ['a cancel of a later command', JSON.stringify({ ...sample(), log: [{ t: 0, cancel: 0 }] }), /later/],
    ['worldStart past the log', JSON.stringify({ ...sample(), worldStart: 10 }), /worldStart/],
    ['an unknown key', JSON.stringify({ ...sample(), extra: 1 }), /extra|Unrecognized/],
    ['NaN time (as null)', JSON.stringify({ ...sample(), now: NaN }), /^now:/],
  ])('refuses %s with a one-line reason', (_name, text, reason) => {
    const r = decodeSessionJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(reason);
      expect(r.error).not.toMatch(/\n/);
    }
  });

  it('refuses oversized JSON before parsing it', () => {
    const r = decodeSessionJson(' '.repeat(LIMITS.maxJsonBytes + 1));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/larger than/) });
  });

  it('never lets __proto__ in a document reach Object.prototype', () => {
    const text = `{"__proto__":{"polluted":1},"format":"${SESSION_FORMAT}","version":2,"seed":1,"preset":"demo","log":[],"worldStart":0,"head":0,"now":0,"branches":[],"layout":{"__proto__":{"polluted":2}}}`;
    const r = decodeSessionJson(text);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a decompression bomb without expanding it', () => {
    const bomb = deflateSync(strToU8(' '.repeat(64 * 1024 * 1024)));
    const payload = Buffer.from(bomb).toString('base64url');
    const r = decodeShare(payload);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/expands beyond/) });
  });

  it.each([
    ['damaged base64', '!!!', /damaged/],
    ['empty', '', /damaged/],
    ['random bytes', Buffer.from('hello world, not deflate').toString('base64url'), /damaged|JSON/],
    ['cut short', encodeShare(sample()).slice(0, 40), /damaged|JSON/],
    ['too long', 'A'.repeat(300_000), /too long/],
  ])('refuses a share payload that is %s', (_name, payload, reason) => {
    const r = decodeShare(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });

  it('never throws on arbitrary payloads or JSON', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        expect(decodeShare(s).ok).toBe(false);
        decodeSessionJson(s);
      }),
      { numRuns: 300 },
    );
  });
});
