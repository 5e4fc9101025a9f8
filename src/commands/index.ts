import { azAcrCommands } from './families/az-acr';
import { azReplicationCommands } from './families/az-replication';
import { azRepositoryCommands } from './families/az-repository';
import { dockerCommands } from './families/docker';
import { simCommands } from './families/sim';
import { CommandTree } from './registry';

export { CommandTree } from './registry';
export { Session, type RunningCommand, type LineSink } from './session';
export { tokenize, quoteWord } from './tokenize';
export { parseCommand, type ParseOutcome } from './parse';
export { commandHelp, groupHelp, overview } from './help';
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
  'sim wait': 'Advance time until something has happened.',
};

/** Every command the console understands, as one tree. */
export function createCommandTree(): CommandTree {
  return new CommandTree(
    [...azAcrCommands, ...azReplicationCommands, ...azRepositoryCommands, ...dockerCommands, ...simCommands],
    GROUPS,
  );
}
