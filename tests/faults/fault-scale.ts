import { readdirSync } from 'node:fs';

/**
 * The long runs (100 unplugs, 50 kill -9, 10,000 fuzz requests) run in full under
 * `npm run test:faults` / `npm run test:security` (ROOMCTL_FULL=1) and at a reduced count
 * in the plain `npm test`, so the default suite stays quick but still exercises each path.
 */
export const FULL = process.env.ROOMCTL_FULL === '1';

/** `full` repetitions under ROOMCTL_FULL=1, else `reduced`. */
export function repetitions(full: number, reduced: number): number {
  return FULL ? full : reduced;
}

/** Open file descriptors of this process (sockets, PTYs, files, pipes): a leak shows here first. */
export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/** A test timeout that grows with the repetitions: `perRepMs` each plus `baseMs`. */
export function timeoutFor(reps: number, perRepMs: number, baseMs = 20_000): number {
  return baseMs + reps * perRepMs;
}
