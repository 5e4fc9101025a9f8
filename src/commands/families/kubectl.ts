import {
  availableReplicas,
  createDeployment,
  deleteDeployment,
  findCluster,
  formatClock,
  formatDuration,
  MAX_DEPLOYMENT_REPLICAS,
  podStatus,
  type Cluster,
  type Deployment,
  type Pod,
} from '../../engine';
import type { CommandContext } from '../context';
import { isoTime } from '../format';
import { shown } from '../parse';
import type { CommandSpec, FlagSpec, ParsedArgs } from '../spec';
import { explainFailure, servedLines } from './explain';

/** kubectl's global `--context`: allowed before the subcommand (`kubectl --context c get pods`). */
const CONTEXT_FLAG: FlagSpec = {
  name: 'context',
  type: 'string',
  metavar: 'CLUSTER',
  leading: true,
  help: 'The kubeconfig context (cluster) to use; default: the current context.',
};

/** The cluster a kubectl command talks to, or undefined after printing kubectl's error. */
function clusterFor(ctx: CommandContext, args: ParsedArgs): Cluster | undefined {
  const name = args.str('context') ?? ctx.session.kubeContext;
  const known = [...ctx.sim.clusters.keys()];
  if (name === undefined) {
    ctx.out(
      known.length === 0
        ? 'error: no context is set: create a cluster first with "sim cluster add NAME --location REGION"'
        : `error: no context is set: pass --context or run "kubectl config use-context NAME" (contexts: ${known.join(', ')})`,
    );
    return undefined;
  }
  const cluster = findCluster(ctx.sim, name);
  if (!cluster) {
    ctx.out(
      `error: context "${shown(name)}" does not exist` +
        (known.length > 0 ? ` (contexts: ${known.join(', ')})` : ' (add a cluster with "sim cluster add")'),
    );
    return undefined;
  }
  return cluster;
}

type Kind = 'pods' | 'deployments' | 'nodes';
const KINDS: Readonly<Record<string, Kind>> = {
  pod: 'pods',
  pods: 'pods',
  po: 'pods',
  deployment: 'deployments',
  deployments: 'deployments',
  deploy: 'deployments',
  'deployment.apps': 'deployments',
  node: 'nodes',
  nodes: 'nodes',
  no: 'nodes',
};

/** `TYPE NAME` or `TYPE/NAME`, as kubectl accepts both. */
function target(
  ctx: CommandContext,
  positionals: readonly string[],
): { kind: Kind; name: string | undefined } | undefined {
  const [first, second] = positionals;
  const slash = first!.indexOf('/');
  const type = slash >= 0 ? first!.slice(0, slash) : first!;
  const name = slash >= 0 ? first!.slice(slash + 1) : second;
  const kind = Object.hasOwn(KINDS, type.toLowerCase()) ? KINDS[type.toLowerCase()] : undefined;
  if (!kind) {
    ctx.out(
      `error: the server doesn't have a resource type "${shown(type)}" (the simulator knows pods, deployments and nodes)`,
    );
    return undefined;
  }
  if (slash >= 0 && second !== undefined) {
    ctx.out(
      `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form`,
    );
    return undefined;
  }
  if (name === '') {
    ctx.out(`error: arguments in resource/name form must have a single resource and name`);
    return undefined;
  }
  return { kind, name };
}

/** The API server lists objects sorted by name. */
const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** kubectl's AGE: `45s`, `2m10s`, `15m`, `3h20m`, `5d`. */
export function kubeAge(ms: number): string {
  // A hair of tolerance: simulated times carry fractional latencies (89.999999s is 90s).
  const s = Math.max(0, Math.floor(ms / 1000 + 1e-6));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 192) return h % 24 === 0 ? `${Math.floor(h / 24)}d` : `${Math.floor(h / 24)}d${h % 24}h`;
  return `${Math.floor(h / 24)}d`;
}

/** kubectl's columns: each padded to its widest cell plus three spaces. */
function table(ctx: CommandContext, rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    ctx.out(
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3)))
        .join('')
        .trimEnd(),
    );
}

/** A simulated instant as kubectl prints times: `Mon, 01 Jun 2026 00:01:02 +0000`. */
function kubeTime(ms: number): string {
  return new Date(isoTime(ms)).toUTCString().replace('GMT', '+0000');
}

const notFound = (ctx: CommandContext, what: string, name: string): number => {
  ctx.out(`Error from server (NotFound): ${what} "${shown(name)}" not found`);
  return 1;
};

