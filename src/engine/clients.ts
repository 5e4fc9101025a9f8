import { Client, DNS_MODES, type DnsMode, type LocalImage } from './client';
import { canonicalRef, digestOf, makeManifest, MEDIA_TYPES, parseImageRef, type BlobRef } from './oci';
import { CLIENT_NAME } from './names';
import { findRegion } from './regions';
import { clip, fail, ok, type Result } from './result';
import { parseHost } from './routing';
import type { Simulation } from './sim';
import type { Bytes, LonLat, RegionName } from './types';

export interface AddClientOptions {
  readonly name: string;
  /** A region name, or `lat,lon` in degrees. */
  readonly location: string;
  readonly dns?: string;
  readonly bandwidth?: number;
}

/** Parses a client location: a region name or `lat,lon`. */
export function parseLocation(text: string): Result<{ lonLat: LonLat; region: RegionName | undefined }> {
  const region = findRegion(text);
  if (region) return ok({ lonLat: region.lonLat, region: region.name });
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (m) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)
      return ok({ lonLat: { lat, lon }, region: undefined });
  }
  return fail(
    'InvalidLocation',
    `The location "${text.slice(0, 60)}" is neither a region name nor "lat,lon" (latitude -90 to 90, longitude -180 to 180).`,
    text.slice(0, 60),
  );
}

export function parseDnsMode(text: string): Result<DnsMode> {
  const mode = DNS_MODES.find((m) => m === text);
  return mode
    ? ok(mode)
    : fail(
        'InvalidDnsMode',
        `The DNS mode "${clip(text)}" is not one of ${DNS_MODES.join(', ')}.`,
        clip(text),
      );
}

/** Adds a docker client somewhere on the map. */
export function addClient(sim: Simulation, options: AddClientOptions): Result<Client> {
  if (!CLIENT_NAME.pattern.test(options.name)) {
    return fail(
      'InvalidClientName',
      `The client name "${options.name.slice(0, 60)}" is invalid: letters, digits, . _ - (up to 40).`,
      options.name.slice(0, 60),
    );
  }
  if (sim.clients.has(options.name))
    return fail('ClientExists', `A client named ${options.name} already exists.`, options.name);
  const location = parseLocation(options.location);
  if (!location.ok) return location;
  const dns = parseDnsMode(options.dns ?? 'cache');
  if (!dns.ok) return dns;
  const bandwidth = options.bandwidth ?? sim.config.get('client.bandwidth');
  if (!(bandwidth > 0) || !Number.isFinite(bandwidth)) {
    return fail('InvalidRate', `The bandwidth ${bandwidth} must be a positive rate.`, String(bandwidth));
  }
  const client = new Client(
    options.name,
    location.value.lonLat,
    location.value.region,
    bandwidth,
    dns.value,
    sim.scheduler,
  );
  sim.clients.set(client.name, client);
  sim.emit({ kind: 'client.added', client: client.name, location: client.locationLabel });
  return ok(client);
}

/** Changes a client's resolver mode; cached answers are dropped with the old mode. */
export function setDnsMode(client: Client, text: string): Result<DnsMode> {
  const dns = parseDnsMode(text);
  if (!dns.ok) return dns;
  client.dns = dns.value;
  client.dnsCache.clear();
  return dns;
}

/** Normalises a reference to the key of a client's local image store. */
export function localKey(text: string): Result<string> {
  const ref = parseImageRef(text);
  if (!ref.ok) return ref;
  return ok(canonicalRef(text, ref.value));
}

export interface BuildOptions {
  /** Total compressed size of the new layers. Default 100 MB without a base, 10 MB with one. */
  readonly size?: Bytes;
  /** Number of new layers. Default 3 without a base, 1 with one. */
  readonly layers?: number;
  /** A local image whose layers the new image starts from. */
  readonly base?: string;
}

const CONFIG_SIZE = 1_469;
const MAX_LAYERS = 127;

/**
 * Builds a local image (the simulator's stand-in for `docker build`). Lower layers derive from
 * the repository and their position, so rebuilding an app reuses them as a real build cache
 * would; the top layer is always new, so every build yields a new digest.
 */
