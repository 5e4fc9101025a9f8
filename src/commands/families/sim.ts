import {
  addClient,
  CONFIG_KEYS,
  CONFIG_TABLE,
  type ConfigKind,
  findRegion,
  findRegistry,
  formatClock,
  formatDuration,
  isReplicated,
  MAX_DURATION_MS,
  parseDuration,
  parseImageRef,
  setConfig,
  setDnsMode,
  setRegionOutage,
  setRegistryOutage,
  tagAcrossReplicas,
  tagMayAppear,
  type Registry,
} from '../../engine';
import { shown } from '../parse';
import type { CommandContext } from '../context';
import type { CommandSpec } from '../spec';
import { registryFor } from './registry-arg';
import { describeReplicaState, pendingWork } from './describe';

const time: CommandSpec = {
  path: ['sim', 'time'],
  summary: 'Print the simulated time elapsed since the session began (HH:MM:SS).',
  flags: [],
  run: (ctx) => {
    ctx.out(formatClock(ctx.sim.now));
    return 0;
  },
};

const advance: CommandSpec = {
  path: ['sim', 'advance'],
  summary: 'Let simulated time pass: replication, provisioning and background jobs move on.',
  details: `Durations look like 500ms, 90s, 5m or 1h30m; at most ${formatDuration(MAX_DURATION_MS)} at once.`,
  flags: [],
  positionals: [{ name: 'DURATION', help: 'How long, e.g. 30s or 5m.', required: true }],
  examples: ['sim advance 30s', 'sim advance 1h30m'],
  run: (ctx, args) => {
    const d = parseDuration(args.positionals[0]!);
    if (!d.ok) {
      ctx.out(`sim advance: ${d.error.message}`);
      return 2;
    }
    const target = ctx.sim.now + d.value;
    return (function* () {
      yield { type: 'delay', ms: d.value } as const;
      ctx.explain(`time is now ${formatClock(target)}`);
      return 0;
    })();
  },
};

const seed: CommandSpec = {
  path: ['sim', 'seed'],
  summary: 'Restart the world with another random seed (only before anything has happened).',
  details:
    'The seed decides every random choice, such as which of two equally close replicas DNS answers with.',
  flags: [],
  positionals: [{ name: 'N', help: 'A whole number from 0 to 4294967295.', required: true }],
  run: (ctx, args) => {
    const raw = args.positionals[0]!;
    if (!/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff) {
      ctx.out(`sim seed: '${shown(raw)}' is not a whole number from 0 to 4294967295.`);
      return 2;
    }
    const log = ctx.sim.log;
    let pristine = ctx.sim.now === 0;
    for (let i = 0; pristine && i < log.length; i++) pristine = log.kindAt(i) === 'client.added';
    if (!pristine) {
      ctx.out(
        ctx.session.liveClock
          ? 'sim seed: the seed can only change before anything else happens. To use another seed, open the page with ?seed=N added to its address.'
          : 'sim seed: the seed can only change before anything else happens (or pass --seed to the runner).',
      );
      return 1;
    }
    ctx.session.reset(Number(raw));
    ctx.explain(`seed is now ${raw}`);
    return 0;
  },
};

const preset: CommandSpec = {
  path: ['sim', 'preset'],
  summary: "Replace the world with a prepared one; 'demo' is the dashboard's starting world.",
  details:
    'demo: registry myregistry (Premium, home eastus, regional endpoints enabled) with a Ready replica in\n' +
    'westeurope, three images, and client "dev" in eastus signed in to the global endpoint.',
  flags: [],
  positionals: [{ name: 'NAME', help: 'The preset: demo.', required: true }],
  run: (ctx, args) => {
    const name = args.positionals[0]!;
    if (name !== 'demo') {
      ctx.out(`sim preset: unknown preset '${shown(name)}' (available: demo).`);
      return 2;
    }
    ctx.session.loadDemo();
    ctx.explain(
      `loaded the demo world: myregistry in eastus and westeurope with web, api and worker images; client dev`,
    );
    return 0;
  },
};

