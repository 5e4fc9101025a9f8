/**
 * Console fuzzing (issue 9): thousands of random and near-miss lines, generated with fast-check,
 * against a console Session on the demo world — unknown verbs, real command paths with wrong
 * flags, huge and non-finite numbers, negative durations, 5,000-character tokens, unicode,
 * prototype keys, shell metacharacters, unbalanced quotes, NUL bytes. For every line:
 *  - `runLine` returns an exit code and never throws;
 *  - it terminates within a bounded budget: at most the session's 30-day horizon of simulated
 *    time and its per-command step budget (wall-clock timing is not used: it would make the test
 *    flaky, and the lint rules keep the command layer off the wall clock);
 *  - no stack trace, JavaScript error name or `internal error` line is printed;
 *  - every output line is a string of bounded length.
 * Then a table of absurd values that must be refused with their bounds stated.
 *
 * About 12,000 lines per run. Replaying a failure: fast-check prints `seed` and `path`; set
 * FUZZ_SEED and FUZZ_PATH to re-run exactly that case
 * (`FUZZ_SEED=1 FUZZ_PATH="0:1" npx vitest run src/commands/fuzz.test.ts -t near-miss`).
 * FUZZ_RUNS=N multiplies the number of runs for a longer soak.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCommandTree } from './index';
import { CommandTree } from './registry';
import { COMMAND_BUDGET, MAX_OUTPUT_LINE, Session } from './session';
import type { CommandSpec, FlagSpec } from './spec';

const tree = createCommandTree();
const SPECS = tree.all();
const env = process.env;
/** FUZZ_RUNS=N multiplies the number of runs (longer soaks). */
const SCALE = env.FUZZ_RUNS !== undefined ? Number(env.FUZZ_RUNS) : 1;
const REPLAY: Partial<fc.Parameters<unknown>> =
  env.FUZZ_SEED !== undefined
    ? { seed: Number(env.FUZZ_SEED), ...(env.FUZZ_PATH ? { path: env.FUZZ_PATH } : {}), endOnFailure: true }
    : {};

/** Longest output line allowed (help tables and az JSON lines are far shorter). */
const MAX_LINE = 400;
/** Simulated time one line may take: the session's horizon (30 days) plus slack. */
const MAX_SIM_MS = 30 * 24 * 3_600_000 + 3_600_000;
const MAX_EVENTS = COMMAND_BUDGET.steps + 1;

/** A stack frame (`at f (file.ts:1:2)`, `at file.js:1:2`), a JavaScript error name, or the session's catch-all. */
const STACK =
  /^\s*at .*\(.*:\d+:\d+\)|\bat \S+\.[cm]?[jt]sx?:\d+:\d+|\b(TypeError|ReferenceError|RangeError|SyntaxError|InternalError)\b|internal error/;

function demo(): Session {
  const s = new Session({ seed: 1, tree });
  s.loadDemo();
  return s;
}

/** Runs one line and checks every per-line property; returns the output for further checks. */
function runChecked(session: Session, line: string): { code: number; out: string[] } {
  const out: string[] = [];
  const t0 = session.sim.now;
  const e0 = session.sim.scheduler.executed;
  let code: number;
  try {
    code = session.runLine(line, (l) => out.push(l));
  } catch (e) {
    throw new Error(`runLine threw on ${JSON.stringify(line.slice(0, 200))}: ${String(e)}`);
  }
  const where = `line ${JSON.stringify(line.slice(0, 200))}`;
  expect(Number.isInteger(code), where).toBe(true);
  expect(session.sim.now - t0, `${where}: simulated time taken`).toBeLessThanOrEqual(MAX_SIM_MS);
  expect(session.sim.scheduler.executed - e0, `${where}: scheduler events`).toBeLessThanOrEqual(MAX_EVENTS);
  for (const l of out) {
    expect(typeof l, where).toBe('string');
    expect(l.length, `${where} printed a ${l.length}-character line: ${l.slice(0, 120)}`).toBeLessThanOrEqual(
      MAX_LINE,
    );
    expect(l, where).not.toMatch(STACK);
  }
  return { code, out };
}

// -----------------------------------------------------------------------------------------------
// Generators

