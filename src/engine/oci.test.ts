import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Digest } from './types';
import {
  DigestIndex,
  DigestMap,
  digestOf,
  makeManifest,
  MEDIA_TYPES,
  parseImageRef,
  validateDigest,
  validateRepository,
  validateTag,
} from './oci';

describe('B-REG-3 OCI name, tag and digest grammar', () => {
  it.each(['app', 'team/app', 'a.b_c__d-e', 'a--b', 'x/y/z9'])('accepts repository %s', (name) => {
    expect(validateRepository(name).ok).toBe(true);
  });

  it.each(['App', '-app', 'app-', 'a//b', 'a..b', 'a___b', '', 'team/', 'ü'])(
    'refuses repository %j with NAME_INVALID',
    (name) => {
      const r = validateRepository(name);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('NAME_INVALID');
        expect(r.error.value).toBe(name);
      }
    },
  );

  it('accepts tags up to 128 characters and refuses longer ones with TAG_INVALID', () => {
    expect(validateTag('v1.0_rc-2').ok).toBe(true);
    expect(validateTag('a'.repeat(128)).ok).toBe(true);
    const long = validateTag('a'.repeat(129));
    expect(long.ok || long.error.code).toBe('TAG_INVALID');
  });

  it.each(['.v1', '-v1', 'v 1', 'v1!', ''])('refuses tag %j with TAG_INVALID naming it', (tag) => {
    const r = validateTag(tag);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'TAG_INVALID', value: tag });
  });

  it.each(['sha256:abc', 'sha512:' + 'a'.repeat(64), 'sha256:' + 'A'.repeat(64), 'sha256:' + 'g'.repeat(64)])(
    'refuses digest %s with DIGEST_INVALID',
    (d) => {
      const r = validateDigest(d);
      expect(r.ok || r.error.code).toBe('DIGEST_INVALID');
    },
  );

  it('parses references the way docker does', () => {
    const r = parseImageRef('myregistry.azurecr.io/team/app:v1');
    expect(r.ok && r.value).toEqual({
      host: 'myregistry.azurecr.io',
      repository: 'team/app',
      tag: 'v1',
      digest: undefined,
    });
    const local = parseImageRef('app');
    expect(local.ok && local.value).toEqual({
      host: undefined,
      repository: 'app',
      tag: 'latest',
      digest: undefined,
    });
    const d = 'sha256:' + 'a'.repeat(64);
    const byDigest = parseImageRef(`myregistry.westeurope.geo.azurecr.io/app@${d}`);
    expect(byDigest.ok && byDigest.value.digest).toBe(d);
  });

  it('reports the offending part of a bad reference', () => {
    const r = parseImageRef('myregistry.azurecr.io/App:v1');
    expect(r.ok || r.error).toMatchObject({ code: 'NAME_INVALID', value: 'App' });
    const t = parseImageRef('myregistry.azurecr.io/app:-bad');
    expect(t.ok || t.error).toMatchObject({ code: 'TAG_INVALID', value: '-bad' });
    const g = parseImageRef('myregistry.azurecr.io/app@sha256:123');
    expect(g.ok || g.error).toMatchObject({ code: 'DIGEST_INVALID', value: 'sha256:123' });
  });
});

describe('manifests have real sha256 digests over canonical JSON', () => {
  it('digestOf matches node:crypto', () => {
    const hex = createHash('sha256').update('hello').digest('hex');
    expect(digestOf('hello')).toBe(`sha256:${hex}`);
  });

  it('the manifest digest is the hash of its JSON and size is its byte length', () => {
    const config = { digest: digestOf('c'), size: 10, mediaType: MEDIA_TYPES.config };
    const layer = { digest: digestOf('l'), size: 100, mediaType: MEDIA_TYPES.layer };
    const m = makeManifest(config, [layer]);
    const json = JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.manifest,
      config: { mediaType: config.mediaType, digest: config.digest, size: 10 },
      layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: 100 }],
    });
    expect(m.digest).toBe(`sha256:${createHash('sha256').update(json).digest('hex')}`);
    expect(m.size).toBe(Buffer.byteLength(json));
    expect(m.contentSize).toBe(110);
  });
});

describe('DigestMaps sharing an index behave like separate Maps keyed by digest', () => {
  const pool = Array.from({ length: 30 }, (_, i) => digestOf(`shared-index-${i}`));
  const op = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: pool.length - 1 }), fc.nat());

  it('same entries, sizes, lookups and iteration order after any sequence of sets', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const index = new DigestIndex<{ n: number }>();
        const maps = [0, 1, 2, 3].map(() => new DigestMap(index));
        const models = [0, 1, 2, 3].map(() => new Map<Digest, { n: number }>());
        for (const [m, d, n] of ops) {
          const value = { n };
          maps[m]!.set(pool[d]!, value);
          models[m]!.set(pool[d]!, value);
          expect(maps[m]!.get(pool[d]!)).toBe(value);
        }
        maps.forEach((map, m) => {
          const model = models[m]!;
          expect(map.size).toBe(model.size);
          expect([...map.keys()]).toEqual([...model.keys()]);
          expect([...map.values()]).toEqual([...model.values()]);
          expect([...map]).toEqual([...model]);
          for (const d of pool) {
            expect(map.has(d)).toBe(model.has(d));
            expect(map.get(d)).toBe(model.get(d));
          }
          expect(map.get(digestOf('never stored anywhere'))).toBeUndefined();
        });
      }),
      { numRuns: 300 },
    );
  });
});
