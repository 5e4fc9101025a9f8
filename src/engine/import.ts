import { catalogueManifest, findCatalogueEntry, PUBLIC_CATALOGUE, PUBLIC_HOSTS } from './catalogue';
import { controlPlaneAvailable } from './control-plane';
import { isReplicaUp } from './health';
import { formatImageRef, parseImageRef, type Manifest } from './oci';
import { countedWrite } from './operations';
import { delay, until, type Process } from './process';
import type { Registry, Replica } from './registry';
import { regionLatency, replicateChange, type Change } from './replication';
import { clip, fail, ok, type Result } from './result';
import { globalAnswerCandidates, parseHost } from './routing';
import type { Simulation } from './sim';
import type { Digest } from './types';
import { fireWebhooks } from './webhooks';

/** Where an import reads from. */
export type ImportSource =
  | { readonly kind: 'public'; readonly ref: string }
  | {
      readonly kind: 'registry';
      readonly ref: string;
      readonly registry: Registry;
      /** The replica that serves the read: chosen by global routing, or named by a regional endpoint. */
      readonly replica: Replica;
      readonly endpoint: 'global' | 'regional';
    };

/** A validated `az acr import`: nothing has changed yet. */
export interface ImportPlan {
  readonly registry: Registry;
  readonly source: ImportSource;
  readonly manifest: Manifest;
  readonly repository: string;
  readonly tag: string;
}