const createDeploymentCmd: CommandSpec = {
  path: ['kubectl', 'create', 'deployment'],
  summary: 'Create a deployment: REPLICAS pods that each pull IMAGE on their node, at once.',
  details:
    'Returns at once, as kubectl does. Each pod pulls on its own: a failed pull shows ErrImagePull, then\n' +
    'ImagePullBackOff while kubelet waits 10s, 20s, 40s … (at most 5m) before retrying. Follow with\n' +
    '"kubectl get pods" or "kubectl rollout status deployment/NAME".',
  flags: [
    CONTEXT_FLAG,
    { name: 'image', type: 'string', required: true, metavar: 'REF', help: 'The image every pod runs.' },
    {
      name: 'replicas',
      type: 'int',
      min: 0,
      max: MAX_DEPLOYMENT_REPLICAS,
      defaultText: '1',
      help: 'Number of pods.',
    },
  ],
  positionals: [{ name: 'NAME', help: 'The deployment name (lower case).', required: true }],
  examples: [
    'kubectl --context aks-weu create deployment web --image=myregistry.azurecr.io/web:v1 --replicas=3',
  ],
  run: (ctx, args) => {
    const cluster = clusterFor(ctx, args);
    if (!cluster) return 1;
    const name = args.positionals[0]!;
    const replicas = args.num('replicas');
    const r = createDeployment(ctx.sim, cluster, {
      name,
      image: args.req('image'),
      ...(replicas !== undefined ? { replicas } : {}),
    });
    if (!r.ok) {
      if (r.error.code === 'AlreadyExists') ctx.out(`Error from server (AlreadyExists): ${r.error.message}`);
      else ctx.out(`error: failed to create deployment: ${r.error.message}`);
      return 1;
    }
    ctx.out(`deployment.apps/${name} created`);
    const d = r.value;
    ctx.explain(
      `${d.replicas} pod${d.replicas === 1 ? '' : 's'} on ${cluster.name} (${cluster.location}) start pulling ${d.image} now, each on its own`,
    );
    return 0;
  },
};

function podRow(ctx: CommandContext, pod: Pod, wide: boolean): string[] {
  const row = [
    pod.name,
    `${pod.phase === 'Running' ? 1 : 0}/1`,
    podStatus(pod),
    String(pod.restarts),
    kubeAge(ctx.sim.now - pod.createdAt),
  ];
  if (wide) row.push(pod.ip, pod.node.name, '<none>', '<none>');
  return row;
}

