import {
  buildImage,
  formatBytes,
  formatDuration,
  localKey,
  signIn,
  logout,
  planPull,
  planPush,
  pullImage,
  pushImage,
  removeImage,
  shortDigest,
  tagImage,
  type Digest,
  type Served,
} from '../../engine';
import type { CommandContext } from '../context';
import { echoed, shown } from '../parse';
import type { CommandSpec } from '../spec';
import { explainFailure, regionsOutOfRouting, reportSignIn, servedLines, staleRoutingNotes } from './explain';

/** Docker's daemon error line, with the OCI code in capitals next to its lower-case text. */
function daemonError(ctx: CommandContext, message: string, code: string): number {
  ctx.out(`Error response from daemon: ${message} (${code})`);
  return 1;
}

const digestAtEnd = (path: string): Digest | undefined => {
  const m = /(sha256:[a-f0-9]{64})$/.exec(path);
  return m ? (m[1] as Digest) : undefined;
};

const push: CommandSpec = {
  path: ['docker', 'push'],
  summary: 'Push a local image: a HEAD and, if missing, an upload per layer, then the manifest PUT.',
  details:
    "Each request resolves the host afresh according to the client's DNS mode, so a push to the global\n" +
    'endpoint can land on more than one replica. The explanation lines say which region served what.',
  flags: [],
  positionals: [
    { name: 'REF', help: 'HOST/REPO:TAG, for example myregistry.azurecr.io/app:v1', required: true },
  ],
  examples: [
    'docker push myregistry.azurecr.io/app:v1',
    'docker push myregistry.westeurope.geo.azurecr.io/app:v1',
  ],
  run: (ctx, args) => {
    const text = args.positionals[0]!;
    const plan = planPush(ctx.sim, ctx.client, text);
    if (!plan.ok) {
      if (plan.error.code === 'ImageNotFound') {
        ctx.out(`An image does not exist locally with the tag: ${shown(text)}`);
        return 1;
      }
      return daemonError(ctx, plan.error.message, plan.error.code);
    }
    const { ref, manifest } = plan.value;
    ctx.out(`The push refers to repository [${echoed(`${ref.host}/${ref.repository}`)}]`);
    const configDigest = manifest.config.digest;
    const listener = (s: Served): void => {
      const d = digestAtEnd(s.path);
      if (!d || d === configDigest) return;
      if (s.method === 'HEAD' && s.status === 200) ctx.out(`${shortDigest(d)}: Layer already exists`);
      else if (s.method === 'PUT' && s.status === 201) ctx.out(`${shortDigest(d)}: Pushed`);
    };
    return (function* () {
      const result = yield* pushImage(ctx.sim, ctx.client, plan.value, listener);
      for (const line of servedLines(result.served)) ctx.explain(line);
      for (const line of staleRoutingNotes(ctx.sim, ctx.client, result.served)) ctx.explain(line);
      if (!result.ok) {
        const why = explainFailure(result.error!, result.served, {
          client: ctx.client.name,
          ref: text,
          leftRouting: regionsOutOfRouting(ctx.sim, result.served),
        });
        if (why) ctx.explain(why);
        return daemonError(ctx, result.error!.message, result.error!.code);
      }
      ctx.out(`${ref.tag ?? 'latest'}: digest: ${result.digest} size: ${result.size}`);
      return 0;
    })();
  },
};

const pull: CommandSpec = {
  path: ['docker', 'pull'],
  summary: 'Pull an image: GET the manifest, then each missing layer via a same-region redirect.',
  flags: [],
  positionals: [{ name: 'REF', help: 'HOST/REPO:TAG or HOST/REPO@sha256:…', required: true }],
  examples: ['docker pull myregistry.azurecr.io/app:v1'],
  run: (ctx, args) => {
    const text = args.positionals[0]!;
    const plan = planPull(ctx.sim, text);
    if (!plan.ok) return daemonError(ctx, plan.error.message, plan.error.code);
    const { ref } = plan.value;
    ctx.out(`${ref.tag ?? ref.digest}: Pulling from ${echoed(ref.repository)}`);
    const listener = (s: Served): void => {
      if (s.endpoint !== 'data' || s.status !== 200 || s.blob !== 'layer') return;
      const d = digestAtEnd(s.path);
      if (d) ctx.out(`${shortDigest(d)}: Pull complete`);
    };
    return (function* () {
      const result = yield* pullImage(ctx.sim, ctx.client, plan.value, listener);
      for (const l of result.layers)
        if (l.status === 'exists') ctx.out(`${shortDigest(l.digest)}: Already exists`);
      for (const line of servedLines(result.served)) ctx.explain(line);
      for (const line of staleRoutingNotes(ctx.sim, ctx.client, result.served)) ctx.explain(line);
      if (!result.ok) {
        const why = explainFailure(result.error!, result.served, { client: ctx.client.name, ref: text });
        if (why) ctx.explain(why);
        return daemonError(ctx, result.error!.message, result.error!.code);
      }
      ctx.out(`Digest: ${result.digest}`);
      ctx.out(
        result.upToDate
          ? `Status: Image is up to date for ${echoed(plan.value.key)}`
          : `Status: Downloaded newer image for ${echoed(plan.value.key)}`,
      );
      ctx.out(echoed(plan.value.key));
      return 0;
    })();
  },
};