/** How `sim config` reads a bare number for each kind of key (the parsing is config.ts's). */
const BARE_NUMBER: Readonly<Record<ConfigKind, string>> = {
  duration: 'milliseconds (30 means 30ms; write 30s for seconds)',
  rate: 'bits per second (write 200Mbit/s or 25MB/s)',
  percent: 'percent (10 means 10%)',
  msPerKm: 'milliseconds per kilometre',
  perMinute: 'requests per minute per replica',
};

const config: CommandSpec = {
  path: ['sim', 'config'],
  summary: 'List the configuration, show one key, or change one.',
  details:
    "Values are in the key's unit or carry a suffix: durations (90s), rates (200Mbit/s), percentages (10%).\n" +
    'Throttling budgets are per minute per replica. The word "default" restores a key.\n' +
    'A bare number, without a suffix, is read as:\n' +
    CONFIG_KEYS.map(
      (k) =>
        `  ${k.padEnd(Math.max(...CONFIG_KEYS.map((x) => x.length)))}  ${BARE_NUMBER[CONFIG_TABLE[k].kind]}`,
    ).join('\n'),
  flags: [],
  positionals: [
    { name: 'KEY', help: 'A key such as dns.ttl.' },
    { name: 'VALUE', help: 'A new value such as 30s.' },
  ],
  examples: ['sim config', 'sim config dns.ttl', 'sim config replication.delay 10s'],
  run: (ctx, args) => {
    const [key, value] = args.positionals;
    const entries = ctx.sim.config.list();
    if (key === undefined) {
      const width = Math.max(...entries.map((e) => e.key.length));
      for (const e of entries) ctx.out(`${e.key.padEnd(width)}  ${e.formatted.padEnd(12)}  ${e.description}`);
      return 0;
    }
    if (value === undefined) {
      const entry = entries.find((e) => e.key === key);
      if (entry) {
        ctx.out(`${entry.key} = ${entry.formatted}`);
        return 0;
      }
    }
    const r = setConfig(ctx.sim, key, value ?? '');
    if (!r.ok) {
      ctx.out(`sim config: ${r.error.message}`);
      return 2;
    }
    ctx.out(`${r.value.key} = ${r.value.formatted}`);
    return 0;
  },
};

const clientAdd: CommandSpec = {
  path: ['sim', 'client', 'add'],
  summary: 'Place a docker client on the map.',
  flags: [
    {
      name: 'location',
      short: 'l',
      type: 'string',
      required: true,
      metavar: 'REGION|LAT,LON',
      help: 'A region name, or latitude,longitude.',
    },
    {
      name: 'dns',
      type: 'choice',
      choices: ['cache', 'no-cache', 'pin-push', 'long-lived'],
      defaultText: 'cache',
      help: "How the client's resolver caches the global endpoint's answers.",
    },
    {
      name: 'bandwidth',
      type: 'rate',
      metavar: 'RATE',
      defaultText: '100Mbit/s',
      help: 'Upload and download speed.',
    },
  ],
  positionals: [{ name: 'NAME', help: 'The name shown in the prompt.', required: true }],
  examples: [
    'sim client add ci --location westeurope',
    'sim client add laptop --location 48.85,2.35 --dns no-cache',
  ],
  run: (ctx, args) => {
    const bandwidth = args.num('bandwidth');
    const dns = args.str('dns');
    const r = addClient(ctx.sim, {
      name: args.positionals[0]!,
      location: args.req('location'),
      ...(dns !== undefined ? { dns } : {}),
      ...(bandwidth !== undefined ? { bandwidth } : {}),
    });
    if (!r.ok) {
      ctx.out(`sim client add: ${r.error.message}`);
      return 2;
    }
    ctx.explain(
      `client ${r.value.name} is at ${r.value.locationLabel} (DNS ${r.value.dns}); switch with "sim client use ${r.value.name}"`,
    );
    return 0;
  },
};

const clientUse: CommandSpec = {
  path: ['sim', 'client', 'use'],
  summary: 'Run the following commands on another client.',
  flags: [],
  positionals: [{ name: 'NAME', help: 'An existing client.', required: true }],
  run: (ctx, args) => {
    const name = args.positionals[0]!;
    if (!ctx.sim.clients.has(name)) {
      ctx.out(
        `sim client use: no client named '${shown(name)}' (clients: ${[...ctx.sim.clients.keys()].join(', ')}).`,
      );
      return 2;
    }
    ctx.session.clientName = name;
    return 0;
  },
};

