import {
  buildDefinition,
  createTask,
  findTask,
  formatBytes,
  listTasks,
  PERMISSIONS,
  runTask,
  shortDigest,
  startTaskRun,
  type BuildDefinition,
  type Registry,
} from '../../engine';
import type { CommandContext } from '../context';
import { azError } from '../format';
import { NO_WAIT_FLAG, type CommandSpec, type FlagSpec, REGISTRY_FLAG } from '../spec';
import { lookupManagedRegistry, lookupRegistry } from './az-acr';

const IMAGE_FLAG: FlagSpec = {
  name: 'image',
  short: 't',
  type: 'string',
  required: true,
  metavar: 'REPO:TAG',
  help: 'The image to build and push, without the registry host.',
};
const SIZE_FLAGS: readonly FlagSpec[] = [
  {
    name: 'size',
    type: 'size',
    metavar: 'SIZE',
    defaultText: '100MB',
    help: 'Compressed size of the image.',
  },
  { name: 'layers', type: 'int', min: 1, max: 50, defaultText: '3', help: 'Number of layers.' },
];

/** Runs a build in the home region and prints it as `az acr build` does. */
function runBuild(ctx: CommandContext, registry: Registry, def: BuildDefinition, noWait: boolean) {
  const run = startTaskRun(ctx.sim, registry, def);
  if (!run.ok) return azError(ctx, run.error.code, run.error.message);
  const r = run.value;
  const target = `${registry.loginServer}/${def.repository}:${def.tag}`;
  ctx.out(`Queued a build with ID: ${r.id}`);
  ctx.explain(
    `ACR Tasks run in the home region: building on an agent in ${r.location}, pushing to the ${r.location} replica`,
  );
  const task = ctx.sim.spawn(runTask(ctx.sim, r));
  if (noWait) {
    ctx.explain(`the run continues in the background; then "sim wait replicated ${target}"`);
    return 0;
  }
  ctx.out('Waiting for an agent...');
  return (function* () {
    yield { type: 'until', check: () => task.done } as const;
    const result = task.result!;
    ctx.out(`Step 1/1 : build ${formatBytes(def.size)} in ${def.layers} layer${def.layers === 1 ? '' : 's'}`);
    ctx.out(`${def.tag}: digest: ${result.digest}`);
    ctx.out(`Run ID: ${result.id} was successful after ${Math.round(result.duration / 1000)}s`);
    ctx.explain(
      `committed ${shortDigest(result.digest)} in ${r.location}; it now replicates to the other replicas like a push`,
    );
    return 0;
  })();
}

function sizes(args: { num(name: string): number | undefined }): { size?: number; layers?: number } {
  const size = args.num('size');
  const layers = args.num('layers');
  return { ...(size !== undefined ? { size } : {}), ...(layers !== undefined ? { layers } : {}) };
}

const build: CommandSpec = {
  path: ['az', 'acr', 'build'],
  summary: 'Build an image with ACR Tasks in the home region and push it there (then it replicates).',
  details:
    'Simulated: no source is uploaded; only --size and --layers shape the image. Tasks are bound to\n' +
    "the registry's home region and fail while it is down.",
  flags: [REGISTRY_FLAG, IMAGE_FLAG, ...SIZE_FLAGS, NO_WAIT_FLAG],
  positionals: [{ name: 'SOURCE', help: 'The build context (ignored), usually ".".', required: true }],
  examples: [
    'az acr build -r myregistry -t app:v1 .',
    'az acr build -r myregistry -t app:v2 --size 1GiB --layers 4 .',
  ],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.registryWrite);
    if (typeof registry === 'number') return registry;
    const def = buildDefinition(args.req('image'), sizes(args));
    if (!def.ok) return azError(ctx, def.error.code, def.error.message);
    return runBuild(ctx, registry, def.value, args.bool('no-wait'));
  },
};

const taskCreate: CommandSpec = {
  path: ['az', 'acr', 'task', 'create'],
  summary: 'Store a build definition to run later with "az acr task run".',
  flags: [
    REGISTRY_FLAG,
    { name: 'name', short: 'n', type: 'string', required: true, metavar: 'NAME', help: 'The task name.' },
    IMAGE_FLAG,
    ...SIZE_FLAGS,
  ],
  examples: ['az acr task create -r myregistry -n buildapp -t app:latest'],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.registryWrite);
    if (typeof registry === 'number') return registry;
    const t = createTask(ctx.sim, registry, args.req('name'), args.req('image'), sizes(args));
    if (!t.ok) return azError(ctx, t.error.code, t.error.message);
    ctx.out(
      JSON.stringify(
        {
          name: t.value.name,
          location: registry.home,
          provisioningState: 'Succeeded',
          step: { type: 'Docker', imageNames: [`${t.value.repository}:${t.value.tag}`] },
        },
        null,
        2,
      ),
    );
    return 0;
  },
};

const taskRun: CommandSpec = {
  path: ['az', 'acr', 'task', 'run'],
  summary: 'Run a stored task: build in the home region, push there, then replicate.',
  flags: [
    REGISTRY_FLAG,
    { name: 'name', short: 'n', type: 'string', required: true, metavar: 'NAME', help: 'The task name.' },
    NO_WAIT_FLAG,
  ],
  examples: ['az acr task run -r myregistry -n buildapp'],
  run: (ctx, args) => {
    const registry = lookupManagedRegistry(ctx, args.req('registry'), PERMISSIONS.registryWrite);
    if (typeof registry === 'number') return registry;
    const task = findTask(ctx.sim, registry, args.req('name'));
    if (!task)
      return azError(
        ctx,
        'ResourceNotFound',
        `The task ${args.req('name')} could not be found in ${registry.name}.`,
      );
    return runBuild(ctx, registry, task, args.bool('no-wait'));
  },
};

const taskList: CommandSpec = {
  path: ['az', 'acr', 'task', 'list'],
  summary: 'List the stored tasks of a registry.',
  flags: [REGISTRY_FLAG],
  examples: ['az acr task list -r myregistry'],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('registry'), PERMISSIONS.registryRead);
    if (typeof registry === 'number') return registry;
    const tasks = listTasks(ctx.sim, registry);
    ctx.out(
      JSON.stringify(
        tasks.map((t) => ({ name: t.name, location: registry.home, image: `${t.repository}:${t.tag}` })),
        null,
        2,
      ),
    );
    return 0;
  },
};

export const azTaskCommands: readonly CommandSpec[] = [build, taskCreate, taskRun, taskList];