const HUGE = 'a'.repeat(5_000);
const HOSTILE = [
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '-5m',
  '-0',
  '-1',
  '0',
  '0x10',
  '1e3',
  '99999999999999999999999',
  '100000d',
  '9007199254740993',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  ';',
  '|',
  '&&',
  '||',
  '$(',
  ')',
  '$(rm -rf /)',
  '`id`',
  '>',
  '<',
  '>>',
  '2>&1',
  '"',
  "'",
  '"unbalanced',
  "'unbalanced",
  '\\',
  '\0',
  'a\0b',
  HUGE,
  `--${HUGE}`,
  `-${HUGE}`,
  `${HUGE}=x`,
  '🚀',
  'é',
  'ℝ',
  '\u202e',
  '\ud800',
  '\uffff',
  '\t',
  '%s%s%n',
  '${x}',
  '{{x}}',
  '--',
  '-',
  '=',
  '--=',
  '---x',
  '--output',
  '-o',
  'json',
  '--help',
  '&',
  '#',
  '/(a|b/',
  '/[/',
];
/** Long values that pass the first checks (the parser's 1,024-character cap, a host's shape). */
const LONG_PLAUSIBLE = [
  `myregistry.azurecr.io/${'a'.repeat(300)}:v1`,
  `myregistry.azurecr.io/web:${'t'.repeat(900)}`,
  `${'h'.repeat(900)}.azurecr.io/web:v1`,
  `myregistry.${'r'.repeat(900)}.geo.azurecr.io/web:v1`,
  `myregistry.azurecr.io/web@sha256:${'f'.repeat(900)}`,
  `${'n'.repeat(1000)}`,
  `${'9'.repeat(1000)}`,
  `${'9'.repeat(500)},${'9'.repeat(500)}`,
  `/${'a'.repeat(1000)}/`,
];
const PLAUSIBLE = [
  ...LONG_PLAUSIBLE,
  'myregistry',
  'MyRegistry',
  'nosuch',
  'eastus',
  'westeurope',
  'atlantis',
  'myregistry.azurecr.io/web:v1',
  'myregistry.westeurope.geo.azurecr.io/web:v1',
  'myregistry.azurecr.io/web@sha256:' + '0'.repeat(64),
  'web:v1',
  'web',
  'v1',
  '5m',
  '30d',
  '31d',
  '10MB',
  '2TB',
  '100Mbit/s',
  '10%',
  'true',
  'false',
  'on',
  'off',
  'enabled',
  'dev',
  'local',
  '.',
];

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** A token, sometimes quoted (and sometimes with a quote left open). */
const word = fc.tuple(token, fc.constantFrom('', '', '', '"', "'", 'open"', "open'")).map(([t, q]) => {
  if (q === '') return t;
  if (q === 'open"') return `"${t}`;
  if (q === "open'") return `'${t}`;
  return `${q}${t}${q}`;
});

const specArb = fc.constantFrom(...SPECS);

/** A value for a flag: plausible or hostile. */
function flagValue(f: FlagSpec): fc.Arbitrary<string> {
  const typed =
    f.type === 'int'
      ? fc.constantFrom('1', '0', '-1', '1000001', '1e309', 'NaN', '1.5', '99999999999999999')
      : f.type === 'size'
        ? fc.constantFrom('10MB', '1e309', '-5MB', '10PB', 'NaN', '0', '2TB', '1.5GiB', 'Infinity')
        : f.type === 'duration'
          ? fc.constantFrom('5m', '-5m', '100000d', '1e309s', 'NaN', 'Infinity', '0s', '31d', '1h30m')
          : f.type === 'rate'
            ? fc.constantFrom('100Mbit/s', '-5Mbit/s', '1e309', 'NaN', '0', '1e15bit/s', '2Tbit/s')
            : f.type === 'choice'
              ? fc.constantFrom(...(f.choices ?? []), 'nope', '__proto__')
              : fc.constant('x');
  return fc.oneof(typed, typed, token);
}

/** Required flags and positionals, so that only the chosen part of a line is wrong. */
function required(spec: CommandSpec): string[] {
  const words: string[] = [];
  for (const f of spec.flags)
    if (f.required) words.push(`--${f.name}`, f.choices?.[0] ?? (f.type === 'int' ? '1' : 'myregistry'));
  for (const p of spec.positionals ?? []) if (p.required) words.push('x');
  return words;
}

