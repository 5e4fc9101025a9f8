import {
  formatClock,
  globalRoutingPool,
  parseHost,
  type Client,
  type DataPlaneError,
  type Served,
  type SignIn,
  type Simulation,
} from '../../engine';
import type { CommandContext } from '../context';

function opLabel(s: Served): string {
  if (s.endpoint === 'data') return 'download';
  if (s.path === '/v2/') return 'login';
  if (s.method === 'HEAD') return 'HEAD';
  if (s.method === 'POST' || (s.method === 'PUT' && s.path.includes('/blobs/'))) return 'upload';
  if (s.method === 'PUT') return 'manifest PUT';
  if (s.method === 'DELETE') return 'DELETE';
  if (s.path.includes('/manifests/')) return 'manifest GET';
  if (s.path.endsWith('/_catalog')) return 'catalog GET';
  if (s.path.endsWith('/_tags')) return 'tags GET';
  if (s.path.includes('/blobs/')) return 'blob GET';
  return `${s.method} ${s.path}`;
}

const endpointWords = (s: Served): string =>
  s.endpoint === 'global'
    ? `via the global endpoint (${s.host})`
    : s.endpoint === 'regional'
      ? `via its regional endpoint (${s.host})`
      : `via its data endpoint (${s.host}), redirected there by the same region`;

/**
 * Turns a request list into explanation lines, one per region and endpoint that answered, in the
 * order they first answered: `served by REGION via the global endpoint (...): HEAD ×3, ...`.
 * Failures are named with their status and OCI code.
 */