export function buildImage(
  sim: Simulation,
  client: Client,
  refText: string,
  options: BuildOptions = {},
): Result<LocalImage> {
  const ref = parseImageRef(refText);
  if (!ref.ok) return ref;
  if (ref.value.digest !== undefined)
    return fail(
      'TAG_INVALID',
      `A build target needs a tag, not a digest: "${clip(refText)}".`,
      clip(refText),
    );
  let baseLayers: readonly BlobRef[] = [];
  if (options.base !== undefined) {
    const key = localKey(options.base);
    if (!key.ok) return key;
    const base = client.images.get(key.value);
    if (!base)
      return fail(
        'ImageNotFound',
        `No local image ${clip(options.base)} on ${client.name} to build from.`,
        clip(options.base),
      );
    baseLayers = base.manifest.layers;
  }
  const count = options.layers ?? (options.base ? 1 : 3);
  const size = options.size ?? (options.base ? 10_000_000 : 100_000_000);
  if (!Number.isInteger(count) || count < 1 || count > MAX_LAYERS || baseLayers.length + count > MAX_LAYERS) {
    return fail(
      'InvalidNumber',
      `The layer count ${count} must be a whole number from 1 to ${MAX_LAYERS - baseLayers.length}.`,
      String(count),
    );
  }
  if (!Number.isFinite(size) || size < count || size > 1e12) {
    return fail(
      'InvalidSize',
      `The image size ${size} bytes must be at least one byte per layer and at most 1 TB.`,
      String(size),
    );
  }
  const repository = ref.value.repository;
  const layers: BlobRef[] = [...baseLayers];
  const each = Math.floor(size / count);
  for (let i = 0; i < count; i++) {
    const layerSize = i === count - 1 ? size - each * (count - 1) : each;
    const seed =
      i === count - 1
        ? `top:${sim.rng.content.nextUint32().toString(16)}:${sim.rng.content.nextUint32().toString(16)}`
        : `layer:${repository}:${baseLayers.length + i}:${layerSize}`;
    layers.push({ digest: digestOf(seed), size: layerSize, mediaType: MEDIA_TYPES.layer });
  }
  const configJson = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    created: sim.now,
  });
  const config: BlobRef = { digest: digestOf(configJson), size: CONFIG_SIZE, mediaType: MEDIA_TYPES.config };
  const manifest = makeManifest(config, layers);
  const image: LocalImage = { repository, manifest, createdAt: sim.now };
  const key = canonicalRef(refText, ref.value);
  client.images.set(key, image);
  client.blobs.add(config.digest);
  for (const l of layers) client.blobs.add(l.digest);
  sim.emit({
    kind: 'image.built',
    client: client.name,
    ref: key,
    digest: manifest.digest,
    size: manifest.contentSize,
  });
  return ok(image);
}

/** `docker tag SOURCE TARGET`: a second name for a local image. */
export function tagImage(client: Client, source: string, target: string): Result<string> {
  const src = localKey(source);
  if (!src.ok) return src;
  const image = client.images.get(src.value);
  if (!image) return fail('ImageNotFound', `No such image: ${clip(source)}`, clip(source));
  const dst = parseImageRef(target);
  if (!dst.ok) return dst;
  if (dst.value.digest !== undefined)
    return fail('TAG_INVALID', `Cannot tag with a digest: "${clip(target)}".`, clip(target));
  const key = canonicalRef(target, dst.value);
  client.images.set(key, { ...image, repository: dst.value.repository });
  return ok(key);
}

/** `docker rmi REF`: removes a local name (layers stay cached, as docker's shared layers do). */
export function removeImage(client: Client, refText: string): Result<LocalImage> {
  const key = localKey(refText);
  if (!key.ok) return key;
  const image = client.images.get(key.value);
  if (!image) return fail('ImageNotFound', `No such image: ${clip(refText)}`, clip(refText));
  client.images.delete(key.value);
  return ok(image);
}

/**
 * Stores a credential for one host name, as `docker login` and `az acr login` do (B-AUTH-2).
 * The host must resolve; who may sign in is checked by the access-control layer.
 */
export function login(sim: Simulation, client: Client, host: string, principal: string): Result<string> {
  const endpoint = parseHost(sim, host);
  if (!endpoint.ok) return endpoint;
  client.credentials.set(endpoint.value.host, principal);
  sim.emit({ kind: 'client.login', client: client.name, host: endpoint.value.host, principal });
  return ok(endpoint.value.host);
}

export function logout(sim: Simulation, client: Client, host: string): Result<string> {
  const h = host.toLowerCase();
  if (!client.credentials.delete(h)) return fail('NotLoggedIn', `Not logged in to ${clip(h)}.`, clip(h));
  sim.emit({ kind: 'client.logout', client: client.name, host: h });
  return ok(h);
}
