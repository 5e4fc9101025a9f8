import {
  PERMISSIONS,
  deleteContent,
  parseHost,
  readCatalog,
  validateRepository,
  validateTag,
  type DataPlaneError,
  type DeleteTarget,
  type Registry,
  type Served,
} from '../../engine';
import type { CommandContext } from '../context';
import { azError, printAz } from '../format';
import { shown } from '../parse';
import { OUTPUT_FLAG, type CommandSpec, type FlagSpec, type ParsedArgs } from '../spec';
import { lookupRegistry } from './az-acr';
import { explainFailure, servedLines } from './explain';

const NAME_FLAG: FlagSpec = {
  name: 'name',
  short: 'n',
  type: 'string',
  required: true,
  metavar: 'REGISTRY',
  help: 'The registry.',
};
const ENDPOINT_FLAG: FlagSpec = {
  name: 'endpoint',
  type: 'string',
  metavar: 'REGION',
  help: "Talk to this replica's regional endpoint instead of the global endpoint.",
};

/** The endpoint an az data-plane command talks to: the login server, or one regional endpoint. */
function endpointFor(ctx: CommandContext, registry: Registry, region: string | undefined) {
  const host = region === undefined ? registry.loginServer : registry.regionalHost(region.toLowerCase());
  const endpoint = parseHost(ctx.sim, host);
  if (!endpoint.ok)
    return azError(
      ctx,
      'EndpointNotFound',
      `${shown(host, 120)} does not resolve: ${endpoint.error.message}`,
    );
  return endpoint.value;
}

/** Explains where the requests went and, for a failure, why; returns the exit code. */
function report(
  ctx: CommandContext,
  served: readonly Served[],
  error: DataPlaneError | undefined,
  what: string,
): number {
  for (const line of servedLines(served)) ctx.explain(line);
  if (!error) return 0;
  const why = explainFailure(error, served, { client: ctx.client.name, ref: what });
  if (why) ctx.explain(why);
  return azError(ctx, error.code, error.message);
}

/** `REPO:TAG` for --image, checked against the OCI grammar. */
function parseImageArg(ctx: CommandContext, text: string): { repository: string; tag: string } | number {
  const colon = text.lastIndexOf(':');
  if (colon <= 0)
    return azError(ctx, 'InvalidImage', `--image expects REPOSITORY:TAG, not '${shown(text)}'.`);
  const repository = validateRepository(text.slice(0, colon));
  if (!repository.ok) return azError(ctx, repository.error.code, repository.error.message);
  const tag = validateTag(text.slice(colon + 1));
  if (!tag.ok) return azError(ctx, tag.error.code, tag.error.message);
  return { repository: repository.value, tag: tag.value };
}

const list: CommandSpec = {
  path: ['az', 'acr', 'repository', 'list'],
  summary: 'List repositories, as the replica that answers sees them.',
  flags: [NAME_FLAG, ENDPOINT_FLAG, OUTPUT_FLAG],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('name'), PERMISSIONS.pull);
    if (typeof registry === 'number') return registry;
    const endpoint = endpointFor(ctx, registry, args.str('endpoint'));
    if (typeof endpoint === 'number') return endpoint;
    return (function* () {
      const r = yield* readCatalog(ctx.sim, ctx.client, endpoint, { kind: 'repositories' });
      const code = report(ctx, r.served, r.error, registry.loginServer);
      if (code === 0)
        printAz(ctx, args.str('output'), r.repositories, [{ header: 'Result', value: (x) => x }]);
      return code;
    })();
  },
};

