import {
  blobId,
  digestId,
  DigestIndex,
  DigestMap,
  growIndex,
  knownDigestId,
  type BlobRef,
  type Manifest,
} from './oci';
import type { Bytes, Digest } from './types';

/**
 * Version of a write for last-writer-wins: the commit time at the replica that accepted it and
 * that replica's region name, compared in that order (SPEC 3.4). Two writes one replica commits
 * in the same instant are ordered by `seq`, the replica's commit sequence: without it they would
 * tie, each replica would keep whichever arrived first, and the replicas would never converge.
 */
export interface Version {
  readonly t: number;
  readonly region: string;
  /** Commit order at the origin replica; absent counts as 0. */
  readonly seq?: number;
}

export function compareVersions(a: Version, b: Version): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  if (a.region !== b.region) return a.region < b.region ? -1 : 1;
  const sa = a.seq ?? 0;
  const sb = b.seq ?? 0;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** A tag's current binding; `digest: null` is a tombstone left by an untag or delete. */
export interface TagRecord {
  readonly digest: Digest | null;
  readonly version: Version;
  /**
   * The digest's id (see `digestId`) when the writer knew it, else absent or -1: a read by tag then
   * finds the manifest by id, without looking the 71-character digest text up in the id table.
   */
  readonly digestId?: number;
}

/**
 * A manifest known to the replica: the newest put and the newest delete. It is live when it was
 * put after it was last deleted. A delete also voids every tag bound to it at or before the delete.
 */
export interface ManifestRecord {
  readonly manifest: Manifest;
  /** Newest put, or undefined when only a delete has been seen. */
  readonly putAt: Version | undefined;
  readonly deletedAt: Version | undefined;
}

function isLive(rec: ManifestRecord): boolean {
  return (
    rec.putAt !== undefined && (rec.deletedAt === undefined || compareVersions(rec.putAt, rec.deletedAt) > 0)
  );
}

const newer = (a: Version | undefined, b: Version): Version =>
  a === undefined || compareVersions(a, b) < 0 ? b : a;

/**
 * A replica's blobs, read like a `ReadonlyMap<Digest, Bytes>` (same iteration order: arrival).
 * Held as arrays indexed by blob id rather than a digest-keyed map: the map grew to ~150,000
 * entries per replica in a busy run, and every insert and lookup walked scattered 71-character
 * key strings (and every growth rehashed them all), the engine's largest single cost.
 */
export class BlobTable {
  /** Blob id → 1 + its position in `order`/`sizes`; 0 when not held (see `growIndex`). */
  private index = new Int32Array(1024);
  private readonly order: Digest[] = [];
  private readonly sizes: Bytes[] = [];

  get size(): number {
    return this.order.length;
  }

  hasId(id: number): boolean {
    return id >= 0 && id < this.index.length && this.index[id] !== 0;
  }

  has(digest: Digest): boolean {
    return this.hasId(knownDigestId(digest));
  }

  get(digest: Digest): Bytes | undefined {
    const id = knownDigestId(digest);
    return this.hasId(id) ? this.sizes[this.index[id]! - 1] : undefined;
  }

  /** Adds a blob by id unless held; returns whether it was new. */
  add(id: number, digest: Digest, size: Bytes): boolean {
    if (this.hasId(id)) return false;
    if (id >= this.index.length) this.index = growIndex(this.index, id);
    this.order.push(digest);
    this.sizes.push(size);
    this.index[id] = this.order.length;
    return true;
  }

  keys(): IterableIterator<Digest> {
    return this.order.values();
  }

  values(): IterableIterator<Bytes> {
    return this.sizes.values();
  }

  *entries(): IterableIterator<[Digest, Bytes]> {
    for (let i = 0; i < this.order.length; i++) yield [this.order[i]!, this.sizes[i]!];
  }

  [Symbol.iterator](): IterableIterator<[Digest, Bytes]> {
    return this.entries();
  }
}

/** Small integer ids for tag names, shared by every store (see `TagMap`). */
const tagIds = new Map<string, number>();
const tagsById: string[] = [];

function tagId(tag: string): number {
  let id = tagIds.get(tag);
  if (id === undefined) {
    id = tagsById.length;
    tagIds.set(tag, id);
    tagsById.push(tag);
  }
  return id;
}

/**
 * A repository's tags, read like a `Map<string, TagRecord>` (same iteration order: insertion),
 * keyed by tag-name id. Tag names are few and shared by many repositories (`latest`, `v1`, a
 * build counter), so their ids are small and a repository's ids lie close together: records sit
 * in an array indexed by id, one read per lookup where a map per repository per replica hashed
 * into its own scattered table (two dependent cache misses on every write a replica applies).
 * An id far beyond what the array would hold for this repository's tag count goes to a map
 * instead, so a repository with one unusual tag name never holds a long, mostly empty array.
 */