/** A real command path followed by a mix of its own flags with odd values, wrong flags and junk. */
const nearMiss: fc.Arbitrary<string> = specArb.chain((spec) => {
  const own = spec.flags.length > 0 ? fc.constantFrom(...spec.flags) : fc.constant(undefined);
  const piece = fc.oneof(
    {
      weight: 4,
      arbitrary: own.chain((f) =>
        f === undefined
          ? word
          : f.type === 'switch'
            ? fc.constantFrom(`--${f.name}`, `--${f.name}=yes`)
            : flagValue(f).map((v) =>
                f.short && v.length % 2 === 0
                  ? `-${f.short} ${v}`
                  : `--${f.name}${v.length % 3 === 0 ? '=' : ' '}${v}`,
              ),
      ),
    },
    { weight: 2, arbitrary: word },
    {
      weight: 1,
      arbitrary: fc.constantFrom('--bogus', '--regisry', '-Z', '--region-endpoint-enabled', '--=x'),
    },
  );
  return fc
    .tuple(fc.boolean(), fc.array(piece, { maxLength: 6 }), fc.constantFrom('', '', ' &', ' ;', ' | cat'))
    .map(
      ([withRequired, pieces, tail]) =>
        [...spec.path, ...(withRequired ? required(spec) : []), ...pieces].join(' ') + tail,
    );
});

/** Lines of random words, starting with a real word now and then. */
const randomLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.option(
      fc.constantFrom('az', 'az acr', 'docker', 'kubectl', 'sim', 'help', 'wait', 'jobs', 'sim expect'),
      {
        nil: undefined,
      },
    ),
    fc.array(word, { maxLength: 8 }),
  )
  .map(([head, words]) => [...(head ? [head] : []), ...words].join(' '));

/** Raw strings: any characters at all, including NUL, controls, lone surrogates and newlines. */
const rawLine: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom(HUGE, `sim expect ${HUGE}`, 'x'.repeat(9_000), `docker pull "${HUGE}`, '\0'.repeat(100)),
);

// -----------------------------------------------------------------------------------------------

describe('console fuzz: hostile lines never crash, hang, leak a stack trace or print unbounded lines', () => {
  it('near-miss lines: real command paths with wrong, odd or hostile flags and values', () => {
    fc.assert(
      fc.property(fc.array(nearMiss, { minLength: 1, maxLength: 8 }), (lines) => {
        const session = demo();
        for (const line of lines) runChecked(session, line);
      }),
      { numRuns: 1_000 * SCALE, ...REPLAY },
    );
  });

  it('random lines: unknown verbs, shell metacharacters, unbalanced quotes, unicode, huge tokens', () => {
    fc.assert(
      fc.property(fc.array(randomLine, { minLength: 1, maxLength: 10 }), (lines) => {
        const session = demo();
        for (const line of lines) runChecked(session, line);
      }),
      { numRuns: 600 * SCALE, ...REPLAY },
    );
  });

  it('raw strings: any characters, NUL bytes, lone surrogates, over-long lines', () => {
    fc.assert(
      fc.property(fc.array(rawLine, { minLength: 1, maxLength: 10 }), (lines) => {
        const session = demo();
        for (const line of lines) runChecked(session, line);
      }),
      { numRuns: 400 * SCALE, ...REPLAY },
    );
  });

  it('every command with --help, and with every flag given a hostile value, on one session', () => {
    const session = demo();
    for (const spec of SPECS) {
      const path = spec.path.join(' ');
      runChecked(session, `${path} --help`);
      const positionals = spec.positionals ?? [];
      positionals.forEach((_p, i) => {
        for (const v of [HUGE, '\0\x1b[2J', '__proto__', '1e309', '../../etc/passwd']) {
          const words = positionals.map((_q, j) => (j === i ? `'${v}'` : j === 0 ? 'myregistry' : 'x'));
          runChecked(
            session,
            `${path} ${words.join(' ')} ${required(spec)
              .filter((w) => w !== 'x')
              .join(' ')}`,
          );
        }
      });
      for (const f of spec.flags) {
        if (f.type === 'switch') continue;
        for (const v of ['1e309', 'NaN', '-5m', HUGE, '__proto__', '\0', '$(x)'])
          runChecked(session, `${path} ${required(spec).join(' ')} --${f.name} '${v}'`);
      }
    }
  });
});