export interface ImportResult {
  readonly ok: boolean;
  readonly digest: Digest;
  /** Bytes copied into the home replica (blobs it already had are not copied). */
  readonly bytes: number;
  readonly location: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * Validates an import (B-IMPORT-1) before anything happens. The source is a catalogue image
 * (`mcr.microsoft.com/hello-world:latest`), another simulated registry through its global endpoint
 * (`other.azurecr.io/repo:tag`, routed as if from the importing registry's home region), or one
 * replica of it through its regional endpoint (`other.westeurope.geo.azurecr.io/repo:tag`), which
 * must hold the tag. `image` is the target `REPO:TAG`; by default the source's. Refused while the
 * home region is down (B-HOME-2): import is a control-plane operation.
 */
export function planImport(
  sim: Simulation,
  registry: Registry,
  sourceText: string,
  imageText?: string,
): Result<ImportPlan> {
  const control = controlPlaneAvailable(sim, registry);
  if (!control.ok) return control;
  const src = parseImageRef(sourceText);
  if (!src.ok)
    return fail(
      'InvalidSource',
      `Invalid --source '${clip(sourceText)}': ${src.error.message}`,
      clip(sourceText),
    );
  const host = src.value.host;
  if (host === undefined) {
    return fail(
      'InvalidSource',
      `The source '${sourceText}' must name a registry host, e.g. mcr.microsoft.com/hello-world:latest.`,
      sourceText,
    );
  }
  const target = parseImageRef(imageText ?? `${src.value.repository}:${src.value.tag ?? 'latest'}`);
  if (!target.ok) return target;
  if (
    target.value.host !== undefined ||
    target.value.digest !== undefined ||
    target.value.tag === undefined
  ) {
    return fail(
      'InvalidImage',
      `--image must be REPO:TAG without a registry host, not '${imageText}'.`,
      imageText,
    );
  }
  const repository = target.value.repository;
  const tag = target.value.tag;
  const h = host.toLowerCase();
  if (PUBLIC_HOSTS.includes(h)) {
    if (src.value.digest !== undefined || src.value.tag === undefined)
      return fail('InvalidSource', `Import from ${h} needs a tag in the source reference.`, clip(sourceText));
    const entry = findCatalogueEntry(h, src.value.repository, src.value.tag);
    if (!entry) {
      return fail(
        'ImageNotFound',
        `The image '${formatImageRef(src.value)}' is not in the simulator's public catalogue (available: ${PUBLIC_CATALOGUE.map((e) => e.ref).join(', ')}).`,
        sourceText,
      );
    }
    return ok({
      registry,
      source: { kind: 'public', ref: entry.ref },
      manifest: catalogueManifest(entry),
      repository,
      tag,
    });
  }
  const endpoint = parseHost(sim, h);
  if (!endpoint.ok) {
    return fail(
      'InvalidSource',
      `The source registry '${h}' was not found: use a public catalogue image or another simulated registry (NAME.azurecr.io or NAME.REGION.geo.azurecr.io).`,
      h,
    );
  }
  const other = endpoint.value.registry;
  let replica: Replica | undefined;
  if (endpoint.value.kind === 'regional') {
    replica = other.replicaAt(endpoint.value.location!);
  } else {
    const home = registry.homeReplica;
    replica = globalAnswerCandidates(sim, other, (r) => regionLatency(sim, home, r))[0];
  }
  if (!replica || !isReplicaUp(sim, replica)) {
    return fail(
      'SourceUnavailable',
      `The source ${endpoint.value.kind === 'regional' ? 'replica' : 'registry'} '${h}' is unavailable${replica ? ` (its replica in ${replica.location} is down)` : ''}.`,
      h,
    );
  }
  const digest =
    src.value.digest ?? replica.store.resolveTag(src.value.repository, src.value.tag ?? 'latest');
  const manifest = digest === undefined ? undefined : replica.store.manifest(src.value.repository, digest);
  if (!manifest) {
    return fail(
      'ImageNotFound',
      `The image '${formatImageRef({ ...src.value, host: undefined })}' was not found in ${h}` +
        (endpoint.value.kind === 'regional'
          ? ` (the replica in ${replica.location} does not have it).`
          : ` (read from its replica in ${replica.location}).`),
      sourceText,
    );
  }
  return ok({
    registry,
    source: {
      kind: 'registry',
      ref: formatImageRef(src.value),
      registry: other,
      replica,
      endpoint: endpoint.value.kind,
    },
    manifest,
    repository,
    tag,
  });
}

/**
 * Runs an import: the blobs the home replica lacks are copied at the replication bandwidth (the
 * home replica's inbound link), then the manifest and tag are committed there and replicate like
 * a push. A copy interrupted by the home replica or the source going down waits for it to return.
 */
export function importImage(sim: Simulation, plan: ImportPlan): Process<ImportResult> {
  return countedWrite(plan.registry, copyAndCommit(sim, plan));
}

function* copyAndCommit(sim: Simulation, plan: ImportPlan): Process<ImportResult> {
  const { registry, manifest, repository, tag, source } = plan;
  const home = registry.homeReplica;
  const missing = home.store.missingBlobs(manifest);
  const sizeOf = (d: Digest): number =>
    d === manifest.config.digest
      ? manifest.config.size
      : (manifest.layers.find((l) => l.digest === d)?.size ?? 0);
  let bytes = 0;
  for (const d of missing) bytes += sizeOf(d);
  const from = source.kind === 'registry' ? source.replica : undefined;
  const sourceUp = (): boolean => from === undefined || isReplicaUp(sim, from);
  const result = (error?: { code: string; message: string }): ImportResult => ({
    ok: error === undefined,
    digest: manifest.digest,
    bytes,
    location: home.location,
    ...(error ? { error } : {}),
  });
  if (bytes > 0) {
    let flowId: number | undefined;
    const completed = yield {
      type: 'flow',
      link: home.inbound,
      bytes,
      onStart: (flow) => {
        if (!from) return;
        flowId = flow.id;
        sim.trackTransfer({
          id: flow.id,
          kind: 'replication',
          registry: registry.name,
          from: from.location,
          to: home.location,
          bytes,
          sendTime: sim.now,
          flow,
        });
      },
      pauseWhen: () => !isReplicaUp(sim, home) || !sourceUp(),
      abortWhen: () =>
        from !== undefined && source.kind === 'registry' && !source.registry.replicas.has(from.name),
    };
    if (flowId !== undefined) sim.untrackTransfer(flowId);
    if (!completed)
      return result({
        code: 'SourceUnavailable',
        message: `the source replica in ${from?.location} went away`,
      });
    if (from) yield delay(regionLatency(sim, from, home));
    for (const d of missing) home.store.addBlob(d, sizeOf(d));
  }
  yield until(() => isReplicaUp(sim, home));
  commitToHome(sim, registry, repository, tag, manifest);
  return result();
}

/**
 * Commits a manifest and tag into the home replica, whose blobs must already be there, and
 * replicates it like a push (imports and ACR Tasks builds). The home replica must be up.
 */
export function commitToHome(
  sim: Simulation,
  registry: Registry,
  repository: string,
  tag: string,
  manifest: Manifest,
): void {
  const home = registry.homeReplica;
  const version = home.store.commitVersion(sim.now, home.location);
  const change: Change = { kind: 'manifest', repository, manifest, tag, version };
  home.store.putManifest(repository, manifest, version);
  home.store.putTag(repository, tag, manifest, version);
  sim.emit({
    kind: 'push.committed',
    registry: registry.name,
    location: home.location,
    repository,
    tag,
    digest: manifest.digest,
  });
  fireWebhooks(sim, registry, home, change, 'commit');
  replicateChange(sim, registry, home, change);
  sim.notify('content');
}
