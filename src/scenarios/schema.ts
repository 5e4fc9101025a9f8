import { z } from 'zod';

// No JIT: zod would probe `new Function` on first parse, which the app's Content-Security-Policy forbids.
z.config({ jitless: true });

/**
 * The scenario file format (SPEC 10, issue 7). A scenario is data: a story in steps, each with a
 * narrative, console commands and `sim expect` checkpoints, and a "try this" ending. The same file
 * drives the dashboard's guided player and the headless runner (`npm run sim -- --scenario ID`),
 * so every scenario is also a test.
 */

/** The format tag every scenario file carries; bump it (and add a migration) when the shape changes. */
export const SCENARIO_FORMAT = 'acr-lab-scenario/1';

/** Scenario files bigger than this are refused before parsing (hostile or mistaken imports). */
export const MAX_SCENARIO_BYTES = 256 * 1024;

const text = (max: number) => z.string().trim().min(1).max(max);

/** One console line; `sim expect` lines belong in checkpoints, not here. */
const commandLine = z
  .string()
  .trim()
  .min(1)
  .max(2_000)
  .refine((l) => !/[\r\n]/.test(l), 'a command is one line')
  .refine((l) => !l.startsWith('#'), 'a command cannot be a # comment (put explanations in the narrative)')
  .refine((l) => !/^sim\s+expect(\s|$)/.test(l), 'write checkpoints as { "expect": ... }, not as commands');

/** Run one console line as the current client. */
export const RunAction = z.strictObject({ run: commandLine });

/**
 * A checkpoint: what follows `sim expect` (text, or /regex/), checked against the output of the
 * previous command, with a sentence the player shows when it holds.
 */
export const ExpectAction = z.strictObject({
  expect: text(500).refine((l) => !/[\r\n]/.test(l), 'a checkpoint is one line'),
  says: text(300),
});

export const Action = z.union([RunAction, ExpectAction]);

export const Step = z.strictObject({
  title: text(120),
  /** What the presenter tells the room before running the step (our own words). */
  narrative: text(4_000),
  actions: z.array(Action).max(100),
  /** Regions the step is about, highlighted on the map while it is shown. */
  regions: z
    .array(z.string().regex(/^[a-z0-9]{2,40}$/))
    .max(20)
    .default([]),
  /** Stop here when playing through automatically, so the presenter can talk. */
  pause: z.boolean().default(false),
});

export const Scenario = z
  .strictObject({
    format: z.literal(SCENARIO_FORMAT),
    // Length first: "x" has the right characters, and the message should say what is wrong.
    id: z
      .string()
      .min(2, 'an id is 2 to 63 characters long')
      .max(63, 'an id is 2 to 63 characters long')
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'lower-case letters, digits and dashes, starting with a letter or digit',
      ),
    title: text(120),
    /** One or two sentences: what a trainee understands afterwards. */
    teaches: text(1_000),
    /** Seed of the simulation the scenario runs in (0 … 2^32−1). */
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    steps: z.array(Step).min(1).max(100),
    /** Things to try next, once the story is told. */
    tryThis: z.array(text(500)).min(1).max(20),
  })
  .superRefine((s, ctx) => {
    // A checkpoint checks the output of the command before it, so the first action must run one.
    const first = s.steps.findIndex((step) => step.actions.length > 0);
    if (first >= 0 && 'expect' in s.steps[first]!.actions[0]!) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', first, 'actions', 0],
        message:
          'the first action must run a command: a checkpoint checks the output of the command before it',
      });
    }
  });

export type RunAction = z.infer<typeof RunAction>;
export type ExpectAction = z.infer<typeof ExpectAction>;
export type Action = z.infer<typeof Action>;
export type Step = z.infer<typeof Step>;
export type Scenario = z.infer<typeof Scenario>;