const clientDns: CommandSpec = {
  path: ['sim', 'client', 'dns'],
  summary: "Change how a client's resolver caches the global endpoint's answers.",
  flags: [],
  positionals: [
    { name: 'NAME', help: 'An existing client.', required: true },
    { name: 'MODE', help: 'cache, no-cache, pin-push or long-lived.', required: true },
  ],
  examples: ['sim client dns dev no-cache'],
  run: (ctx, args) => {
    const name = args.positionals[0]!;
    const client = ctx.sim.clients.get(name);
    if (!client) {
      ctx.out(
        `sim client dns: no client named '${shown(name)}' (clients: ${[...ctx.sim.clients.keys()].join(', ')}).`,
      );
      return 2;
    }
    const r = setDnsMode(client, args.positionals[1]!);
    if (!r.ok) {
      ctx.out(`sim client dns: ${r.error.message}`);
      return 2;
    }
    ctx.explain(`client ${client.name} now uses DNS mode ${r.value}; its cached answers were dropped`);
    return 0;
  },
};

const clientList: CommandSpec = {
  path: ['sim', 'client', 'list'],
  summary: 'List clients: location, DNS mode, and the hosts each is signed in to.',
  flags: [],
  run: (ctx) => {
    for (const c of ctx.sim.clients.values()) {
      const mark = c.name === ctx.session.clientName ? '*' : ' ';
      const hosts = [...c.credentials.keys()].join(', ') || 'not signed in';
      ctx.out(`${mark} ${c.name.padEnd(12)} ${c.locationLabel.padEnd(18)} dns=${c.dns.padEnd(10)} ${hosts}`);
    }
    return 0;
  },
};

const inspect: CommandSpec = {
  path: ['sim', 'inspect'],
  summary: 'Show what one replica holds (REPO:TAG -> digest), then its pending replication work.',
  flags: [{ name: 'registry', short: 'r', type: 'string', help: 'The registry, when there are several.' }],
  positionals: [
    { name: 'REGION', help: "The replica's region.", required: true },
    { name: 'REPO', help: 'Only this repository.' },
  ],
  examples: ['sim inspect westeurope', 'sim inspect westeurope app'],
  run: (ctx, args) => {
    const registry = registryFor(ctx, args.str('registry'));
    if (typeof registry === 'string') {
      ctx.out(`sim inspect: ${registry}`);
      return 1;
    }
    const [where, repo] = args.positionals;
    const region = findRegion(where!);
    const replica = region ? registry.replicaAt(region.name) : undefined;
    if (!replica) {
      const have = [...registry.replicas.values()].map((r) => r.location).join(', ');
      ctx.out(`sim inspect: ${registry.name} has no replica in '${shown(where!)}' (replicas: ${have}).`);
      return 1;
    }
    const repos = repo === undefined ? replica.store.repositories() : [repo];
    for (const r of repos)
      for (const [tag, digest] of replica.store.tags(r)) ctx.out(`${r}:${tag} -> ${digest}`);
    ctx.explain(`${replica.location}: ${describeReplicaState(ctx.sim, registry, replica)}`);
    const work = pendingWork(ctx.sim, registry, replica, repo);
    if (work.length === 0) ctx.explain('no replication work pending here');
    for (const w of work) ctx.explain(`pending: ${w}`);
    return 0;
  },
};

/** The registry a REF's host names (its first label), or the one-line reason there is none. */
function registryOfHost(ctx: CommandContext, host: string): Registry | string {
  const name = host.split('.')[0]!;
  return (
    findRegistry(ctx.sim, name) ??
    `there is no registry named '${shown(name)}' (from the host ${shown(host)}).`
  );
}

