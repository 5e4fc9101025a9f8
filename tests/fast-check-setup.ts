import fc from 'fast-check';

/**
 * Property tests draw new cases on every local run, which is how they keep finding bugs; in CI
 * (`CI` set, as `.ci/run` does) they use one fixed seed, so whether a change lands never hangs on
 * a lucky or unlucky draw. A failure prints its seed and path either way, and replays from them.
 * FC_SEED=N picks the seed anywhere.
 */
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261127' : undefined);
if (seed !== undefined && /^\d+$/.test(seed)) fc.configureGlobal({ seed: Number(seed) });
