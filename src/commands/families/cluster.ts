import { addCluster, availableReplicas, MAX_CLUSTER_NODES } from '../../engine';
import type { CommandSpec } from '../spec';

const clusterAdd: CommandSpec = {
  path: ['sim', 'cluster', 'add'],
  summary: 'Create a Kubernetes (AKS) cluster whose nodes pull images like docker clients.',
  details:
    'The cluster may pull from every simulated registry, as if attached to it (az aks update --attach-acr):\n' +
    "the kubelet signs each node in to the image's host when it pulls. Nodes sit around the region and\n" +
    'resolve, cache DNS and download like any client. The first cluster becomes the kubectl context.',
  flags: [
    {
      name: 'location',
      short: 'l',
      type: 'string',
      required: true,
      metavar: 'REGION',
      help: "The cluster's Azure region.",
    },
    {
      name: 'nodes',
      type: 'int',
      min: 1,
      max: MAX_CLUSTER_NODES,
      defaultText: '3',
      help: 'Number of agent nodes.',
    },
  ],
  positionals: [{ name: 'NAME', help: 'The cluster name, also its kubectl context name.', required: true }],
  examples: [
    'sim cluster add aks-weu --location westeurope',
    'sim cluster add aks-jpe -l japaneast --nodes 5',
  ],
  run: (ctx, args) => {
    const nodes = args.num('nodes');
    const r = addCluster(ctx.sim, {
      name: args.positionals[0]!,
      location: args.req('location'),
      ...(nodes !== undefined ? { nodes } : {}),
    });
    if (!r.ok) {
      ctx.out(`sim cluster add: ${r.error.message}`);
      return 2;
    }
    const c = r.value;
    const first = c.nodes[0]!.name;
    ctx.explain(
      `cluster ${c.name} in ${c.location}: ${c.nodes.length} node${c.nodes.length === 1 ? '' : 's'} (${first}${c.nodes.length > 1 ? ' …' : ''}); it may pull from every registry, as if attached`,
    );
    if (ctx.session.kubeContext === undefined || !ctx.sim.clusters.has(ctx.session.kubeContext)) {
      ctx.session.kubeContext = c.name;
      ctx.explain(`kubectl context is now ${c.name}`);
    } else {
      ctx.explain(`use it with "kubectl --context ${c.name} …" or "kubectl config use-context ${c.name}"`);
    }
    return 0;
  },
};

const clusterList: CommandSpec = {
  path: ['sim', 'cluster', 'list'],
  summary: 'List clusters: region, nodes, deployments and pods (* marks the kubectl context).',
  flags: [],
  run: (ctx) => {
    if (ctx.sim.clusters.size === 0) {
      ctx.out('no clusters; add one with "sim cluster add NAME --location REGION"');
      return 0;
    }
    for (const c of ctx.sim.clusters.values()) {
      const mark = c.name === ctx.session.kubeContext ? '*' : ' ';
      const deployments = [...c.deployments.values()];
      const running = deployments.reduce((n, d) => n + availableReplicas(d), 0);
      ctx.out(
        `${mark} ${c.name.padEnd(12)} ${c.location.padEnd(18)} ${`${c.nodes.length} node${c.nodes.length === 1 ? '' : 's'}`.padEnd(10)} ` +
          `${deployments.length} deployment${deployments.length === 1 ? '' : 's'}, ${c.pods.size} pod${c.pods.size === 1 ? '' : 's'} (${running} running)`,
      );
    }
    return 0;
  },
};

export const clusterCommands: readonly CommandSpec[] = [clusterAdd, clusterList];