const waitReplicated: CommandSpec = {
  path: ['sim', 'wait', 'replicated'],
  summary: 'Advance time until an image has one digest on every replica; report how long it took.',
  details: 'This is the moment a webhook in every location would have fired for the push.',
  flags: [
    { name: 'timeout', type: 'duration', defaultText: '1h', help: 'Give up after this much simulated time.' },
  ],
  positionals: [{ name: 'REF', help: 'REGISTRY.azurecr.io/REPO:TAG', required: true }],
  examples: ['sim wait replicated myregistry.azurecr.io/app:v1 --timeout 10m'],
  run: (ctx, args) => {
    const text = args.positionals[0]!;
    const ref = parseImageRef(text);
    if (!ref.ok) {
      ctx.out(`sim wait replicated: ${ref.error.message} (${ref.error.code})`);
      return 2;
    }
    const tag = ref.value.tag;
    if (!ref.value.host || tag === undefined || ref.value.digest !== undefined) {
      ctx.out(
        `sim wait replicated: '${shown(text)}' must name a registry host and a tag, e.g. myregistry.azurecr.io/app:v1.`,
      );
      return 2;
    }
    const registry = registryOfHost(ctx, ref.value.host);
    if (typeof registry === 'string') {
      ctx.out(`sim wait replicated: ${registry}`);
      return 2;
    }
    const repo = ref.value.repository;
    const limit = args.num('timeout') ?? 3_600_000;
    const sim = ctx.sim;
    const start = sim.now;
    const absent = (): void => {
      ctx.out(
        `sim wait replicated: ${repo}:${tag} is on no replica of ${registry.name}, and no push, import, build or replication that could bring it is under way.`,
      );
    };
    // Nothing can bring the tag: say so now rather than after the whole timeout.
    if (!tagMayAppear(registry, repo, tag)) {
      absent();
      return 1;
    }
    return (function* () {
      let timedOut = false;
      sim.scheduler.after(limit, () => {
        timedOut = true;
        sim.notify();
      });
      let hopeless = false;
      const settled = (): boolean => {
        if (timedOut || isReplicated(registry, repo, tag)) return true;
        hopeless = !tagMayAppear(registry, repo, tag);
        return hopeless;
      };
      yield { type: 'until', check: settled } as const;
      if (hopeless && !isReplicated(registry, repo, tag)) {
        // It was deleted, or the push that would have brought it failed.
        absent();
        return 1;
      }
      const where = tagAcrossReplicas(registry, repo, tag);
      if (!isReplicated(registry, repo, tag)) {
        ctx.out(
          `sim wait replicated: ${repo}:${tag} did not reach every replica within ${formatDuration(limit)}.`,
        );
        for (const [loc, d] of where) ctx.explain(`${loc}: ${d ?? 'missing'}`);
        return 1;
      }
      ctx.explain(
        `${repo}:${tag} is ${where[0]![1]} on all ${where.length} replicas after ${formatDuration(Math.round((sim.now - start) / 100) * 100)}`,
      );
      return 0;
    })();
  },
};

/**
 * Whether a regular expression repeats (`*`, `+`, `{…}`) a group that contains a quantifier or
 * an alternation: the shapes whose backtracking can take exponential time (`(a+)+$`, `(a|a)*b`).
 * A conservative syntactic check; optional groups (`(…)?`) are fine.
 */
function nestedRepetition(source: string): boolean {
  const groups: Array<{ risky: boolean }> = [{ risky: false }];
  let i = 0;
  const repeatAt = (j: number): boolean => source[j] === '*' || source[j] === '+' || source[j] === '{';
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      // A character class: skip to its closing bracket.
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      groups.push({ risky: false });
      i++;
      // (?: (?= (?! (?<name> (?<= (?<!: the characters after '?' are not quantifiers.
      if (source[i] === '?') i += 2;
    } else if (c === ')') {
      const inner = groups.length > 1 ? groups.pop()! : { risky: false };
      i++;
      if (repeatAt(i) && inner.risky) return true;
      const top = groups[groups.length - 1]!;
      if (inner.risky || repeatAt(i)) top.risky = true;
    } else if (c === '|') {
      groups[groups.length - 1]!.risky = true;
      i++;
    } else {
      if (repeatAt(i)) groups[groups.length - 1]!.risky = true;
      i++;
    }
  }
  return false;
}