const get: CommandSpec = {
  path: ['kubectl', 'get'],
  summary: 'List pods, deployments or nodes of the cluster (kubectl get pods).',
  flags: [
    CONTEXT_FLAG,
    {
      name: 'output',
      short: 'o',
      type: 'choice',
      choices: ['wide', 'name'],
      help: 'wide adds the IP and node; name prints TYPE/NAME only.',
    },
  ],
  positionals: [
    { name: 'RESOURCE', help: 'pods, deployments or nodes (or TYPE/NAME).', required: true },
    { name: 'NAME', help: 'Only this one.' },
  ],
  examples: ['kubectl get pods', 'kubectl --context aks-weu get pods -o wide', 'kubectl get deployments'],
  run: (ctx, args) => {
    const t = target(ctx, args.positionals);
    if (!t) return 1;
    const cluster = clusterFor(ctx, args);
    if (!cluster) return 1;
    const output = args.str('output');
    const now = ctx.sim.now;
    if (t.kind === 'pods') {
      let pods = [...cluster.pods.values()].sort(byName);
      if (t.name !== undefined) {
        pods = pods.filter((p) => p.name === t.name);
        if (pods.length === 0) return notFound(ctx, 'pods', t.name);
      }
      if (pods.length === 0) {
        ctx.out('No resources found in default namespace.');
        return 0;
      }
      if (output === 'name') {
        for (const p of pods) ctx.out(`pod/${p.name}`);
        return 0;
      }
      const wide = output === 'wide';
      const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
      if (wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
      table(ctx, [header, ...pods.map((p) => podRow(ctx, p, wide))]);
      return 0;
    }
    if (t.kind === 'deployments') {
      let deps = [...cluster.deployments.values()].sort(byName);
      if (t.name !== undefined) {
        deps = deps.filter((d) => d.name === t.name);
        if (deps.length === 0) return notFound(ctx, 'deployments.apps', t.name);
      }
      if (deps.length === 0) {
        ctx.out('No resources found in default namespace.');
        return 0;
      }
      if (output === 'name') {
        for (const d of deps) ctx.out(`deployment.apps/${d.name}`);
        return 0;
      }
      const rows = deps.map((d) => {
        const row = [
          d.name,
          `${availableReplicas(d)}/${d.replicas}`,
          String(d.replicas),
          String(availableReplicas(d)),
          kubeAge(now - d.createdAt),
        ];
        if (output === 'wide') row.push(d.name, d.image, `app=${d.name}`);
        return row;
      });
      const header = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
      if (output === 'wide') header.push('CONTAINERS', 'IMAGES', 'SELECTOR');
      table(ctx, [header, ...rows]);
      return 0;
    }
    let nodes = [...cluster.nodes].sort(byName);
    if (t.name !== undefined) {
      nodes = nodes.filter((n) => n.name === t.name);
      if (nodes.length === 0) return notFound(ctx, 'nodes', t.name);
    }
    if (output === 'name') {
      for (const n of nodes) ctx.out(`node/${n.name}`);
      return 0;
    }
    const header = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
    if (output === 'wide') header.push('INTERNAL-IP', 'LOCATION');
    table(ctx, [
      header,
      ...nodes.map((n) => {
        const row = [n.name, 'Ready', '<none>', kubeAge(now - n.createdAt), 'v1.30.6'];
        if (output === 'wide') row.push(n.ip, n.client.locationLabel);
        return row;
      }),
    ]);
    return 0;
  },
};

/** The events table of `kubectl describe`, repeats folded as `5s (x3 over 45s)`. */
function eventLines(ctx: CommandContext, pod: Pod): string[] {
  if (pod.events.length === 0) return ['Events:                      <none>'];
  const now = ctx.sim.now;
  const rows = [
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    ['----', '------', '----', '----', '-------'],
    ...pod.events.map((e) => [
      e.type,
      e.reason,
      e.count > 1
        ? `${kubeAge(now - e.last)} (x${e.count} over ${kubeAge(now - e.first)})`
        : kubeAge(now - e.last),
      e.from,
      e.message,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return [
    'Events:',
    ...rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('')}`),
  ];
}

function describePod(ctx: CommandContext, cluster: Cluster, pod: Pod): void {
  const dep: Deployment | undefined = cluster.deployments.get(pod.deployment);
  const field = (label: string, value: string): void =>
    ctx.out(`${`${label}:`.padEnd(18)}${value}`.trimEnd());
  field('Name', pod.name);
  field('Namespace', 'default');
  field('Node', `${pod.node.name}/${pod.node.ip}`);
  field('Start Time', kubeTime(pod.createdAt));
  field('Labels', `app=${pod.deployment}`);
  ctx.out(`${''.padEnd(18)}pod-template-hash=${dep?.templateHash ?? ''}`);
  field('Status', pod.phase === 'Running' ? 'Running' : 'Pending');
  field('IP', pod.ip);
  field('Controlled By', `ReplicaSet/${pod.deployment}-${dep?.templateHash ?? ''}`);
  ctx.out('Containers:');
  ctx.out(`  ${pod.deployment}:`);
  const inner = (label: string, value: string): void =>
    ctx.out(`    ${`${label}:`.padEnd(16)}${value}`.trimEnd());
  inner('Image', pod.image);
  const digest = pod.lastPull?.ok ? pod.lastPull.digest : undefined;
  const at = pod.image.lastIndexOf(':');
  const repo = at > pod.image.lastIndexOf('/') ? pod.image.slice(0, at) : pod.image.split('@')[0]!;
  inner('Image ID', digest ? `${repo}@${digest}` : '');
  if (pod.phase === 'Running') {
    inner('State', 'Running');
    ctx.out(`      ${'Started:'.padEnd(14)}${kubeTime(pod.startedAt ?? ctx.sim.now)}`);
  } else {
    inner('State', 'Waiting');
    ctx.out(`      ${'Reason:'.padEnd(14)}${pod.reason ?? 'ContainerCreating'}`);
  }
  inner('Ready', pod.phase === 'Running' ? 'True' : 'False');
  inner('Restart Count', String(pod.restarts));
  for (const l of eventLines(ctx, pod)) ctx.out(l);
  const node = pod.node;
  const last = pod.lastPull;
  if (node.pulling === pod.name) {
    ctx.explain(`attempt ${pod.pullAttempts} is in flight on ${node.name} (${cluster.location})`);
  } else if (
    !pod.deleted &&
    pod.phase !== 'Running' &&
    pod.reason === undefined &&
    node.pulling !== undefined
  ) {
    ctx.explain(`waiting for ${node.name}: kubelet pulls one image at a time and ${node.pulling} is pulling`);
  }
  if (!last) return;
  if (last.cached) {
    ctx.explain(`the image was already on ${node.name} (pull policy ${pod.pullPolicy}): no request was made`);
    return;
  }
  ctx.explain(
    `${last.attempt === pod.pullAttempts ? 'last' : 'previous'} pull (attempt ${last.attempt}) from ${node.name} in ${cluster.location} at ${formatClock(last.startedAt)}:`,
  );
  for (const l of servedLines(last.served)) ctx.explain(l);
  if (!last.ok && last.error) {
    if (last.served.length === 0) ctx.explain(`no request was made: ${last.error.message}`);
    const why = explainFailure(last.error, last.served, { client: node.name, ref: pod.image });
    if (why) ctx.explain(why);
    if (pod.retryAt !== undefined && !pod.deleted)
      ctx.explain(
        `kubelet retries at ${formatClock(pod.retryAt)} (backoff ${formatDuration(Math.round(pod.retryAt - last.finishedAt) || 0)}; it doubles up to 5m)`,
      );
  }
}

const describe: CommandSpec = {
  path: ['kubectl', 'describe'],
  summary: "Show a pod's state and events, and which replica served its last pull.",
  flags: [CONTEXT_FLAG],
  positionals: [
    { name: 'RESOURCE', help: 'pod (or pod/NAME).', required: true },
    { name: 'NAME', help: 'The pod, or a prefix such as the deployment name; every pod when left out.' },
  ],
  examples: ['kubectl describe pod web'],
  run: (ctx, args) => {
    const t = target(ctx, args.positionals);
    if (!t) return 1;
    if (t.kind !== 'pods') {
      ctx.out(`error: the simulator describes pods only; try "kubectl describe pod NAME"`);
      return 1;
    }
    const cluster = clusterFor(ctx, args);
    if (!cluster) return 1;
    const all = [...cluster.pods.values()].sort(byName);
    let pods = all;
    if (t.name !== undefined) {
      // Like kubectl: the exact pod, else every pod whose name starts with NAME (`describe pod web`).
      const exact = cluster.pods.get(t.name);
      const name = t.name;
      pods = exact ? [exact] : all.filter((p) => p.name.startsWith(name));
      if (pods.length === 0) return notFound(ctx, 'pods', t.name);
    }
    if (pods.length === 0) {
      ctx.out('No resources found in default namespace.');
      return 0;
    }
    let first = true;
    for (const pod of pods) {
      if (!first) ctx.out('');
      first = false;
      describePod(ctx, cluster, pod);
    }
    return 0;
  },
};

const rolloutStatus: CommandSpec = {
  path: ['kubectl', 'rollout', 'status'],
  summary: 'Wait (in simulated time) until every pod of a deployment runs.',
  details:
    'Prints a line each time the number of available pods changes. Gives up after --timeout with\n' +
    "kubectl's error; --timeout 0 waits for ever.",
  flags: [
    CONTEXT_FLAG,
    {
      name: 'timeout',
      type: 'duration',
      defaultText: '10m',
      help: 'Give up after this much simulated time.',
    },
  ],
  positionals: [
    { name: 'RESOURCE', help: 'deployment/NAME (or deployment NAME).', required: true },
    { name: 'NAME', help: 'The deployment, when not given as deployment/NAME.' },
  ],
  examples: [
    'kubectl rollout status deployment/web',
    'kubectl --context aks-jpe rollout status deploy/web --timeout=2m',
  ],
  run: (ctx, args) => {
    const t = target(ctx, args.positionals);
    if (!t) return 1;
    if (t.kind !== 'deployments' || t.name === undefined) {
      ctx.out(
        t.kind !== 'deployments'
          ? `error: no status viewer has been implemented for ${t.kind}`
          : 'error: required resource name not specified: use deployment/NAME',
      );
      return 1;
    }
    const cluster = clusterFor(ctx, args);
    if (!cluster) return 1;
    const name = t.name;
    const dep = cluster.deployments.get(name);
    if (!dep) return notFound(ctx, 'deployments.apps', name);
    const limit = args.num('timeout') ?? 600_000;
    const sim = ctx.sim;
    const start = sim.now;
    return (function* () {
      let timedOut = false;
      if (limit > 0)
        sim.scheduler.after(limit, () => {
          timedOut = true;
          sim.notify();
        });
      let shownCount = -1;
      for (;;) {
        if (cluster.deployments.get(name) !== dep) {
          ctx.out(`error: deployment "${name}" was deleted while waiting for its rollout`);
          return 1;
        }
        const available = availableReplicas(dep);
        if (available >= dep.replicas) {
          ctx.out(`deployment "${name}" successfully rolled out`);
          const failed = dep.pods.reduce((n, p) => n + Math.max(0, p.pullAttempts - 1), 0);
          const took = rolledOutAt(dep, sim.now) - dep.createdAt;
          ctx.explain(
            `${dep.replicas} of ${dep.replicas} pods run after ${formatDuration(Math.round(took / 100) * 100)} since the deployment was created` +
              (failed > 0
                ? `; ${failed} pull${failed === 1 ? '' : 's'} failed and backed off on the way`
                : ''),
          );
          return 0;
        }
        if (available !== shownCount) {
          ctx.out(
            `Waiting for deployment "${name}" rollout to finish: ${available} of ${dep.replicas} updated replicas are available...`,
          );
          shownCount = available;
        }
        if (timedOut) {
          ctx.out('error: timed out waiting for the condition');
          ctx.explain(
            `${available} of ${dep.replicas} pods run after waiting ${formatDuration(sim.now - start)}; see "kubectl get pods" and "kubectl describe pod NAME"`,
          );
          return 1;
        }
        const seen = shownCount;
        yield {
          type: 'until',
          check: () => timedOut || cluster.deployments.get(name) !== dep || availableReplicas(dep) !== seen,
        } as const;
      }
    })();
  },
};

/**
 * When the rollout finished: the moment the last of the deployment's running pods started (not when the
 * command looked), so a status asked for later still reports how long the rollout itself took.
 */
export function rolledOutAt(dep: Deployment, fallback: number): number {
  let last: number | undefined;
  for (const p of dep.pods)
    if (!p.deleted && p.phase === 'Running' && p.startedAt !== undefined)
      last = last === undefined ? p.startedAt : Math.max(last, p.startedAt);
  return last ?? fallback;
}

const deleteCmd: CommandSpec = {
  path: ['kubectl', 'delete'],
  summary: 'Delete a deployment and its pods.',
  flags: [CONTEXT_FLAG],
  positionals: [
    { name: 'RESOURCE', help: 'deployment (or deployment/NAME).', required: true },
    { name: 'NAME', help: 'The deployment.' },
  ],
  examples: ['kubectl delete deployment web'],
  run: (ctx, args) => {
    const t = target(ctx, args.positionals);
    if (!t) return 1;
    if (t.kind !== 'deployments') {
      ctx.out(`error: the simulator deletes deployments only; try "kubectl delete deployment NAME"`);
      return 1;
    }
    if (t.name === undefined) {
      ctx.out('error: resource(s) were provided, but no name was specified');
      return 1;
    }
    const cluster = clusterFor(ctx, args);
    if (!cluster) return 1;
    const r = deleteDeployment(ctx.sim, cluster, t.name);
    if (!r.ok) return notFound(ctx, 'deployments.apps', t.name);
    ctx.out(`deployment.apps "${t.name}" deleted`);
    return 0;
  },
};

const useContext: CommandSpec = {
  path: ['kubectl', 'config', 'use-context'],
  summary: 'Make a cluster the current context, so --context can be left out.',
  flags: [],
  positionals: [{ name: 'NAME', help: 'A cluster name.', required: true }],
  examples: ['kubectl config use-context aks-weu'],
  run: (ctx, args) => {
    const name = args.positionals[0]!;
    if (!ctx.sim.clusters.has(name)) {
      ctx.out(`error: no context exists with the name: "${shown(name)}"`);
      return 1;
    }
    ctx.session.kubeContext = name;
    ctx.out(`Switched to context "${name}".`);
    return 0;
  },
};

const currentContext: CommandSpec = {
  path: ['kubectl', 'config', 'current-context'],
  summary: 'Print the current context.',
  flags: [],
  run: (ctx) => {
    const name = ctx.session.kubeContext;
    if (name === undefined || !ctx.sim.clusters.has(name)) {
      ctx.out('error: current-context is not set');
      return 1;
    }
    ctx.out(name);
    return 0;
  },
};

const getContexts: CommandSpec = {
  path: ['kubectl', 'config', 'get-contexts'],
  summary: 'List the contexts: one per cluster.',
  flags: [],
  run: (ctx) => {
    const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
    for (const c of ctx.sim.clusters.values())
      rows.push([c.name === ctx.session.kubeContext ? '*' : '', c.name, c.name, `clusterUser_${c.name}`, '']);
    table(ctx, rows);
    return 0;
  },
};

export const kubectlCommands: readonly CommandSpec[] = [
  createDeploymentCmd,
  get,
  describe,
  rolloutStatus,
  deleteCmd,
  useContext,
  currentContext,
  getContexts,
];