export class TagMap {
  /** Records by id below `dense.length` (undefined: no such tag here). */
  private dense: (TagRecord | undefined)[] = [];
  /** Records whose ids were too far out for `dense` when first set. */
  private sparse: Map<number, TagRecord> | undefined = undefined;
  /** Ids in first-insertion order. */
  private readonly order: number[] = [];

  get size(): number {
    return this.order.length;
  }

  get(tag: string): TagRecord | undefined {
    const id = tagIds.get(tag);
    return id === undefined ? undefined : this.getById(id);
  }

  has(tag: string): boolean {
    return this.get(tag) !== undefined;
  }

  set(tag: string, rec: TagRecord): this {
    this.setById(tagId(tag), rec);
    return this;
  }

  /** `get` and `set` by tag-name id (`tagId`), so a write looks its name up once. */
  getById(id: number): TagRecord | undefined {
    return id < this.dense.length ? this.dense[id] : this.sparse?.get(id);
  }

  setById(id: number, rec: TagRecord): void {
    const dense = this.dense;
    if (id >= dense.length && id < DENSE_SLACK + DENSE_PER_TAG * (this.order.length + 1)) this.growTo(id);
    if (id < dense.length) {
      if (dense[id] === undefined) this.order.push(id);
      dense[id] = rec;
      return;
    }
    const sparse = (this.sparse ??= new Map());
    if (!sparse.has(id)) this.order.push(id);
    sparse.set(id, rec);
  }

  /** Extends `dense` to cover `id`, moving in any records the map held below the new length. */
  private growTo(id: number): void {
    const dense = this.dense;
    while (dense.length <= id) dense.push(undefined);
    const sparse = this.sparse;
    if (!sparse) return;
    for (const [k, rec] of sparse) {
      if (k >= dense.length) continue;
      dense[k] = rec;
      sparse.delete(k);
    }
  }

  *keys(): IterableIterator<string> {
    for (const id of this.order) yield tagsById[id]!;
  }

  *values(): IterableIterator<TagRecord> {
    for (const id of this.order) yield this.getById(id)!;
  }

  *entries(): IterableIterator<[string, TagRecord]> {
    for (const id of this.order) yield [tagsById[id]!, this.getById(id)!];
  }

  [Symbol.iterator](): IterableIterator<[string, TagRecord]> {
    return this.entries();
  }
}

/** `TagMap` keeps ids below `DENSE_SLACK + DENSE_PER_TAG × tags` in its array. */
const DENSE_SLACK = 64;
const DENSE_PER_TAG = 4;

/**
 * Which replication job has claimed each blob on its way to a replica (by blob id, see `blobId`).
 * An array indexed by id rather than a map: claimed and released once per blob per target.
 */
export class ClaimTable {
  /** Blob id → claiming job id; 0 when unclaimed (job ids start at 1). */
  private jobs = new Int32Array(256);
  private count = 0;

  /** Number of blobs currently claimed. */
  get size(): number {
    return this.count;
  }

  /** The job that claimed blob `id`, or 0. */
  claimant(id: number): number {
    return id < this.jobs.length ? this.jobs[id]! : 0;
  }

  claim(id: number, job: number): void {
    if (id >= this.jobs.length) this.jobs = growIndex(this.jobs, id);
    if (this.jobs[id] === 0) this.count++;
    this.jobs[id] = job;
  }

  release(id: number): void {
    if (this.claimant(id) === 0) return;
    this.jobs[id] = 0;
    this.count--;
  }
}

function listsDigest(refs: readonly BlobRef[], digest: Digest): boolean {
  for (const r of refs) if (r.digest === digest) return true;
  return false;
}

export interface RepositoryState {
  readonly manifests: DigestMap<ManifestRecord>;
  readonly tags: TagMap;
  /** Set by a repository delete: every write at or before it is void. */
  deletedAt: Version | undefined;
}

/**
 * What one replica holds: blobs stored once and shared by every image (B-REG-2), and per
 * repository the manifests and tags with their versions. All merges are last-writer-wins on
 * versions, so applying the same changes in any order converges to the same visible state.
 * Blobs are never garbage-collected in the simulation, so a manifest once valid stays valid.
 */
export class ReplicaStore {
  readonly blobs = new BlobTable();
  readonly repos = new Map<string, RepositoryState>();
  /** Where every repository's manifest records live (see `DigestIndex`). */
  private readonly manifestIndex = new DigestIndex<ManifestRecord>();
  /** Total bytes of distinct blobs held. */
  blobBytes = 0;
  /** Writes this replica has committed itself, numbering their versions. */
  private commits = 0;

  /** The version of a write this replica commits now, at `t` in its `region`. */
  commitVersion(t: number, region: string): Version {
    return { t, region, seq: ++this.commits };
  }

  hasBlob(digest: Digest): boolean {
    return this.blobs.has(digest);
  }