// -----------------------------------------------------------------------------------------------
// Absurd values: refused, and the message states the bounds.

const IMG = 'myregistry.azurecr.io/web:v1';
const LOAD = `sim load start x -l eastus --image ${IMG}`;
const ABSURD: ReadonlyArray<readonly [string, RegExp]> = [
  ['sim advance 100000d', /between 0s and 30d/],
  ['sim advance 31d', /between 0s and 30d/],
  ['sim advance -5m', /negative.*between 0s and 30d/],
  ['sim advance 1e309s', /between 0s and 30d/],
  ['sim advance NaN', /between 0s and 30d/],
  ['sim advance Infinity', /between 0s and 30d/],
  [`${LOAD} --pulls-per-minute 99999999`, /from 1 to 1000000/],
  [`${LOAD} --pulls-per-minute 1e309`, /from 1 to 1000000/],
  [`${LOAD} --pulls-per-minute -1`, /from 1 to 1000000/],
  [`${LOAD} --pulls-per-minute 0`, /from 1 to 1000000/],
  [`${LOAD} --pulls-per-minute 10 --duration -5m`, /between 0s and 30d/],
  [`${LOAD} --pulls-per-minute 10 --duration 100000d`, /between 0s and 30d/],
  ['docker build -t myregistry.azurecr.io/a:b --size 10PB .', /at most 1 PB/],
  ['docker build -t myregistry.azurecr.io/a:b --size 1e309 .', /at most 1 PB/],
  ['docker build -t myregistry.azurecr.io/a:b --size -1 .', /negative.*at most 1 PB/],
  ['docker build -t myregistry.azurecr.io/a:b --size 2TB .', /at most 1 TB/],
  ['docker build -t myregistry.azurecr.io/a:b --layers 100000 .', /from 1 to 127/],
  ['az acr build -r myregistry -t a:b --size -5MB .', /at most 1 PB/],
  ['sim config dns.ttl 100000d', /from 0s to 1d/],
  ['sim config dns.ttl -5m', /from 0s to 1d/],
  ['sim config replication.bandwidth 1e309bit/s', /from 1kbit\/s to 1Tbit\/s/],
  ['sim config throttle.reads 99999999', /from 1\/min to 1000000\/min/],
  ['sim config routing.tieBand 1e309%', /from 0% to 100%/],
  ['sim client add x --location eastus --bandwidth 1e309', /at most 1Tbit\/s/],
  ['sim client add x --location eastus --bandwidth -5Mbit/s', /negative.*at most 1Tbit\/s/],
  ['sim client add x --location 95,200', /latitude -90 to 90, longitude -180 to 180/],
  ['sim client add x --location 1e309,5', /latitude -90 to 90, longitude -180 to 180/],
  ['sim cluster add c --location eastus --nodes 1000000', /from 1 to 100/],
  [`sim wait replicated ${IMG} --timeout 100000d`, /between 0s and 30d/],
  [`sim wait replicated ${IMG} --timeout -5m`, /between 0s and 30d/],
  ['sim seed 99999999999999999999', /from 0 to 4294967295/],
  ['sim seed -1', /from 0 to 4294967295/],
  ['sim speed 1e309', /from 1 to 36000/],
  ['sim speed NaN', /from 1 to 36000/],
  ['sim network subnet add s --prefix /99', /between \/8 and \/29/],
  ['kubectl rollout status deployment/x --timeout 100000d', /between 0s and 30d/],
  ['kubectl create deployment web --image=myregistry.azurecr.io/web:v1 --replicas=100000', /from 0 to 1000/],
  ['sim expect /(a+)+$/', /nested repetition/],
  ['sim expect /(a|aa)*b/', /nested repetition/],
];

