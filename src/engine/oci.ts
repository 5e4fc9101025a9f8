import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { clip, fail, ok, type Result } from './result';
import type { Bytes, Digest } from './types';

/** OCI distribution-spec grammar (SPEC 2.3). */
const REPOSITORY = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/;

/** Repository names longer than this are refused, as registries do. */
const MAX_REPOSITORY_LENGTH = 255;

export const MEDIA_TYPES = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

export function validateRepository(name: string): Result<string> {
  if (name.length > MAX_REPOSITORY_LENGTH || !REPOSITORY.test(name)) {
    return fail('NAME_INVALID', `invalid repository name "${clip(name)}"`, clip(name));
  }
  return ok(name);
}

export function validateTag(tag: string): Result<string> {
  if (!TAG.test(tag)) return fail('TAG_INVALID', `invalid tag "${clip(tag)}"`, clip(tag));
  return ok(tag);
}

export function validateDigest(digest: string): Result<Digest> {
  if (!DIGEST.test(digest)) return fail('DIGEST_INVALID', `invalid digest "${clip(digest)}"`, clip(digest));
  return ok(digest as Digest);
}

/** The sha256 digest of a UTF-8 string, in OCI form. */
export function digestOf(text: string): Digest {
  return flatDigest(sha256(utf8ToBytes(text)));
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DIGEST_PREFIX_CODES = Array.from('sha256:', (c) => c.charCodeAt(0));

/**
 * `sha256:` + hex, built as one flat string. Joining pieces (a template literal, or a hex string
 * built by `+=`) gives a rope of linked pieces instead; digests are the keys of the engine's
 * busiest maps (blobs, manifests), and every lookup with a rope key pays for the indirection.
 */
function flatDigest(hash: Uint8Array): Digest {
  const codes = DIGEST_PREFIX_CODES.slice();
  for (const byte of hash) codes.push(HEX_CODES[byte >> 4]!, HEX_CODES[byte & 15]!);
  return String.fromCharCode(...codes) as Digest;
}

/** A parsed image reference: `[HOST/]REPO[:TAG][@DIGEST]`. */
export interface ImageRef {
  /** Registry host, or undefined for a local-only name such as `myapp:v1`. */
  readonly host: string | undefined;
  readonly repository: string;
  /** The tag; `latest` when neither tag nor digest was given. */
  readonly tag: string | undefined;
  readonly digest: Digest | undefined;
}

/**
 * Parses an image reference the way docker does: the first path component is a host when it
 * contains a dot or a colon or is `localhost`. Grammar errors carry the OCI code and the bad part.
 */
export function parseImageRef(text: string): Result<ImageRef> {
  if (text.length === 0 || text.length > 1024)
    return fail('NAME_INVALID', `invalid reference "${text.slice(0, 80)}"`, text.slice(0, 80));
  let rest = text;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = validateDigest(rest.slice(at + 1));
    if (!d.ok) return d;
    digest = d.value;
    rest = rest.slice(0, at);
  }
  let host: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      if (!HOST.test(first))
        return fail('NAME_INVALID', `invalid registry host "${clip(first)}"`, clip(first));
      host = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    const t = validateTag(rest.slice(colon + 1));
    if (!t.ok) return t;
    tag = t.value;
    rest = rest.slice(0, colon);
  }
  const repo = validateRepository(rest);
  if (!repo.ok) return repo;
  if (tag === undefined && digest === undefined) tag = 'latest';
  return ok({ host, repository: repo.value, tag, digest });
}

/** Formats a reference back to text, e.g. `myregistry.azurecr.io/app:v1`. */
export function formatImageRef(ref: ImageRef): string {
  // Joined rather than concatenated: the result is a client's image-map key on every push and
  // pull, and a flat string hashes and compares without first being copied (see flatDigest).
  const parts: string[] = [];
  if (ref.host) parts.push(ref.host, '/');
  parts.push(ref.repository);
  if (ref.tag !== undefined) parts.push(':', ref.tag);
  if (ref.digest !== undefined) parts.push('@', ref.digest);
  return parts.join('');
}

/**
 * The canonical text of `ref`, parsed from `text`: `text` itself when it already is canonical.
 * Client image stores are keyed by this; handing back the caller's own string (rather than an
 * equal copy) lets a caller that keeps its references — a script, a load generator — find its
 * images by a key whose hash is already computed and that compares equal by identity, without
 * reading the stored key's characters.
 */