const build: CommandSpec = {
  path: ['docker', 'build'],
  summary: 'Build a local image (simulated: only sizes and layers, no Dockerfile is read).',
  details:
    'The image is --size in total, split over --layers layers. Rebuilding the same repository reuses the\n' +
    'lower layers and makes a new top layer, so every build gets a new digest. --base starts from the\n' +
    'layers of another local image (new layers then default to one of 10MB).',
  flags: [
    {
      name: 'tag',
      short: 't',
      type: 'string',
      required: true,
      metavar: 'REF',
      help: 'Name and tag of the image.',
    },
    {
      name: 'size',
      type: 'size',
      metavar: 'SIZE',
      defaultText: '100MB (10MB with --base)',
      help: 'Compressed size of the new layers.',
    },
    {
      name: 'layers',
      type: 'int',
      min: 1,
      max: 127,
      defaultText: '3 (1 with --base)',
      help: 'Number of new layers.',
    },
    {
      name: 'base',
      type: 'string',
      metavar: 'REF',
      help: 'A local image whose layers the new image starts from.',
    },
  ],
  positionals: [{ name: 'PATH', help: 'Build context (ignored; "." by convention).', required: true }],
  examples: [
    'docker build -t myregistry.azurecr.io/app:v1 .',
    'docker build -t myregistry.azurecr.io/app:v2 --base myregistry.azurecr.io/app:v1 --size 5MB .',
  ],
  run: (ctx, args) => {
    const known = new Set(ctx.client.blobs);
    const size = args.num('size');
    const layers = args.num('layers');
    const base = args.str('base');
    const r = buildImage(ctx.sim, ctx.client, args.req('tag'), {
      ...(size !== undefined ? { size } : {}),
      ...(layers !== undefined ? { layers } : {}),
      ...(base !== undefined ? { base } : {}),
    });
    if (!r.ok) {
      ctx.out(`ERROR: ${r.error.message}${r.error.code.includes('_') ? ` (${r.error.code})` : ''}`);
      return 1;
    }
    const m = r.value.manifest;
    const reused = m.layers.filter((l) => known.has(l.digest)).length;
    ctx.out(`Successfully built ${shortDigest(m.config.digest)}`);
    const key = localKey(args.req('tag'));
    ctx.out(`Successfully tagged ${echoed(key.ok ? key.value : args.req('tag'))}`);
    ctx.explain(
      `${m.layers.length} layers, ${formatBytes(m.contentSize)} in all; ${reused} already present locally, ${m.layers.length - reused} new; manifest ${m.digest}`,
    );
    return 0;
  },
};

const tag: CommandSpec = {
  path: ['docker', 'tag'],
  summary: 'Give a local image another name, for example a registry host and tag.',
  flags: [],
  positionals: [
    { name: 'SOURCE', help: 'An existing local image.', required: true },
    { name: 'TARGET', help: 'The new name.', required: true },
  ],
  examples: ['docker tag app:v1 myregistry.azurecr.io/app:v1'],
  run: (ctx, args) => {
    const [source, target] = args.positionals;
    const r = tagImage(ctx.client, source!, target!);
    if (!r.ok) {
      if (r.error.code === 'ImageNotFound')
        ctx.out(`Error response from daemon: No such image: ${shown(source!)}`);
      else
        ctx.out(
          `Error parsing reference: "${shown(r.error.value ?? target!)}" is not a valid repository/tag: invalid reference format (${r.error.code})`,
        );
      return 1;
    }
    return 0;
  },
};

