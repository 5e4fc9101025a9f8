import { login } from './clients';
import type { Client } from './client';
import type { DataPlaneError, Served } from './dataplane';
import { isReplicaUp } from './health';
import { ok, type Result } from './result';
import { parseHost, resolveEndpoint } from './routing';
import type { Simulation } from './sim';

/** How a sign-in went: the endpoint's host, the request that checked it, and any failure. */
export interface SignIn {
  readonly host: string;
  /** The sign-in request: which replica answered it, through which endpoint, and how. */
  readonly served: Served;
  /** Set when the endpoint's replica could not answer; no credential was stored then. */
  readonly error?: DataPlaneError;
}

const UNAVAILABLE: DataPlaneError = { code: 'UNAVAILABLE', message: 'service unavailable', status: 503 };

/**
 * `docker login` / `az acr login` against a running registry: the client resolves the host as
 * for any request (the global endpoint through its resolver, a regional endpoint to its own
 * replica) and asks that replica to check the credential. A replica in outage cannot answer, so
 * nothing is stored; otherwise the credential is kept for that host name (B-AUTH-2). Signing in
 * takes no simulated time and is not counted against the replica's request budget.
 * Fails only for a host that does not resolve at all.
 */
export function signIn(sim: Simulation, client: Client, host: string, principal: string): Result<SignIn> {
  const endpoint = parseHost(sim, host);
  if (!endpoint.ok) return endpoint;
  const { registry, kind } = endpoint.value;
  const canonical = endpoint.value.host;
  const replica = resolveEndpoint(sim, client, endpoint.value);
  const up =
    replica !== undefined &&
    registry.replicas.has(replica.name) &&
    isReplicaUp(sim, replica) &&
    replica.phase !== 'deleting';
  const served: Served = {
    method: 'GET',
    path: '/v2/',
    host: canonical,
    endpoint: kind,
    location: replica?.location,
    status: up ? 200 : UNAVAILABLE.status,
    ...(up ? {} : { code: UNAVAILABLE.code }),
  };
  if (!up) return ok({ host: canonical, served, error: UNAVAILABLE });
  const stored = login(sim, client, canonical, principal);
  if (!stored.ok) return stored;
  return ok({ host: canonical, served });
}