export function canonicalRef(text: string, ref: ImageRef): string {
  const formatted = formatImageRef(ref);
  return formatted === text ? text : formatted;
}

/** A content-addressed blob as referenced from a manifest. */
export interface BlobRef {
  readonly digest: Digest;
  readonly size: Bytes;
  readonly mediaType: string;
}

/** An OCI image manifest. Its digest is the sha256 of its canonical JSON. */
export interface Manifest {
  readonly digest: Digest;
  /** Size of the manifest JSON in bytes (what `docker push` prints as `size:`). */
  readonly size: Bytes;
  readonly config: BlobRef;
  readonly layers: readonly BlobRef[];
  /** Total compressed size of config and layers. */
  readonly contentSize: Bytes;
}

/**
 * Small integer ids for blob digests, shared by every store, so a replica can answer "do you hold
 * this blob?" from a byte array instead of its digest-keyed map. Those maps grow to ~150,000
 * entries in a busy run, and each lookup compares against 71-character key strings scattered
 * across the heap: cache misses that made blob checks one of the engine's largest costs. An id
 * only says which digest a blob is; nothing observable depends on its value, so sharing the
 * table across simulations cannot change any run.
 */
const digestIds = new Map<string, number>();
/** Digest by id, the reverse of `digestIds`. */
const digestsById: Digest[] = [];

/** The id of a digest (looked up once per blob reference, then cached on it; see `blobId`). */
export function digestId(digest: Digest): number {
  let id = digestIds.get(digest);
  if (id === undefined) {
    id = digestsById.length;
    digestIds.set(digest, id);
    digestsById.push(digest);
  }
  return id;
}

/** The id of a digest if it has one (queries must not grow the table), else -1. */
export function knownDigestId(digest: Digest): number {
  return digestIds.get(digest) ?? -1;
}

/**
 * Where a blob reference or manifest caches its digest's id: a symbol-keyed, non-enumerable
 * property, so JSON, structured clones, spreads and deep-equality checks never see it.
 */
const BLOB_ID = Symbol('blobId');
type WithId = { readonly digest: Digest; [BLOB_ID]?: number };

/** The id of a blob reference's (or a manifest's) digest, cached on it after the first ask. */
export function blobId(ref: { readonly digest: Digest }): number {
  const cached = (ref as WithId)[BLOB_ID];
  if (cached !== undefined) return cached;
  const id = digestId(ref.digest);
  if (Object.isExtensible(ref)) Object.defineProperty(ref, BLOB_ID, { value: id });
  return id;
}

/**
 * `array` grown (doubling) to hold index `id`. Tables indexed by id are flat arrays: a lookup is
 * one read. Ids are process-wide, so a table's length follows the largest id it holds (4 bytes
 * per id ever interned, per table): about 1 MB per replica after the engine benchmark, a few
 * KB in a console session. Paged arrays would bound that but cost ~10 % of the engine benchmark.
 */
export function growIndex<A extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(
  array: A,
  id: number,
): A {
  let n = array.length * 2;
  while (n <= id) n *= 2;
  const grown = new (array.constructor as new (length: number) => A)(n);
  grown.set(array);
  return grown;
}

/**
 * Where a group of `DigestMap`s — one replica's repositories — keep their entries: a flat array
 * indexed by digest id says which map of the group first stored that digest, and the entry sits
 * next to it. A digest is nearly always in one repository, and the entries of recent digests
 * (recent ids, appended last) lie together, so a write a replica applies reads two nearby words
 * where a hash table per repository read its own scattered buckets.
 */
export class DigestIndex<V extends object> {
  /** Digest id → position of the value in `cells` (its holder just before it); 0 when none. */
  slots = new Int32Array(1024);
  /** `[holder, value]` pairs, adjacent so one read finds both. */
  readonly cells: Array<DigestMap<V> | V> = [];
}

/**
 * A map keyed by digest, read like a `Map<Digest, V>` (same iteration order: insertion). Entries
 * live in the group's `DigestIndex`; a digest another map of the group already holds (the same
 * image in a second repository) goes to a small map of this one's own.
 */
export class DigestMap<V extends object> {
  /** Digests whose index cell belongs to another map of the group. */
  private rest: Map<number, V> | undefined = undefined;
  /** Digest ids in first-insertion order. */
  private readonly order: number[] = [];

