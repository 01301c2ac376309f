import { SLOW_REPLY_MS } from './sim-options.js';
import type { QuirkProfile } from './simulator.js';

/**
 * The quirk profiles a simulator is asked to play ("slow-replies", " auth-lockout" from
 * `--quirks slow-replies, auth-lockout`), checked against what it offers: an unknown name is
 * refused with the list, never ignored (a test or a demo that thinks it runs against a
 * lock-out display must not run against a friendly one).
 */
export function knownQuirks(names: Iterable<string>, offered: readonly QuirkProfile[]): Set<string> {
  const chosen = new Set([...names].map((n) => n.trim()).filter(Boolean));
  const unknown = [...chosen].filter((n) => !offered.some((p) => p.name === n));
  if (unknown.length) {
    throw new RangeError(`unknown quirk profile ${unknown.map((n) => JSON.stringify(n)).join(', ')}; this simulator offers: ${describeQuirks(offered)}`);
  }
  return chosen;
}

/** What a simulator started from code takes to play quirks, besides its device's own options. */
export interface QuirkOptions {
  /** Quirk profiles to play (names from the simulator's own list). */
  quirks?: readonly string[];
  /** `slow-replies`: time before each reply; default SLOW_REPLY_MS (the declared `--replyDelayMs` default). */
  replyDelayMs?: number;
}

/** The quirks a simulator plays, checked against what it offers, and how long each reply waits (`slow-replies`). */
export function playedQuirks(options: QuirkOptions, offered: readonly QuirkProfile[]): { quirks: Set<string>; replyDelayMs: number } {
  const quirks = knownQuirks(options.quirks ?? [], offered);
  return { quirks, replyDelayMs: quirks.has('slow-replies') ? (options.replyDelayMs ?? SLOW_REPLY_MS) : 0 };
}

/** "slow-replies (…), auth-lockout (…)" for help texts and refusals. */
export function describeQuirks(offered: readonly QuirkProfile[]): string {
  return offered.length ? offered.map((p) => p.name).join(', ') : '(none)';
}

/** Writes each reply `delayMs()` after it was made (the `slow-replies` quirks), keeping their order on one session. */
export function delayedWriter(write: (text: string) => void, delayMs: () => number): (text: string) => void {
  let last = Promise.resolve();
  return (text) => {
    const ms = delayMs();
    const send = () => {
      try {
        write(text);
      } catch {
        // the session is gone; the next reply finds out too
      }
    };
    last = ms <= 0 ? last.then(send) : last.then(() => new Promise<void>((resolve) => setTimeout(() => (send(), resolve()), ms).unref()));
  };
}