export function servedLines(served: readonly Served[]): string[] {
  const groups = new Map<string, { first: Served; counts: Map<string, number>; failures: string[] }>();
  for (const s of served) {
    const key = `${s.endpoint}|${s.host}|${s.location ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { first: s, counts: new Map(), failures: [] };
      groups.set(key, g);
    }
    // A HEAD answered 404 is how docker learns a layer is missing: normal, not a failure.
    if (s.status >= 400 && !(s.method === 'HEAD' && s.status === 404)) {
      g.failures.push(`${opLabel(s)} → ${s.status}${s.code ? ` ${s.code}` : ''}`);
    } else if (!(s.method === 'PUT' && s.path.includes('/blobs/'))) {
      g.counts.set(opLabel(s), (g.counts.get(opLabel(s)) ?? 0) + 1);
    }
  }
  return [...groups.values()].map(({ first, counts, failures }) => {
    const ops = [...counts].map(([op, n]) => (n > 1 ? `${op} ×${n}` : op));
    const who = first.location === undefined ? 'no replica answered' : `served by ${first.location}`;
    return `${who} ${endpointWords(first)}: ${[...ops, ...failures].join(', ')}`;
  });
}

/** Distinct regions that accepted uploads in a push. */
function uploadRegions(served: readonly Served[]): string[] {
  return [
    ...new Set(
      served.filter((s) => s.method === 'POST' && s.status < 400 && s.location).map((s) => s.location!),
    ),
  ];
}

/** A sentence on why a data-plane request failed and what to do about it, for `# ` lines. */
export function explainFailure(
  error: DataPlaneError,
  served: readonly Served[],
  context: {
    client: string;
    ref: string;
    /** Regions that took part and have left global routing since (failed over or excluded). */
    leftRouting?: readonly string[];
  },
): string | undefined {
  const last = served.at(-1);
  const where = last?.location ?? 'the replica';
  switch (error.code) {
    case 'MANIFEST_UNKNOWN':
      return `${where} does not serve ${context.ref}: either a push made elsewhere has not replicated here yet, or it was deleted. Retry with backoff, or wait for replication (sim wait replicated) before pulling across regions.`;
    case 'BLOB_UNKNOWN': {
      const manifestFrom = served.find((s) => s.path.includes('/manifests/'))?.location;
      return `the manifest came from ${manifestFrom ?? 'one replica'} but this layer request reached ${where}, which has not received the layer yet: DNS answered differently between requests of one pull.`;
    }
    case 'MANIFEST_BLOB_UNKNOWN': {
      const uploads = uploadRegions(served).filter((r) => r !== where);
      const moved = uploads.filter((r) => context.leftRouting?.includes(r));
      if (moved.length > 0)
        return `the manifest reached ${where}, but layers went to ${moved.join(', ')}, which left global routing during the push (failed over or excluded), so the global endpoint sent the rest elsewhere. Retry the push: it uploads the missing layers where the manifest goes now.`;
      return `the manifest reached ${where}, but layers went to ${uploads.join(', ') || 'another replica'}: DNS answered differently within one push (DNS bouncing). Push to a regional endpoint, pin DNS for the push (--dns pin-push), or simply retry the push.`;
    }
    case 'UNAUTHORIZED':
      return `${context.client} holds no credential for ${last?.host ?? 'this host'}: docker stores credentials per host name. Sign in with "az acr login -n REGISTRY [--endpoint REGION]" or "docker login HOST".`;
    case 'DENIED':
      return `the credential ${context.client} holds for ${last?.host ?? 'this host'} does not allow this request: an identity needs a role that grants it (AcrPull pulls, AcrPush pushes, AcrDelete deletes); a token only reaches its repositories and actions (az acr token list).`;
    case 'TOOMANYREQUESTS':
      return `${where} is over its per-minute request budget. Budgets are per replica: spread load over several replicas with regional endpoints, and retry with backoff.`;
    case 'UNAVAILABLE':
      return `${where} is unavailable (outage). The global endpoint moves away from a failed replica only after the detection window and the DNS TTL; regional endpoints never move.`;
    default:
      return undefined;
  }
}

/** Regions among the global-endpoint requests that the global endpoint no longer routes to. */
export function regionsOutOfRouting(sim: Simulation, served: readonly Served[]): string[] {
  const out = new Set<string>();
  for (const s of served) {
    if (s.endpoint !== 'global' || s.location === undefined || out.has(s.location)) continue;
    const endpoint = parseHost(sim, s.host);
    if (!endpoint.ok) continue;
    const replica = endpoint.value.registry.replicaAt(s.location);
    if (replica && !globalRoutingPool(endpoint.value.registry).includes(replica)) out.add(s.location);
  }
  return [...out];
}

/**
 * Points out requests that the global endpoint would no longer send to a replica but that still
 * reached it because the client's resolver kept an old answer (B-HEALTH-4, B-HEALTH-7).
 */
export function staleRoutingNotes(sim: Simulation, client: Client, served: readonly Served[]): string[] {
  const notes: string[] = [];
  const seen = new Set<string>();
  // Only resolvers that keep answers between requests can hold a stale one.
  if (client.dns !== 'cache' && client.dns !== 'long-lived') return notes;
  for (const s of served) {
    if (s.endpoint !== 'global' || s.location === undefined || seen.has(s.location)) continue;
    const endpoint = parseHost(sim, s.host);
    if (!endpoint.ok) continue;
    const replica = endpoint.value.registry.replicaAt(s.location);
    if (!replica || globalRoutingPool(endpoint.value.registry).includes(replica)) continue;
    seen.add(s.location);
    const cached = client.dnsCache.get(s.host);
    if (!cached || cached.replica !== replica.name) continue;
    const why = replica.globalEndpointRouting
      ? 'is out of global routing (unhealthy)'
      : 'is excluded from global routing';
    notes.push(
      `${s.location} ${why}, but ${client.name}'s resolver (${client.dns}) still holds the old DNS answer` +
        ` until ${formatClock(cached.expires)}`,
    );
  }
  return notes;
}

/**
 * Prints how a sign-in went (`docker login`, `az acr login`): where it was served, a stale DNS
 * answer if one sent it there, and on failure docker's error and why. Returns the exit code's
 * part: 0 when the credential was stored, 1 when the endpoint could not answer.
 */
export function reportSignIn(ctx: CommandContext, signIn: SignIn): number {
  for (const line of servedLines([signIn.served])) ctx.explain(line);
  for (const line of staleRoutingNotes(ctx.sim, ctx.client, [signIn.served])) ctx.explain(line);
  if (!signIn.error) return 0;
  const why = explainFailure(signIn.error, [signIn.served], { client: ctx.client.name, ref: signIn.host });
  if (why) ctx.explain(why);
  ctx.out(
    `Error response from daemon: Get "https://${signIn.host}/v2/": ${signIn.error.message} (${signIn.error.code})`,
  );
  return 1;
}
