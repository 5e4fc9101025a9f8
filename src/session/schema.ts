import { z } from 'zod';

// No JIT: zod would probe `new Function` on first parse, which the app's Content-Security-Policy forbids.
z.config({ jitless: true });

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

const time = z.number().finite().min(0).max(LIMITS.maxTimeMs);
const index = z.number().int().min(0).max(LIMITS.maxEntries);

/** A console line the presenter ran at simulated time `t` (of the world current at that moment). */
export const CommandEntry = z.strictObject({
  t: time,
  line: z.string().max(LIMITS.maxLineChars),
});
/** Ctrl+C at `t` on the command logged at index `cancel`. */
export const CancelEntry = z.strictObject({ t: time, cancel: index });
export const LogEntry = z.union([CommandEntry, CancelEntry]);
export type LogEntry = z.infer<typeof LogEntry>;

const log = z.array(LogEntry).max(LIMITS.maxEntries);

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
  theme: z.enum(['dark', 'light']).optional(),
  registry: z
    .string()
    .regex(/^[a-zA-Z0-9]{5,50}$/)
    .optional(),
  selectedRegion: z
    .string()
    .regex(/^[a-z0-9]{2,40}$/)
    .optional(),
  speed: z.number().finite().min(1).max(36_000).optional(),
  playing: z.boolean().optional(),
});
export type Layout = z.infer<typeof Layout>;

export const SessionDoc = z
  .strictObject({
    format: z.literal(SESSION_FORMAT),
    version: z.literal(SESSION_VERSION),
    seed: z.number().int().min(0).max(0xffffffff),
    preset: z.enum(['demo', 'empty']),
    ...timeline,
    /** Where the presenter was: a time in the last world, at most `head`. */
    now: time,
    branches: z.array(Branch).max(LIMITS.maxBranches),
    layout: Layout,
  })
  .superRefine((doc, ctx) => {
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
  });
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