const expect: CommandSpec = {
  path: ['sim', 'expect'],
  summary: "Checkpoint: the previous command's output must contain TEXT (or match /REGEX/).",
  details: 'A failed checkpoint makes the runner exit with status 1 at the end of the script.',
  flags: [],
  positionals: [
    {
      name: 'TEXT',
      help: 'Text to find, or /REGEX/ with optional flags; taken verbatim.',
      required: true,
      variadic: true,
    },
  ],
  rawTail: true,
  examples: ['sim expect MANIFEST_UNKNOWN', 'sim expect /served by (westeurope|northeurope)/'],
  run: (ctx, args) => {
    const wanted = args.positionals.join(' ');
    const output = ctx.session.previousOutput.join('\n');
    const m = /^\/(.*)\/([a-z]*)$/s.exec(wanted);
    let found: boolean;
    if (m) {
      let re: RegExp;
      try {
        new RegExp('', m[2]);
      } catch {
        // Unknown or repeated flags (/x/zz) make a malformed checkpoint, not a silent pass.
        ctx.out(
          `sim expect: '${shown(m[2]!)}' are not regular expression flags (use i, m, s or u), so '${shown(wanted)}' cannot be checked.`,
        );
        ctx.session.failedExpectations++;
        return 1;
      }
      try {
        re = new RegExp(m[1]!, m[2]!.replace(/[^imsu]/g, ''));
      } catch {
        ctx.out(`sim expect: '${shown(wanted)}' is not a valid regular expression.`);
        ctx.session.failedExpectations++;
        return 1;
      }
      if (nestedRepetition(m[1]!)) {
        // JavaScript regular expressions backtrack: (a+)+$ against 30 a's and a '!' runs for ever.
        ctx.out(
          `sim expect: '${shown(wanted)}' repeats a group that itself repeats or has alternatives (nested repetition such as (a+)+ or (a|b)*), which can take for ever to match; write it without the outer repetition.`,
        );
        ctx.session.failedExpectations++;
        return 1;
      }
      found = re.test(output);
    } else {
      found = output.includes(wanted);
    }
    if (found) {
      ctx.explain(`expect ok: ${shown(wanted, 200)}`);
      return 0;
    }
    ctx.session.failedExpectations++;
    ctx.explain(
      `expect FAILED: the previous output does not ${m ? 'match' : 'contain'} ${shown(wanted, 200)}`,
    );
    return 1;
  },
};

const status: CommandSpec = {
  path: ['sim', 'status'],
  summary: 'Summarise the world: time, registries and their replicas, clients.',
  flags: [],
  run: (ctx) => {
    const sim = ctx.sim;
    ctx.out(
      `time ${formatClock(sim.now)}, seed ${sim.seed}, client ${ctx.session.clientName}, identity ${ctx.session.identity}`,
    );
    if (sim.regionOutages.size > 0) ctx.out(`region outages: ${[...sim.regionOutages].join(', ')}`);
    if (sim.registries.size === 0) ctx.out('no registries');
    for (const reg of sim.registries.values()) {
      ctx.out(
        `registry ${reg.name} (${reg.sku}, home ${reg.home}, regional endpoints ${reg.regionalEndpoints ? 'enabled' : 'disabled'})`,
      );
      for (const r of reg.replicas.values()) {
        const tags = r.store.liveTagCount();
        ctx.out(
          `  ${r.location.padEnd(20)} ${describeReplicaState(sim, reg, r)}; ${tags} tag${tags === 1 ? '' : 's'}`,
        );
      }
      if (reg.pending.size > 0) ctx.out(`  ${reg.pending.size} replication job(s) in progress`);
    }
    ctx.out(`clients: ${[...sim.clients.values()].map((c) => `${c.name}@${c.locationLabel}`).join(', ')}`);
    if (sim.clusters.size > 0)
      ctx.out(
        `clusters: ${[...sim.clusters.values()].map((c) => `${c.name}@${c.location} (${c.nodes.length} nodes, ${c.pods.size} pods)`).join(', ')}`,
      );
    return 0;
  },
};