  /** `hasBlob` for a manifest's blob reference: an array read, no map lookup. */
  hasBlobRef(ref: BlobRef): boolean {
    return this.blobs.hasId(blobId(ref));
  }

  addBlob(digest: Digest, size: Bytes): void {
    if (this.blobs.add(digestId(digest), digest, size)) this.blobBytes += size;
  }

  /** `addBlob` for a manifest's blob reference. */
  addBlobRef(ref: BlobRef): void {
    if (this.blobs.add(blobId(ref), ref.digest, ref.size)) this.blobBytes += ref.size;
  }

  /**
   * Whether every blob `m` references is here (no allocation, for hot paths). A push or a
   * replication asks this about the same manifest several times in a row (validate, wait, apply),
   * and each ask is one lookup per blob in a map that grows with every image the replica ever
   * held: those lookups miss the CPU caches and were the engine's largest single cost. Blobs are
   * never removed, so a manifest found complete stays complete: the last few are remembered.
   */
  hasAllBlobs(m: Manifest): boolean {
    const recent = this.recentComplete;
    if (recent[0] === m || recent[1] === m || recent[2] === m || recent[3] === m) return true;
    if (!this.hasBlobRef(m.config)) return false;
    for (const l of m.layers) if (!this.hasBlobRef(l)) return false;
    recent[this.recentNext] = m;
    this.recentNext = (this.recentNext + 1) & 3;
    return true;
  }

  /** Manifests recently found complete (see `hasAllBlobs`), a ring of four. */
  private readonly recentComplete: (Manifest | undefined)[] = [undefined, undefined, undefined, undefined];
  private recentNext = 0;

  /** Blobs of `m` this replica lacks. */
  missingBlobs(m: Manifest): Digest[] {
    return this.missingBlobRefs(m).map((b) => b.digest);
  }

  /** `missingBlobs` as the manifest's own blob references (config first, each digest once). */
  missingBlobRefs(m: Manifest): BlobRef[] {
    const missing: BlobRef[] = [];
    if (!this.hasBlobRef(m.config)) missing.push(m.config);
    for (const l of m.layers) if (!this.hasBlobRef(l) && !listsDigest(missing, l.digest)) missing.push(l);
    return missing;
  }

  private repo(name: string): RepositoryState {
    // A write puts a manifest and then its tag in the same repository: remember the last one
    // (repositories are never removed from `repos`, so the remembered state stays current).
    if (name === this.lastRepoName && this.lastRepo !== undefined) return this.lastRepo;
    let r = this.repos.get(name);
    if (!r) {
      r = { manifests: new DigestMap(this.manifestIndex), tags: new TagMap(), deletedAt: undefined };
      this.repos.set(name, r);
    }
    this.lastRepoName = name;
    this.lastRepo = r;
    return r;
  }

  private lastRepoName: string | undefined = undefined;
  private lastRepo: RepositoryState | undefined = undefined;

  private voided(r: RepositoryState, v: Version): boolean {
    return r.deletedAt !== undefined && compareVersions(v, r.deletedAt) <= 0;
  }

  /** The live manifest `digest` in `repo`, if this replica can serve it. */
  manifest(repo: string, digest: Digest): Manifest | undefined {
    const r = this.repos.get(repo);
    const rec = r?.manifests.get(digest);
    return r && rec && isLive(rec) && !this.voided(r, rec.putAt!) ? rec.manifest : undefined;
  }

  /** The digest `tag` resolves to here, if the tag is live and its manifest is served. */
  resolveTag(repo: string, tag: string): Digest | undefined {
    return this.taggedRecord(repo, tag)?.manifest.digest;
  }

  /** The manifest `tag` resolves to here (`manifest(repo, resolveTag(repo, tag))` in one lookup). */
  taggedManifest(repo: string, tag: string): Manifest | undefined {
    return this.taggedRecord(repo, tag)?.manifest;
  }

  private taggedRecord(repo: string, tag: string): ManifestRecord | undefined {
    const r = this.repos.get(repo);
    const rec = r?.tags.get(tag);
    if (!r || !rec || rec.digest === null || this.voided(r, rec.version)) return undefined;
    const id = rec.digestId;
    const m = id !== undefined && id >= 0 ? r.manifests.getById(id) : r.manifests.get(rec.digest);
    if (!m || !isLive(m) || this.voided(r, m.putAt!)) return undefined;
    if (m.deletedAt !== undefined && compareVersions(rec.version, m.deletedAt) <= 0) return undefined;
    return m;
  }