const images: CommandSpec = {
  path: ['docker', 'images'],
  summary: "List the current client's local images.",
  flags: [],
  run: (ctx) => {
    const rows = [...ctx.client.images].map(([key, img]) => {
      const at = key.lastIndexOf(':');
      const slash = key.lastIndexOf('/');
      const hasTag = at > slash;
      return {
        repo: echoed(hasTag ? key.slice(0, at) : key, 120),
        tag: hasTag ? echoed(key.slice(at + 1), 60) : '<none>',
        id: shortDigest(img.manifest.config.digest),
        created: `${formatDuration(Math.max(0, Math.round((ctx.sim.now - img.createdAt) / 1000) * 1000)) || '0s'} ago`,
        size: formatBytes(img.manifest.contentSize),
      };
    });
    const w = (k: keyof (typeof rows)[number], h: string) =>
      Math.max(h.length, ...rows.map((r) => r[k].length));
    const widths = [w('repo', 'REPOSITORY'), w('tag', 'TAG'), 12, w('created', 'CREATED')];
    ctx.out(
      `${'REPOSITORY'.padEnd(widths[0]!)}   ${'TAG'.padEnd(widths[1]!)}   ${'IMAGE ID'.padEnd(widths[2]!)}   ${'CREATED'.padEnd(widths[3]!)}   SIZE`,
    );
    for (const r of rows)
      ctx.out(
        `${r.repo.padEnd(widths[0]!)}   ${r.tag.padEnd(widths[1]!)}   ${r.id.padEnd(widths[2]!)}   ${r.created.padEnd(widths[3]!)}   ${r.size}`,
      );
    return 0;
  },
};

const rmi: CommandSpec = {
  path: ['docker', 'rmi'],
  summary: 'Remove a local image name.',
  flags: [],
  positionals: [{ name: 'REF', help: 'A local image.', required: true }],
  run: (ctx, args) => {
    const text = args.positionals[0]!;
    const r = removeImage(ctx.client, text);
    if (!r.ok) {
      ctx.out(`Error response from daemon: No such image: ${shown(text)}`);
      return 1;
    }
    ctx.out(`Untagged: ${echoed((localKey(text) as { value: string }).value)}`);
    return 0;
  },
};

const dockerLogin: CommandSpec = {
  path: ['docker', 'login'],
  summary: 'Store a credential for one registry host name.',
  details:
    'Passwords are not simulated: -u names a known identity, and any -p is accepted. Without -u the\n' +
    "session's identity signs in, as after 'az acr login'. The replica the host leads to checks\n" +
    'the sign-in, so it fails while that replica is down (a regional host never moves).',
  flags: [
    { name: 'username', short: 'u', type: 'string', metavar: 'NAME', help: 'Identity to sign in as.' },
    { name: 'password', short: 'p', type: 'string', metavar: 'ANYTHING', help: 'Ignored by the simulator.' },
  ],
  positionals: [{ name: 'HOST', help: 'A login server or regional endpoint host.', required: true }],
  examples: ['docker login myregistry.westeurope.geo.azurecr.io'],
  run: (ctx, args) => {
    const host = args.positionals[0]!;
    const principal = args.str('username') ?? ctx.session.identity;
    if (!ctx.session.knownPrincipals().includes(principal)) {
      ctx.out(
        `Error response from daemon: Get "https://${shown(host)}/v2/": unauthorized: authentication required (UNAUTHORIZED)`,
      );
      ctx.explain(`'${shown(principal)}' is neither an identity nor a token known to this session`);
      return 1;
    }
    const r = signIn(ctx.sim, ctx.client, host, principal);
    if (!r.ok) {
      ctx.out(`Error response from daemon: Get "https://${shown(host)}/v2/": ${r.error.message}`);
      return 1;
    }
    if (reportSignIn(ctx, r.value) !== 0) return 1;
    ctx.out('Login Succeeded');
    return 0;
  },
};

const dockerLogout: CommandSpec = {
  path: ['docker', 'logout'],
  summary: 'Forget the credential for one host name.',
  flags: [],
  positionals: [{ name: 'HOST', help: 'The host to sign out of.', required: true }],
  run: (ctx, args) => {
    const host = args.positionals[0]!;
    const r = logout(ctx.sim, ctx.client, host);
    ctx.out(r.ok ? `Removing login credentials for ${r.value}` : `Not logged in to ${shown(host)}`);
    return 0;
  },
};

export const dockerCommands: readonly CommandSpec[] = [
  build,
  tag,
  push,
  pull,
  images,
  rmi,
  dockerLogin,
  dockerLogout,
];
