import { digestOf, makeManifest, MEDIA_TYPES, type BlobRef, type Manifest } from './oci';
import type { Bytes } from './types';

/**
 * A small built-in catalogue of public images that `az acr import` can copy from (B-IMPORT-1).
 * Sizes and layer counts are plausible compressed sizes for linux/amd64, not exact ones; digests
 * are derived from the reference, so every run and every registry sees the same content.
 */
export interface CatalogueEntry {
  /** Full reference, `HOST/REPO:TAG`. */
  readonly ref: string;
  /** Compressed size of all layers. */
  readonly size: Bytes;
  readonly layers: number;
}

export const PUBLIC_CATALOGUE: readonly CatalogueEntry[] = [
  { ref: 'mcr.microsoft.com/hello-world:latest', size: 2_480, layers: 1 },
  { ref: 'mcr.microsoft.com/dotnet/runtime:8.0', size: 79_600_000, layers: 4 },
  { ref: 'mcr.microsoft.com/dotnet/aspnet:8.0', size: 92_400_000, layers: 5 },
  { ref: 'mcr.microsoft.com/azurelinux/base/core:3.0', size: 31_200_000, layers: 1 },
  { ref: 'docker.io/library/nginx:1.27', size: 72_800_000, layers: 7 },
  { ref: 'docker.io/library/alpine:3.20', size: 3_630_000, layers: 1 },
];

/** Hosts the catalogue serves; any other host must be a simulated registry. */
export const PUBLIC_HOSTS: readonly string[] = [
  ...new Set(PUBLIC_CATALOGUE.map((e) => e.ref.slice(0, e.ref.indexOf('/')))),
];

const CONFIG_SIZE = 1_469;

/** The catalogue entry for a reference (`docker.io/nginx:1.27` also finds `library/nginx`). */
export function findCatalogueEntry(
  host: string,
  repository: string,
  tag: string,
): CatalogueEntry | undefined {
  const wanted = [`${host}/${repository}:${tag}`];
  if (host === 'docker.io' && !repository.includes('/'))
    wanted.push(`docker.io/library/${repository}:${tag}`);
  return PUBLIC_CATALOGUE.find((e) => wanted.includes(e.ref));
}

/** The manifest of a catalogue image: layers split evenly, digests derived from the reference. */
export function catalogueManifest(entry: CatalogueEntry): Manifest {
  const layers: BlobRef[] = [];
  const each = Math.floor(entry.size / entry.layers);
  for (let i = 0; i < entry.layers; i++) {
    const size = i === entry.layers - 1 ? entry.size - each * (entry.layers - 1) : each;
    layers.push({
      digest: digestOf(`catalogue:${entry.ref}:layer:${i}`),
      size,
      mediaType: MEDIA_TYPES.layer,
    });
  }
  const config: BlobRef = {
    digest: digestOf(`catalogue:${entry.ref}:config`),
    size: CONFIG_SIZE,
    mediaType: MEDIA_TYPES.config,
  };
  return makeManifest(config, layers);
}
