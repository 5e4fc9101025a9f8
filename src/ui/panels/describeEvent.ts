import type { SimEvent } from '../../engine';
import { shortDigest } from '../../engine/digest-text';
import { formatBytes, formatClock, formatDuration } from '../../engine/units';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `the westeurope replica` when the replica is named after its region, else `replica eu1 (westeurope)`. */
function replicaName(e: { replica: string; location: string }): string {
  return e.replica === e.location ? `the ${e.location} replica` : `replica ${e.replica} (${e.location})`;
}

function reference(repository: string, tag: string | undefined, digest: string | undefined): string {
  if (tag !== undefined) return `${repository}:${tag}`;
  return digest === undefined ? repository : `${repository}@${shortDigest(digest)}`;
}

/**
 * One plain sentence for the event log, in the product's own words. The switch is exhaustive:
 * a new event kind is a compile error here until it has a sentence.
 */
export function describeEvent(e: SimEvent): string {
  switch (e.kind) {
    case 'registry.created':
      return `Registry ${e.registry} created (${e.sku}), with its home region in ${e.location}.`;
    case 'registry.updated':
      return `Registry ${e.registry} settings changed: ${e.changes}.`;
    case 'registry.deleted':
      return `Registry ${e.registry} and all its replicas were deleted.`;
    case 'replica.creating':
      return `Started creating ${replicaName(e)} of ${e.registry}.`;
    case 'replica.provisioned':
      return e.syncBytes > 0
        ? `${capital(replicaName(e))} is provisioned and is copying ${formatBytes(e.syncBytes)} of existing content.`
        : `${capital(replicaName(e))} is provisioned; there is no existing content to copy.`;
    case 'replica.ready':
      return `${capital(replicaName(e))} of ${e.registry} is Ready and serves requests.`;
    case 'replica.deleting':
      return `Started deleting ${replicaName(e)} of ${e.registry}.`;
    case 'replica.deleted':
      return `${capital(replicaName(e))} of ${e.registry} is gone; its content there is no longer served.`;
    case 'replica.routing':
      return e.enabled
        ? `${capital(replicaName(e))} is back in global-endpoint routing.`
        : `${capital(replicaName(e))} no longer gets global-endpoint traffic; its regional endpoint still answers.`;
    case 'client.added':
      return `Client ${e.client} placed in ${e.location}.`;
    case 'client.login':
      return `${e.client} signed in to ${e.host} as ${e.principal}.`;
    case 'client.logout':
      return `${e.client} signed out of ${e.host}.`;
    case 'image.built':
      return `${e.client} built ${e.ref} (${formatBytes(e.size)}, digest ${shortDigest(e.digest)}).`;
    case 'request':
      return `${e.client} ${e.method} ${e.path} → ${e.status}${e.code ? ` ${e.code}` : ''}, answered by ${e.location} via the ${e.endpoint} endpoint.`;
    case 'push.committed':
      return `${reference(e.repository, e.tag, e.digest)} was written in ${e.location}; replication to the other replicas begins.`;
    case 'delete.committed':
      return `${deletedTarget(e.target)} was deleted in ${e.location}; other replicas keep serving it until the deletion replicates.`;
    case 'replication.applied':
      if (e.superseded)
        return `${replicatedChange(e)} reached ${e.to} from ${e.from} after a newer deletion and was dropped: it stays deleted there.`;
      return `${replicatedChange(e)} reached ${e.to} from ${e.from}, ${formatDuration(Math.round(e.lagMs / 100) * 100)} after the write${e.bytes > 0 ? ` (${formatBytes(e.bytes)} copied)` : ''}.`;
    case 'outage.start':
      return e.scope === 'region'
        ? `Region outage began in ${e.location}: every registry there stops answering.`
        : `Outage began for ${e.registry ?? 'the registry'} in ${e.location}; other registries there are unaffected.`;
    case 'outage.end':
      return e.scope === 'region'
        ? `The region outage in ${e.location} is over.`
        : `The outage of ${e.registry ?? 'the registry'} in ${e.location} is over.`;
    case 'health.unhealthy':
      return `${e.registry} in ${e.location} stopped answering; routing has not noticed yet.`;
    case 'health.healthy':
      return e.routed
        ? `${e.registry} in ${e.location} answers again, before routing noticed the failure: the global endpoint never stopped sending traffic there.`
        : `${e.registry} in ${e.location} answers again; routing will take it back after a recovery period.`;
    case 'health.detected':
      return `Routing detected that ${e.location} is down and stopped sending global-endpoint traffic there.`;
    case 'health.failback':
      return `Routing sends global-endpoint traffic to ${e.location} again.`;
    case 'health.lastRequest':
      return `While ${e.location} was down, the last global-endpoint request still reached it at ${formatClock(e.at)} (cached DNS answers).`;
    case 'dns.updated':
      return e.pool.length === 0
        ? `The global endpoint of ${e.registry} now has no replica to answer with.`
        : `The global endpoint of ${e.registry} now answers with ${plural(e.pool.length, 'replica')}: ${e.pool.join(', ')}.`;
    case 'config.set':
      return `Simulator setting ${e.key} is now ${e.value}.`;
    case 'cluster.added':
      return `Cluster ${e.cluster} created in ${e.location} with ${plural(e.nodes, 'node')}; it may pull from every registry.`;
    case 'deployment.created':
      return `Deployment ${e.deployment} created on ${e.cluster}: ${plural(e.replicas, 'pod')} of ${e.image}.`;
    case 'deployment.deleted':
      return `Deployment ${e.deployment} deleted from ${e.cluster}, with its pods.`;
    case 'pod.pulling':
      return `Pod ${e.pod} on ${e.cluster} is pulling ${e.image}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}.`;
    case 'pod.failed':
      return `Pod ${e.pod} on ${e.cluster} could not pull ${e.image}${e.servedBy ? ` from ${e.servedBy}` : ''}: ${e.code}; it retries in ${formatDuration(e.backoffMs)} (ImagePullBackOff).`;
    case 'pod.running':
      return `Pod ${e.pod} on ${e.cluster} is running ${e.image}${e.cached ? ' (image already on its node)' : ''}.`;
    case 'load.started':
      return `Load ${e.generator} started: ${e.pullsPerMinute} pulls/min of ${e.image} from ${e.location} via the ${e.endpoint} endpoint${e.retry === 'backoff' ? ', retrying with backoff' : ''}.`;
    case 'load.minute':
      return `Load ${e.generator}, minute from ${formatClock(e.from)}: ${e.issued} pulls issued, ${e.succeeded} ok, ${e.throttled} ended with 429, ${e.failed} failed, ${e.inFlight} waiting to retry${e.replicas.length > 0 ? `; ${e.replicas.map((r) => `${r.location} ${r.reads} reads, ${r.throttled}× 429`).join('; ')}` : ''}.`;
    case 'load.stopped':
      return `Load ${e.generator} ${e.finished ? 'finished' : 'stopped'} after ${e.issued} pulls: ${e.succeeded} ok, ${e.throttled} throttled (429), ${e.failed} failed.`;
    case 'webhook.delivered':
      return `Webhook ${e.webhook} in ${e.location} delivered a ${e.action} event for ${reference(e.repository, e.tag, e.digest)} (HTTP ${e.httpStatus}).`;
    case 'webhook.failed':
      return `Webhook ${e.webhook} in ${e.location} could not deliver a ${e.action} event for ${reference(e.repository, e.tag, e.digest)}${e.httpStatus > 0 ? ` (HTTP ${e.httpStatus})` : ' (its region is down)'}; ACR does not retry it.`;
    default:
      return unknownEvent(e);
  }
}

/**
 * A delete's target as people write it. The engine names a manifest deleted by tag `repo@tag`
 * (`@` marks a manifest delete, `:` an untag); read aloud that is the manifest tagged `repo:tag`.
 */
function deletedTarget(target: string): string {
  const at = target.indexOf('@');
  if (at < 0 || target.startsWith('sha256:', at + 1)) return target;
  return `The manifest tagged ${target.slice(0, at)}:${target.slice(at + 1)}`;
}

/** What a replication carried, as a sentence's subject (names keep their case: `app:v2`). */
function replicatedChange(e: Extract<SimEvent, { kind: 'replication.applied' }>): string {
  const ref = reference(e.repository, e.tag, e.digest);
  switch (e.change) {
    case 'manifest':
    case 'manifest+tag':
      return ref;
    case 'untag':
      return `The removal of tag ${ref}`;
    case 'manifest-delete':
      return `The deletion of ${ref}`;
    case 'repository-delete':
      return `The deletion of repository ${e.repository}`;
    default:
      return `${ref} (${e.change})`;
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unknownEvent(e: never): string {
  return `Unrecognised event ${(e as { kind: string }).kind}.`;
}