const outage: CommandSpec = {
  path: ['sim', 'outage'],
  summary: "Break or repair a region (every registry there) or one registry's replica in it.",
  details:
    "Region scope fails everything in the Azure region; registry scope degrades only one registry's replica.\n" +
    'The global endpoint stops routing to a failed replica only after the detection window (health.detection).\n' +
    '--registry goes with --scope registry. `off` without --scope ends the region outage there or, if there is none,\n' +
    'the only registry-scope outage there; when nothing is in outage it says so and changes nothing.',
  flags: [
    {
      name: 'scope',
      type: 'choice',
      choices: ['region', 'registry'],
      defaultText: 'region',
      help: 'What fails.',
    },
    { name: 'registry', short: 'r', type: 'string', help: 'The registry, for registry scope.' },
  ],
  positionals: [
    { name: 'REGION', help: 'The Azure region.', required: true },
    { name: 'on|off', help: 'Start or end the outage.', required: true },
  ],
  examples: [
    'sim outage westeurope on',
    'sim outage westeurope off',
    'sim outage eastus on --scope registry --registry myregistry',
  ],
  run: (ctx, args) => {
    const [where, state] = args.positionals;
    if (state !== 'on' && state !== 'off') {
      ctx.out(`sim outage: the second argument must be on or off, not '${shown(state!)}'.`);
      return 2;
    }
    const region = findRegion(where!);
    if (!region) {
      ctx.out(`sim outage: '${shown(where!)}' is not a region.`);
      return 2;
    }
    const on = state === 'on';
    const scope = args.str('scope');
    const named = args.str('registry');
    if (named !== undefined && scope !== 'registry') {
      ctx.out(
        `sim outage: --registry applies only to a registry-scope outage: add --scope registry to affect only ${shown(named)}'s replica in ${region.name}, or drop --registry to affect the whole region.`,
      );
      return 2;
    }
    // Registry-scope outages in this region, by registry name.
    const degraded = [...ctx.sim.registries.values()].filter((r) => r.replicaAt(region.name)?.degraded);
    const flagsFor = (names: readonly string[]): string =>
      names.map((n) => `sim outage ${region.name} off --scope registry --registry ${n}`).join(' or ');
    if (scope === undefined && !on && !ctx.sim.regionOutages.has(region.name) && degraded.length > 0) {
      // Nothing region-wide to end: end the registry-scope outage there, if there is only one.
      if (degraded.length > 1) {
        ctx.out(
          `sim outage: ${region.name} has no region outage, but ${degraded.map((r) => r.name).join(', ')} each have a registry-scope outage there; end one with ${flagsFor(degraded.map((r) => r.name))}.`,
        );
        return 2;
      }
      const registry = degraded[0]!;
      setRegistryOutage(ctx.sim, registry, registry.replicaAt(region.name)!, false);
      ctx.explain(
        `${registry.name}'s replica in ${region.name} is healthy again (its registry-scope outage ended)`,
      );
      return 0;
    }
    if ((scope ?? 'region') === 'region') {
      if (!setRegionOutage(ctx.sim, region.name, on)) {
        if (on) ctx.out(`sim outage: ${region.name} is already down for every registry; nothing changed.`);
        else if (degraded.length > 0)
          ctx.out(
            `sim outage: ${region.name} has no region outage; for the registry-scope outage there use ${flagsFor(degraded.map((r) => r.name))}.`,
          );
        else ctx.out(`sim outage: ${region.name} is not in outage; nothing changed.`);
        return 1;
      }
      ctx.explain(`${region.name} is ${on ? 'down for every registry' : 'back up'}`);
      if (!on && degraded.length > 0)
        ctx.explain(
          `still degraded by a registry-scope outage: ${degraded.map((r) => r.name).join(', ')} (end with ${flagsFor(degraded.map((r) => r.name))})`,
        );
      return 0;
    }
    const registry = registryFor(ctx, named);
    if (typeof registry === 'string') {
      ctx.out(`sim outage: ${registry}`);
      return 2;
    }
    const replica = registry.replicaAt(region.name);
    if (!replica) {
      ctx.out(`sim outage: ${registry.name} has no replica in ${region.name}.`);
      return 2;
    }
    if (!setRegistryOutage(ctx.sim, registry, replica, on)) {
      const regionNote = ctx.sim.regionOutages.has(region.name)
        ? ` (${region.name} has a region outage: end it with sim outage ${region.name} off)`
        : '';
      ctx.out(
        on
          ? `sim outage: ${registry.name}'s replica in ${region.name} is already degraded; nothing changed.`
          : `sim outage: ${registry.name}'s replica in ${region.name} has no registry-scope outage; nothing changed${regionNote}.`,
      );
      return 1;
    }
    ctx.explain(
      `${registry.name}'s replica in ${region.name} is ${on ? 'degraded' : 'healthy again'}; other registries there are unaffected`,
    );
    return 0;
  },
};