const showTags: CommandSpec = {
  path: ['az', 'acr', 'repository', 'show-tags'],
  summary: 'List the tags of a repository, as the replica that answers sees them.',
  flags: [
    NAME_FLAG,
    { name: 'repository', type: 'string', required: true, metavar: 'REPO', help: 'The repository.' },
    { name: 'detail', type: 'switch', help: "Include each tag's digest." },
    ENDPOINT_FLAG,
    OUTPUT_FLAG,
  ],
  run: (ctx, args) => {
    const registry = lookupRegistry(ctx, args.req('name'), PERMISSIONS.pull);
    if (typeof registry === 'number') return registry;
    const repository = validateRepository(args.req('repository'));
    if (!repository.ok) return azError(ctx, repository.error.code, repository.error.message);
    const endpoint = endpointFor(ctx, registry, args.str('endpoint'));
    if (typeof endpoint === 'number') return endpoint;
    return (function* () {
      const r = yield* readCatalog(ctx.sim, ctx.client, endpoint, {
        kind: 'tags',
        repository: repository.value,
      });
      const code = report(ctx, r.served, r.error, repository.value);
      if (code !== 0) return code;
      if (args.bool('detail')) {
        const rows = r.tags.map(([name, digest]) => ({ name, digest }));
        printAz(ctx, args.str('output'), rows, [
          { header: 'NAME', value: (x) => x.name },
          { header: 'DIGEST', value: (x) => x.digest },
        ]);
      } else {
        printAz(
          ctx,
          args.str('output'),
          r.tags.map(([name]) => name),
          [{ header: 'Result', value: (x) => x }],
        );
      }
      return 0;
    })();
  },
};

function deleteCommand(
  path: string[],
  summary: string,
  flags: FlagSpec[],
  target: (ctx: CommandContext, args: ParsedArgs) => DeleteTarget | number,
  examples: string[],
): CommandSpec {
  return {
    path,
    summary,
    details:
      'The delete happens on the replica that answers and travels to the others as a tombstone; until it\n' +
      'arrives, other replicas still serve the content.',
    flags: [
      NAME_FLAG,
      ...flags,
      ENDPOINT_FLAG,
      { name: 'yes', short: 'y', type: 'switch', help: 'Do not prompt for confirmation.' },
    ],
    examples,
    run: (ctx, args) => {
      const registry = lookupRegistry(ctx, args.req('name'), PERMISSIONS.artifactsDelete);
      if (typeof registry === 'number') return registry;
      const what = target(ctx, args);
      if (typeof what === 'number') return what;
      const endpoint = endpointFor(ctx, registry, args.str('endpoint'));
      if (typeof endpoint === 'number') return endpoint;
      return (function* () {
        const r = yield* deleteContent(ctx.sim, ctx.client, endpoint, what);
        const code = report(ctx, r.served, r.error, what.repository);
        if (code === 0) {
          const origin = r.served.at(-1)?.location;
          ctx.explain(
            `deleted on ${origin}; the other replicas keep serving it until the tombstone reaches them`,
          );
        }
        return code;
      })();
    },
  };
}

const deleteRepo = deleteCommand(
  ['az', 'acr', 'repository', 'delete'],
  'Delete a repository, or with --image the manifest a tag points to (and every tag on it).',
  [
    { name: 'repository', type: 'string', metavar: 'REPO', help: 'The repository to delete.' },
    { name: 'image', type: 'string', metavar: 'REPO:TAG', help: 'Delete the manifest this tag points to.' },
  ],
  (ctx, args) => {
    const image = args.str('image');
    const repo = args.str('repository');
    if ((image === undefined) === (repo === undefined)) {
      return azError(ctx, 'InvalidArguments', 'Give exactly one of --repository or --image.');
    }
    if (image !== undefined) {
      const parsed = parseImageArg(ctx, image);
      if (typeof parsed === 'number') return parsed;
      return { kind: 'manifest', repository: parsed.repository, reference: parsed.tag };
    }
    const r = validateRepository(repo!);
    if (!r.ok) return azError(ctx, r.error.code, r.error.message);
    return { kind: 'repository', repository: r.value };
  },
  [
    'az acr repository delete -n myregistry --repository app --yes',
    'az acr repository delete -n myregistry --image app:v1 --yes',
  ],
);

const untag = deleteCommand(
  ['az', 'acr', 'repository', 'untag'],
  'Remove one tag; the manifest stays.',
  [{ name: 'image', type: 'string', required: true, metavar: 'REPO:TAG', help: 'The tag to remove.' }],
  (ctx, args) => {
    const parsed = parseImageArg(ctx, args.req('image'));
    if (typeof parsed === 'number') return parsed;
    return { kind: 'untag', repository: parsed.repository, tag: parsed.tag };
  },
  ['az acr repository untag -n myregistry --image app:v1'],
);

export const azRepositoryCommands: readonly CommandSpec[] = [list, showTags, deleteRepo, untag];