  /** Live tags of a repository, sorted, with their digests. */
  tags(repo: string): Array<[string, Digest]> {
    const r = this.repos.get(repo);
    if (!r) return [];
    const out: Array<[string, Digest]> = [];
    for (const tag of r.tags.keys()) {
      const d = this.resolveTag(repo, tag);
      if (d) out.push([tag, d]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Repositories with at least one live manifest, sorted. */
  repositories(): string[] {
    const out: string[] = [];
    for (const [name, r] of this.repos) {
      for (const m of r.manifests.values()) {
        if (isLive(m) && !this.voided(r, m.putAt!)) {
          out.push(name);
          break;
        }
      }
    }
    return out.sort();
  }

  /**
   * How many tags this replica serves. Counts without building or sorting the tag map, because the
   * dashboard asks for every replica on every frame.
   */
  liveTagCount(): number {
    let n = 0;
    for (const [repo, r] of this.repos) for (const tag of r.tags.keys()) if (this.resolveTag(repo, tag)) n++;
    return n;
  }

  /** Every live `repo:tag → digest` binding, for convergence checks and inspection. */
  tagMap(): Map<string, Digest> {
    const out = new Map<string, Digest>();
    for (const repo of [...this.repos.keys()].sort())
      for (const [tag, d] of this.tags(repo)) out.set(`${repo}:${tag}`, d);
    return out;
  }

  /**
   * Makes a manifest visible. Its blobs must already be here: that is the invariant that no
   * replica serves a manifest without its blobs (B-REP-3), so a violation is a bug and throws.
   * Returns false when a newer delete already covers this write.
   */
  putManifest(repo: string, m: Manifest, version: Version): boolean {
    if (!this.hasAllBlobs(m)) throw new Error(`invariant: manifest ${m.digest} applied without its blobs`);
    const r = this.repo(repo);
    if (this.voided(r, version)) return false;
    const id = blobId(m);
    const existing = r.manifests.getById(id);
    const rec: ManifestRecord = {
      manifest: m,
      putAt: newer(existing?.putAt, version),
      deletedAt: existing?.deletedAt,
    };
    r.manifests.setById(id, rec);
    return isLive(rec);
  }

  /**
   * Binds a tag to a manifest (given as itself, or by digest) or tombstones it (`null`), last
   * writer wins. Returns whether this write won. Writers holding the manifest pass it: its digest
   * id comes with it, and reads by tag then skip a lookup of the digest's text.
   */
  putTag(repo: string, tag: string, target: Manifest | Digest | null, version: Version): boolean {
    const r = this.repo(repo);
    if (this.voided(r, version)) return false;
    const id = tagId(tag);
    const existing = r.tags.getById(id);
    if (existing && compareVersions(existing.version, version) >= 0) return false;
    let digest: Digest | null = null;
    let digestId = -1;
    if (typeof target === 'string') {
      digest = target;
      digestId = knownDigestId(target);
    } else if (target !== null) {
      digest = target.digest;
      digestId = blobId(target);
    }
    r.tags.setById(id, { digest, version, digestId });
    return true;
  }

  /** Records a manifest delete: the manifest and every tag bound to it at or before `version` go. */
  deleteManifest(repo: string, m: Manifest, version: Version): void {
    const r = this.repo(repo);
    const existing = r.manifests.get(m.digest);
    r.manifests.set(m.digest, {
      manifest: m,
      putAt: existing?.putAt,
      deletedAt: newer(existing?.deletedAt, version),
    });
  }

  /** Voids every write to the repository at or before `version`. */
  deleteRepository(repo: string, version: Version): void {
    const r = this.repo(repo);
    r.deletedAt = newer(r.deletedAt, version);
  }

  /**
   * Merges everything another replica holds (initial sync of a new replica). Every record goes
   * through the same last-writer-wins rules, so merging is idempotent and order-independent.
   */
  mergeFrom(other: ReplicaStore): void {
    for (const [d, size] of other.blobs) this.addBlob(d, size);
    for (const [name, src] of other.repos) {
      const r = this.repo(name);
      if (src.deletedAt) r.deletedAt = newer(r.deletedAt, src.deletedAt);
      for (const [d, rec] of src.manifests) {
        const mine = r.manifests.get(d);
        const putAt = rec.putAt ? newer(mine?.putAt, rec.putAt) : mine?.putAt;
        const deletedAt = rec.deletedAt ? newer(mine?.deletedAt, rec.deletedAt) : mine?.deletedAt;
        r.manifests.set(d, { manifest: rec.manifest, putAt, deletedAt });
      }
      for (const [tag, rec] of src.tags) {
        const mine = r.tags.get(tag);
        if (!mine || compareVersions(mine.version, rec.version) < 0) r.tags.set(tag, rec);
      }
    }
  }

  /** Tags in `repo` currently bound to `digest`. */
  tagsPointingAt(repo: string, digest: Digest): string[] {
    const out: string[] = [];
    const r = this.repos.get(repo);
    if (!r) return out;
    for (const [tag, rec] of r.tags) if (rec.digest === digest) out.push(tag);
    return out;
  }
}
