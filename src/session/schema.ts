import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// No JIT: zod would probe `new Function` on first parse, which the app's Content-Security-Policy forbids.
// zod/mini keeps this schema (which loads with the page) small; the English messages name problems.
z.config({ jitless: true, ...en() });

/**
 * The saved session (issue 7): enough to rebuild the world exactly — the seed, the starting
 * preset and the timed command log — plus where the presenter was on the timeline, the futures a
 * fork set aside, and the dashboard layout. The same document is saved locally, shared in a URL
 * fragment and exported as a file, so every copy goes through the same validation.
 */

export const SESSION_FORMAT = 'acr-lab-session';
export const SESSION_VERSION = 2;

/** Bounds on anything that arrives from outside (a saved copy, a link, a file). */
export const LIMITS = {
  /** Longest simulated time a session may reach: the console's own horizon (30 days). */
  maxTimeMs: 30 * 86_400_000,
  maxEntries: 20_000,
  maxLineChars: 8_192,
  maxBranches: 5,
  /** Session JSON larger than this is refused before parsing. */
  maxJsonBytes: 4 * 1024 * 1024,
} as const;

const time = z.number().check(z.gte(0), z.lte(LIMITS.maxTimeMs));
const index = z.number().check(z.int(), z.gte(0), z.lte(LIMITS.maxEntries));

/** A console line the presenter ran at simulated time `t` (of the world current at that moment). */
export const CommandEntry = z.strictObject({
  t: time,
  line: z.string().check(z.maxLength(LIMITS.maxLineChars)),
});
/** Ctrl+C at `t` on the command logged at index `cancel`. */
export const CancelEntry = z.strictObject({ t: time, cancel: index });
export const LogEntry = z.union([CommandEntry, CancelEntry]);
export type LogEntry = z.infer<typeof LogEntry>;

const log = z.array(LogEntry).check(z.maxLength(LIMITS.maxEntries));

/** A timeline: the log, where its last world starts, and the furthest time it reached there. */
const timeline = {
  log,
  /** Index of the first entry after the last command that replaced the world (`sim seed`, `sim preset`). */
  worldStart: index,
  /** The furthest simulated time this timeline reached in its last world. */
  head: time,
};

/** A future set aside when the presenter scrubbed back and typed a command (a fork). */
export const Branch = z.strictObject({
  ...timeline,
  /** Simulated time of the fork, in the last world. */
  forkTime: time,
});
export type Branch = z.infer<typeof Branch>;

export const Layout = z.strictObject({
  theme: z.optional(z.enum(['dark', 'light'])),
  registry: z.optional(z.string().check(z.regex(/^[a-zA-Z0-9]{5,50}$/))),
  selectedRegion: z.optional(z.string().check(z.regex(/^[a-z0-9]{2,40}$/))),
  speed: z.optional(z.number().check(z.gte(1), z.lte(36_000))),
  playing: z.optional(z.boolean()),
});
export type Layout = z.infer<typeof Layout>;

export const SessionDoc = z
  .strictObject({
    format: z.literal(SESSION_FORMAT),
    version: z.literal(SESSION_VERSION),
    seed: z.number().check(z.int(), z.gte(0), z.lte(0xffffffff)),
    preset: z.enum(['demo', 'empty']),
    ...timeline,
    /** Where the presenter was: a time in the last world, at most `head`. */
    now: time,
    branches: z.array(Branch).check(z.maxLength(LIMITS.maxBranches)),
    layout: Layout,
  })
  .check(
    z.superRefine((doc, ctx) => {
      const check = (t: { log: readonly LogEntry[]; worldStart: number }, path: (string | number)[]) => {
        if (t.worldStart > t.log.length)
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'worldStart'],
            message: 'points past the end of the log',
          });
        t.log.forEach((e, i) => {
          if ('cancel' in e && e.cancel >= i)
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'log', i],
              message: 'cancels a command that comes later',
            });
        });
      };
      check(doc, []);
      doc.branches.forEach((b, i) => check(b, ['branches', i]));
      if (doc.now > doc.head) ctx.addIssue({ code: 'custom', path: ['now'], message: 'is after the head' });
    }),
  );
export type SessionDoc = z.infer<typeof SessionDoc>;

/** A fresh session: the demo world (or an empty one) at time zero with nothing typed yet. */
export function emptySession(seed: number, preset: 'demo' | 'empty'): SessionDoc {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    seed,
    preset,
    log: [],
    worldStart: 0,
    head: 0,
    now: 0,
    branches: [],
    layout: {},
  };
}
