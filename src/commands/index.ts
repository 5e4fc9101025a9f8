import { azAcrCommands } from './families/az-acr';
import { azImportCommands } from './families/az-import';
import { azReplicationCommands } from './families/az-replication';
import { azRepositoryCommands } from './families/az-repository';
import { azTaskCommands } from './families/az-tasks';
import { azTokenCommands, simIdentityCommands } from './families/az-token';
import { azWebhookCommands, simWebhookCommands } from './families/az-webhook';
import { clusterCommands } from './families/cluster';
import { dockerCommands } from './families/docker';
import { kubectlCommands } from './families/kubectl';
import { simCommands } from './families/sim';
import { simCostCommands } from './families/sim-cost';
import { simLoadCommands } from './families/sim-load';
import { simNetworkCommands } from './families/sim-network';
import { CommandTree } from './registry';

export { CommandTree } from './registry';
export { Session, type RunningCommand, type LineSink } from './session';
export { tokenize, quoteWord } from './tokenize';
export { parseCommand, type ParseOutcome } from './parse';
export { commandHelp, groupHelp, helpPage, overview, SHELL_WORDS } from './help';
export { complete, type Completion } from './complete';
export { runScript, scriptJson, type ScriptResult, type ScriptCommand } from './script';
export type { CommandSpec, FlagSpec } from './spec';

const GROUPS: Readonly<Record<string, string>> = {
  az: 'Azure CLI: registries, replicas, repositories.',
  'az acr': 'Manage Azure Container Registries.',
  'az acr replication': 'Manage geo-replicas of a Premium registry.',
  'az acr repository': 'List and delete repositories and tags (through the global endpoint).',
  docker: 'Docker client: build, tag, push and pull images, log in per host name.',
  sim: "The simulator's own commands: time, clients, outages, inspection, checkpoints.",
  'sim client': 'Place clients on the map and switch between them.',
  'sim cluster': 'Kubernetes clusters whose nodes pull like docker clients, attached to every registry.',
  kubectl:
    'Kubernetes CLI: deployments whose pods pull images from the registry; --context picks the cluster.',
  'kubectl create': 'Create a resource (a deployment).',
  'kubectl rollout': 'Follow the rollout of a deployment.',
  'kubectl config': 'Contexts: which cluster kubectl talks to.',
  'sim wait': 'Advance time until something has happened.',
  'sim load': 'Fleets that pull an image at a steady rate, to see per-replica throttling.',
  'az acr webhook': 'Webhooks that notify a service of pushes and deletes at each replica location.',
  'sim webhook': 'Webhook deliveries across webhooks, deduplication, and receivers that are down.',
  'az acr token': 'Repository-scoped tokens: docker logins limited to some repositories and actions.',
  'sim identity': 'Identities with Azure roles (Owner, Reader, AcrPull...): who the az commands act as.',
  'az acr task': 'ACR Tasks: stored build definitions that build and push in the home region.',
  'sim network': 'Subnets and private endpoints: addresses per endpoint, and replicas that need room.',
  'sim network subnet': 'Subnets and their usable, used and free addresses.',
  'sim network private-endpoint': 'Private endpoints to a registry, each taking addresses in a subnet.',
};

/** Every command the console understands, as one tree. */
export function createCommandTree(): CommandTree {
  return new CommandTree(
    [
      ...azAcrCommands,
      ...azImportCommands,
      ...azReplicationCommands,
      ...azRepositoryCommands,
      ...azTaskCommands,
      ...azWebhookCommands,
      ...azTokenCommands,
      ...simIdentityCommands,
      ...simWebhookCommands,
      ...dockerCommands,
      ...kubectlCommands,
      ...simCommands,
      ...clusterCommands,
      ...simLoadCommands,
      ...simCostCommands,
      ...simNetworkCommands,
    ],
    GROUPS,
  );
}
