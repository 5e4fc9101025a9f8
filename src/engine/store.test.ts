import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestOf, makeManifest, MEDIA_TYPES, type Manifest } from './oci';
import { ReplicaStore, TagMap, type TagRecord } from './store';

function manifest(seed: string) {
  const config = { digest: digestOf(`c${seed}`), size: 10, mediaType: MEDIA_TYPES.config };
  const layer = { digest: digestOf(`l${seed}`), size: 100, mediaType: MEDIA_TYPES.layer };
  return makeManifest(config, [layer]);
}

function storeWith(...seeds: string[]) {
  const store = new ReplicaStore();
  for (const s of seeds) {
    const m = manifest(s);
    store.addBlob(m.config.digest, m.config.size);
    for (const l of m.layers) store.addBlob(l.digest, l.size);
  }
  return store;
}

/** A store holding the blobs of images `a` and `b` (no manifests yet), and versions by time. */
function twoImages() {
  return {
    store: storeWith('a', 'b'),
    a: manifest('a'),
    b: manifest('b'),
    v: (t: number) => ({ t, region: 'eastus' }),
  };
}

describe('liveTagCount agrees with the tag map', () => {
  it('after puts, untags, manifest deletes and repository deletes', () => {
    const { store, a, b, v } = twoImages();
    store.putManifest('app', a, v(1));
    store.putTag('app', 'v1', a.digest, v(1));
    store.putTag('app', 'v2', a.digest, v(2));
    store.putManifest('web', b, v(3));
    store.putTag('web', 'v1', b.digest, v(3));
    expect(store.liveTagCount()).toBe(3);
    store.putTag('app', 'v2', null, v(4));
    expect(store.liveTagCount()).toBe(store.tagMap().size);
    store.deleteManifest('app', a, v(5));
    expect(store.liveTagCount()).toBe(1);
    store.deleteRepository('web', v(6));
    expect(store.liveTagCount()).toBe(0);
    expect(store.tagMap().size).toBe(0);
  });
});

describe('taggedManifest is the manifest resolveTag names, in one lookup', () => {
  it('through puts, retags, untags, manifest deletes and repository deletes', () => {
    const { store, a, b, v } = twoImages();
    const agree = () => {
      for (const repo of ['app', 'web', 'none'])
        for (const tag of ['v1', 'v2', 'v3']) {
          const digest = store.resolveTag(repo, tag);
          expect(store.taggedManifest(repo, tag)).toBe(digest ? store.manifest(repo, digest) : undefined);
        }
    };
    const steps = [
      () => store.putManifest('app', a, v(1)),
      () => store.putTag('app', 'v1', a.digest, v(1)),
      () => store.putTag('app', 'v2', a.digest, v(2)),
      () => store.putManifest('app', b, v(3)),
      () => store.putTag('app', 'v1', b.digest, v(3)),
      () => store.putTag('web', 'v3', b.digest, v(4)),
      () => store.putManifest('web', b, v(5)),
      () => store.putTag('app', 'v2', null, v(6)),
      () => store.deleteManifest('app', b, v(7)),
      () => store.deleteRepository('web', v(8)),
    ];
    let resolved = 0;
    for (const step of steps) {
      step();
      agree();
      if (store.taggedManifest('app', 'v1')) resolved++;
    }
    expect(resolved).toBeGreaterThan(0);
    expect(store.taggedManifest('app', 'v1')).toBeUndefined();
  });

  it('the same answers whether a tag write passes its manifest or only its digest', () => {
    const { store: byText, a, b, v } = twoImages();
    const byManifest = twoImages().store;
    for (const store of [byText, byManifest]) {
      store.putManifest('app', a, v(1));
      store.putManifest('app', b, v(2));
    }
    const writes: Array<[string, Manifest | null, number]> = [
      ['v1', a, 3],
      ['v2', b, 4],
      ['v1', b, 5],
      ['v2', null, 6],
      ['v3', a, 7],
    ];
    for (const [tag, m, t] of writes) {
      byText.putTag('app', tag, m?.digest ?? null, v(t));
      byManifest.putTag('app', tag, m, v(t));
      for (const name of ['v1', 'v2', 'v3'])
        expect(byManifest.taggedManifest('app', name)).toBe(byText.taggedManifest('app', name));
    }
    expect(byManifest.taggedManifest('app', 'v1')).toBe(b);
    expect(byManifest.taggedManifest('app', 'v3')).toBe(a);
    byManifest.deleteManifest('app', a, v(8));
    expect(byManifest.taggedManifest('app', 'v3')).toBeUndefined();
  });
});

describe('TagMap behaves like a Map keyed by tag name', () => {
  // Ids are process-wide, minted on first use. The pool names `t0`…`t40` are minted first, so
  // their ids are small and stay in the array; `far-N` names are minted fresh as they are drawn,
  // beyond what the array covers, so they start in the map and move over as the array grows.
  const blank: TagRecord = { digest: null, version: { t: 0, region: 'x' } };
  for (let i = 0; i <= 40; i++) new TagMap().set(`t${i}`, blank);
  let fresh = 0;
  const name = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map((i) => `t${i}`),
    fc.constant(null).map(() => `far-${fresh++}`),
  );
  const op = fc.tuple(name, fc.integer({ min: 0, max: 1_000 }));

  it('same records, size, lookups and iteration order after any sequence of sets', () => {
    let withFarNames = 0;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const tags = new TagMap();
        const model = new Map<string, TagRecord>();
        for (const [tag, t] of ops) {
          const rec: TagRecord = { digest: null, version: { t, region: 'eastus' } };
          tags.set(tag, rec);
          model.set(tag, rec);
          expect(tags.get(tag)).toBe(rec);
        }
        expect(tags.size).toBe(model.size);
        expect([...tags.keys()]).toEqual([...model.keys()]);
        expect([...tags.values()]).toEqual([...model.values()]);
        expect([...tags]).toEqual([...model]);
        for (const [tag, rec] of model) expect(tags.get(tag)).toBe(rec);
        expect(tags.get('never-set-anywhere')).toBeUndefined();
        if (ops.some(([tag]) => tag.startsWith('far-'))) withFarNames++;
      }),
      { numRuns: 200 },
    );
    expect(withFarNames).toBeGreaterThan(50);
  });
});
