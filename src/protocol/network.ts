/** Answers to the `network`, `networkPlan`, `identities` and `controlPlane` queries (SPEC 6.1, 6.2, 6.4). */

export interface SubnetRow {
  readonly name: string;
  readonly prefixLength: number;
  readonly usable: number;
  readonly used: number;
  readonly free: number;
}

export interface PrivateEndpointRow {
  readonly name: string;
  readonly registry: string;
  readonly subnet: string;
  /** Addresses this endpoint takes, by endpoint kind (B-PE-1). */
  readonly global: number;
  readonly data: number;
  readonly regional: number;
  readonly total: number;
}

export interface NetworkResult {
  readonly registry: string | undefined;
  readonly subnets: readonly SubnetRow[];
  readonly privateEndpoints: readonly PrivateEndpointRow[];
}

export interface SubnetPlanRow {
  readonly subnet: string;
  readonly free: number;
  /** Addresses the change would take in addition. */
  readonly extra: number;
  readonly fits: boolean;
}

export interface NetworkPlanResult {
  readonly registry: string | undefined;
  /** Replicas after the change, and whether regional endpoints would be on. */
  readonly replicas: number;
  readonly regionalEndpoints: boolean;
  /** Addresses per private endpoint after the change. */
  readonly perEndpoint: number;
  readonly subnets: readonly SubnetPlanRow[];
}

export interface IdentityRow {
  readonly name: string;
  readonly role: string;
  readonly current: boolean;
}

export interface TokenRow {
  readonly name: string;
  readonly registry: string;
  readonly repositories: readonly string[];
}

export interface IdentitiesResult {
  readonly identities: readonly IdentityRow[];
  readonly tokens: readonly TokenRow[];
}

export interface ControlPlaneResult {
  readonly registry: string | undefined;
  readonly available: boolean;
  readonly homeRegion: string | undefined;
  readonly reason: string | undefined;
}
