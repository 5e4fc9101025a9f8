import {
  formatBytes,
  formatClock,
  isReplicaUp,
  syncProgress,
  type Registry,
  type Replica,
  type Simulation,
} from '../../engine';

/** Azure's provisioningState for a replica phase. */
export function provisioningState(replica: Replica): string {
  switch (replica.phase) {
    case 'provisioning':
      return 'Creating';
    case 'syncing':
    case 'ready':
      return 'Succeeded';
    case 'deleting':
      return 'Deleting';
  }
}

/** The replica's status as `az acr replication list` shows it. */
export function displayStatus(sim: Simulation, replica: Replica): string {
  if (replica.phase === 'deleting') return 'Deleting';
  if (replica.phase === 'provisioning') return 'Creating';
  if (!isReplicaUp(sim, replica)) return 'Unavailable';
  if (replica.phase === 'syncing') return 'Syncing';
  return 'Ready';
}

/** One line about a replica: lifecycle, sync progress, health and routing. */
export function describeReplicaState(sim: Simulation, registry: Registry, replica: Replica): string {
  const parts: string[] = [];
  if (replica.location === registry.home) parts.push('home');
  parts.push(displayStatus(sim, replica));
  if (replica.phase === 'syncing') {
    const p = syncProgress(sim, replica);
    parts.push(
      `initial sync ${p.percent}% (${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` +
        (p.eta !== undefined ? `, ready about ${formatClock(p.eta)})` : ')'),
    );
  }
  if (!replica.globalEndpointRouting) parts.push('excluded from global routing');
  else if (!replica.inHealthyPool)
    // Back up but not yet back in the pool: failback waits for health detection to see it.
    parts.push(
      isReplicaUp(sim, replica) ? 'healthy again, waiting for failback' : 'out of global routing (unhealthy)',
    );
  return parts.join(', ');
}

/** Replication work on its way to `replica`, one line per job. */
export function pendingWork(sim: Simulation, registry: Registry, replica: Replica, repo?: string): string[] {
  const lines: string[] = [];
  for (const job of registry.pending) {
    if (job.target !== replica.name) continue;
    const c = job.change;
    if (repo !== undefined && c.repository !== repo) continue;
    const origin = registry.replicas.get(job.origin)?.location ?? job.origin;
    const what =
      c.kind === 'manifest'
        ? `${c.repository}${c.tag !== undefined ? `:${c.tag}` : ''} (${c.manifest.digest.slice(0, 19)}…)`
        : c.kind === 'untag'
          ? `untag ${c.repository}:${c.tag}`
          : c.kind === 'manifest-delete'
            ? `delete ${c.repository}@${c.manifest.digest.slice(0, 19)}…`
            : `delete repository ${c.repository}`;
    let state: string = job.state;
    if (job.flow) {
      const done = Math.min(
        job.flow.bytes,
        job.flow.bytesDone + job.flow.rate * (sim.now - job.flow.updatedAt),
      );
      state = `transferring ${Math.floor((done / Math.max(1, job.flow.bytes)) * 100)}% of ${formatBytes(job.flow.bytes)}`;
    }
    lines.push(`${what} from ${origin}, ${state}`);
  }
  return lines;
}