  constructor(private readonly index: DigestIndex<V>) {}

  get size(): number {
    return this.order.length;
  }

  get(digest: Digest): V | undefined {
    return this.getById(knownDigestId(digest));
  }

  has(digest: Digest): boolean {
    return this.getById(knownDigestId(digest)) !== undefined;
  }

  set(digest: Digest, value: V): this {
    this.setById(digestId(digest), value);
    return this;
  }

  /** `get` by digest id (see `blobId`), for hot paths that hold the manifest. */
  getById(id: number): V | undefined {
    const slots = this.index.slots;
    const at = id >= 0 && id < slots.length ? slots[id]! : 0;
    if (at !== 0) {
      const cells = this.index.cells;
      if (cells[at - 1] === this) return cells[at] as V;
    }
    return this.rest === undefined ? undefined : this.rest.get(id);
  }

  setById(id: number, value: V): void {
    const index = this.index;
    if (id >= index.slots.length) index.slots = growIndex(index.slots, id);
    const at = index.slots[id]!;
    if (at === 0) {
      index.cells.push(this, value);
      index.slots[id] = index.cells.length - 1;
      this.order.push(id);
      return;
    }
    if (index.cells[at - 1] === this) {
      index.cells[at] = value;
      return;
    }
    const rest = (this.rest ??= new Map());
    if (!rest.has(id)) this.order.push(id);
    rest.set(id, value);
  }

  *keys(): IterableIterator<Digest> {
    for (const id of this.order) yield digestsById[id]!;
  }

  *values(): IterableIterator<V> {
    for (const id of this.order) yield this.getById(id)!;
  }

  *entries(): IterableIterator<[Digest, V]> {
    for (const id of this.order) yield [digestsById[id]!, this.getById(id)!];
  }

  [Symbol.iterator](): IterableIterator<[Digest, V]> {
    return this.entries();
  }
}

/**
 * A set of digests (a client's local blobs), read like a `Set<Digest>` (same iteration order):
 * presence by digest id in a byte array, so the per-pull checks need no lookup in a map keyed
 * by long, scattered strings.
 */
export class DigestSet {
  /** One byte per id (not four): the array spans every blob id, and reads miss the caches less. */
  private present = new Uint8Array(256);
  private readonly order: Digest[] = [];
  private readonly ids: number[] = [];

  get size(): number {
    return this.order.length;
  }

  private hasId(id: number): boolean {
    return id >= 0 && id < this.present.length && this.present[id] === 1;
  }

  has(digest: Digest): boolean {
    return this.hasId(knownDigestId(digest));
  }

  /** `has` for a blob reference (its id is cached on it). */
  hasRef(ref: BlobRef): boolean {
    return this.hasId(blobId(ref));
  }

  add(digest: Digest): this {
    this.addId(digestId(digest), digest);
    return this;
  }

  addRef(ref: BlobRef): this {
    this.addId(blobId(ref), ref.digest);
    return this;
  }

  private addId(id: number, digest: Digest): void {
    if (this.hasId(id)) return;
    if (id >= this.present.length) this.present = growIndex(this.present, id);
    this.present[id] = 1;
    this.order.push(digest);
    this.ids.push(id);
  }

  clear(): void {
    for (const id of this.ids) this.present[id] = 0;
    this.order.length = 0;
    this.ids.length = 0;
  }

  values(): IterableIterator<Digest> {
    return this.order.values();
  }

  keys(): IterableIterator<Digest> {
    return this.order.values();
  }

  [Symbol.iterator](): IterableIterator<Digest> {
    return this.order.values();
  }
}

/** Builds a manifest from its config and layers, computing the canonical JSON digest. */
export function makeManifest(config: BlobRef, layers: readonly BlobRef[]): Manifest {
  const json = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.manifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
  });
  let contentSize = config.size;
  for (const l of layers) contentSize += l.size;
  // Ids now, while the image is built, rather than on the first request that asks about a blob.
  blobId(config);
  for (const l of layers) blobId(l);
  const manifest = { digest: digestOf(json), size: utf8ToBytes(json).length, config, layers, contentSize };
  blobId(manifest);
  return manifest;
}

/** Every blob a manifest references: its config, then its layers. */
export function manifestBlobs(m: Manifest): readonly BlobRef[] {
  return [m.config, ...m.layers];
}