describe('absurd values are refused with their bounds stated', () => {
  it.each(ABSURD)('%s', (line, bound) => {
    const session = demo();
    const before = JSON.stringify({ t: session.sim.now, events: session.sim.log.length });
    const { code, out } = runChecked(session, line);
    expect(code, out.join('\n')).not.toBe(0);
    expect(out.join('\n')).toMatch(bound);
    expect(JSON.stringify({ t: session.sim.now, events: session.sim.log.length })).toBe(before);
  });

  it('sim expect: a nested repetition is refused before it can run for ever, simple expressions still match', () => {
    const session = demo();
    runChecked(session, `${'a'.repeat(40)}!`);
    const { code, out } = runChecked(session, 'sim expect /(a+)+$/');
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/nested repetition/);
    runChecked(session, `${'a'.repeat(40)}!`);
    expect(runChecked(session, 'sim expect /a+!/').code).toBe(0);
    runChecked(session, `${'a'.repeat(40)}!`);
    expect(runChecked(session, 'sim expect /(westeurope|a{40})/').code).toBe(0);
    runChecked(session, `${'a'.repeat(40)}!`);
    expect(runChecked(session, 'sim expect /(?:ab?)?a+/').code).toBe(0);
  });

  it('a command that would run for ever in practice is stopped by the step and event budget', () => {
    // A thousand pods failing their pulls for 30 days would log tens of millions of events (and
    // did exhaust memory): the command stops at the budget, with one line saying so.
    const session = demo();
    session.budget = { steps: 300_000, events: 60_000 };
    runChecked(session, 'sim cluster add aks --location westeurope --nodes 100');
    runChecked(
      session,
      'kubectl --context aks create deployment web --image=myregistry.azurecr.io/nope:v1 --replicas=1000',
    );
    const start = session.sim.now;
    const logged = session.sim.log.length;
    const { code, out } = runChecked(session, 'sim advance 30d');
    expect(code).toBe(1);
    expect(out.at(-1)).toMatch(
      /^# stopped at .*: one command may run at most 300,000 simulation steps and log 60,000 events/,
    );
    expect(session.sim.now - start).toBeLessThan(30 * 24 * 3_600_000);
    expect(session.sim.log.length - logged).toBeLessThanOrEqual(60_000 + 100);
    // The session goes on: the next command runs normally.
    expect(runChecked(session, 'sim time').code).toBe(0);
  });

  it('long but valid references are echoed cut, so docker lines stay readable', () => {
    const session = demo();
    const long = `myregistry.azurecr.io/${'a'.repeat(250)}:${'t'.repeat(120)}`;
    const lines: string[] = [];
    for (const line of [`docker build -t ${long} .`, 'docker images', `docker rmi ${long}`]) {
      const { code, out } = runChecked(session, line);
      expect(code, line).toBe(0);
      lines.push(...out);
    }
    const echoes = lines.filter((l) => /^(Successfully tagged|Untagged:) /.test(l));
    expect(echoes).toHaveLength(2);
    for (const l of echoes) {
      expect(l.endsWith('...')).toBe(true);
      expect(l.length).toBeLessThanOrEqual(230);
    }
    expect(lines.some((l) => l.startsWith(`myregistry.azurecr.io/${'a'.repeat(40)}`))).toBe(true);
    // Errors and other commands that name a long reference stay readable too.
    const more = [
      `docker build -t myregistry.azurecr.io/app:v9 --base ${long} .`,
      `docker push ${long}`,
      `docker tag ${long} myregistry.azurecr.io/app:v9`,
      `az acr import --name myregistry --source mcr.microsoft.com/hello-world:latest --image ${'b'.repeat(250)}:${'t'.repeat(120)}`,
    ];
    for (const line of more) runChecked(session, line);
  });

  it('a line longer than the console bound is cut, saying by how much', () => {
    const loud: CommandSpec = {
      path: ['loud'],
      summary: 'Prints one very long line.',
      flags: [],
      run: (ctx) => {
        ctx.out('z'.repeat(5_000));
        return 0;
      },
    };
    const session = new Session({ seed: 1, tree: new CommandTree([loud]) });
    const out: string[] = [];
    expect(session.runLine('loud', (l) => out.push(l))).toBe(0);
    expect(out).toEqual([`${'z'.repeat(MAX_OUTPUT_LINE)}… (${5_000 - MAX_OUTPUT_LINE} more characters)`]);
  });
});
