import { describe, expect, it } from 'vitest';
import { digestOf, makeManifest, MEDIA_TYPES } from './oci';
import { ReplicaStore } from './store';

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

describe('liveTagCount agrees with the tag map', () => {
  it('after puts, untags, manifest deletes and repository deletes', () => {
    const store = storeWith('a', 'b');
    const a = manifest('a');
    const b = manifest('b');
    const v = (t: number) => ({ t, region: 'eastus' });
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