const where: CommandSpec = {
  path: ['sim', 'where'],
  summary: 'Show which digest every replica serves for one tag, and whether they agree.',
  details: 'Useful during a tag overwrite race or a delete: replicas may disagree until replication lands.',
  flags: [],
  positionals: [{ name: 'REF', help: 'REGISTRY.azurecr.io/REPO:TAG', required: true }],
  examples: ['sim where myregistry.azurecr.io/app:v1'],
  run: (ctx, args) => {
    const text = args.positionals[0]!;
    const ref = parseImageRef(text);
    if (!ref.ok) {
      ctx.out(`sim where: ${ref.error.message} (${ref.error.code})`);
      return 2;
    }
    if (!ref.value.host || ref.value.tag === undefined) {
      ctx.out(
        `sim where: '${shown(text)}' must name a registry host and a tag, e.g. myregistry.azurecr.io/app:v1.`,
      );
      return 2;
    }
    const registry = registryOfHost(ctx, ref.value.host);
    if (typeof registry === 'string') {
      ctx.out(`sim where: ${registry}`);
      return 2;
    }
    const rows = tagAcrossReplicas(registry, ref.value.repository, ref.value.tag);
    const width = Math.max(...rows.map(([loc]) => loc.length));
    for (const [loc, digest] of rows) ctx.out(`${loc.padEnd(width)}  ${digest ?? '(none)'}`);
    const distinct = new Set(rows.map(([, d]) => d ?? '(none)'));
    if (distinct.size === 1)
      ctx.explain(rows[0]![1] ? `all ${rows.length} replicas agree` : `no replica serves this tag`);
    else
      ctx.explain(
        `${distinct.size} different answers across ${rows.length} replicas: replication has not converged yet`,
      );
    return 0;
  },
};

const LIVE_NOTE = 'the live clock only runs in the dashboard; here time moves only with commands';

/** `what`, with {@link LIVE_NOTE} where there is no live clock (the headless runner). */
const clockNote = (ctx: CommandContext, what: string): string =>
  ctx.session.liveClock ? what : `${what} (${LIVE_NOTE})`;

const speed: CommandSpec = {
  path: ['sim', 'speed'],
  summary: 'Set how many simulated seconds pass per real second in the dashboard (1 to 36000).',
  flags: [],
  positionals: [{ name: 'X', help: 'A number, optionally followed by x: 60, 600x, 3600.', required: true }],
  examples: ['sim speed 600'],
  run: (ctx, args) => {
    const raw = args.positionals[0]!;
    const m = /^(\d{1,5}(?:\.\d+)?)x?$/i.exec(raw);
    const value = m ? Number(m[1]) : NaN;
    if (!(value >= 1 && value <= 36_000)) {
      ctx.out(`sim speed: '${shown(raw)}' is not a speed from 1 to 36000.`);
      return 2;
    }
    ctx.session.speed = value;
    ctx.explain(clockNote(ctx, `speed ${value}×`));
    return 0;
  },
};

const pause: CommandSpec = {
  path: ['sim', 'pause'],
  summary: 'Stop the live clock in the dashboard (typed commands still run to completion).',
  flags: [],
  run: (ctx) => {
    ctx.session.playing = false;
    ctx.explain(clockNote(ctx, 'paused'));
    return 0;
  },
};

const play: CommandSpec = {
  path: ['sim', 'play'],
  summary: 'Start the live clock in the dashboard again.',
  flags: [],
  run: (ctx) => {
    ctx.session.playing = true;
    ctx.explain(clockNote(ctx, 'playing'));
    return 0;
  },
};

export const simCommands: readonly CommandSpec[] = [
  speed,
  pause,
  play,
  where,
  time,
  advance,
  seed,
  preset,
  config,
  clientAdd,
  clientUse,
  clientDns,
  clientList,
  inspect,
  waitReplicated,
  expect,
  status,
  outage,
];
