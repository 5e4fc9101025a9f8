import { SharedLink } from './link';
import { DigestSet, type Manifest } from './oci';
import type { Scheduler } from './scheduler';
import type { BitsPerSecond, LonLat, RegionName } from './types';

/** How a client's resolver treats the global endpoint's DNS answers (SPEC 3.2). */
export const DNS_MODES = ['cache', 'no-cache', 'pin-push', 'long-lived'] as const;
export type DnsMode = (typeof DNS_MODES)[number];

/** An image in a client's local store. */
export interface LocalImage {
  readonly repository: string;
  readonly manifest: Manifest;
  readonly createdAt: number;
}

export interface DnsAnswer {
  readonly replica: string;
  readonly expires: number;
}

/** A machine that runs docker: where it is, how fast it talks, what it has and knows. */
export class Client {
  /** Credentials per host name, as docker stores them (B-AUTH-2): host → principal. */
  readonly credentials = new Map<string, string>();
  /** Local images by reference text, e.g. `myregistry.azurecr.io/app:v1`. */
  readonly images = new Map<string, LocalImage>();
  /** Layer blobs present locally. */
  readonly blobs = new DigestSet();
  /** Cached DNS answers for global endpoints: host → answer. */
  readonly dnsCache = new Map<string, DnsAnswer>();
  /** Pinned answers while a `pin-push` client pushes: host → replica name. */
  readonly pins = new Map<string, string>();
  /** One-way latency to each region, valid for the config snapshot it was computed under. */
  readonly latencyCache = new Map<string, number>();
  latencyConfig: object | undefined;
  /** Uploads and downloads of this client share its bandwidth. */
  readonly link: SharedLink;

  constructor(
    readonly name: string,
    readonly lonLat: LonLat,
    readonly region: RegionName | undefined,
    public bandwidth: BitsPerSecond,
    public dns: DnsMode,
    scheduler: Scheduler,
  ) {
    this.link = new SharedLink(scheduler, bandwidth);
  }

  /** Where the client is, for display: its region name or its coordinates. */
  get locationLabel(): string {
    return this.region ?? `${this.lonLat.lat.toFixed(2)},${this.lonLat.lon.toFixed(2)}`;
  }
}
