import { performance } from 'node:perf_hooks';

/**
 * How long the room's own process was stalled while it waited for a device: held up by a loaded
 * room PC that did not schedule it, a long garbage collection, a blocking call. A device's reply
 * time is measured from the room's side, and a reply that came during a stall waits unread in
 * the socket until the room runs again: a plain difference of timestamps counts the room's pause
 * as the device's slowness. So while anything is timed, a light timer checks every few
 * milliseconds that the event loop came round on time; what it came late by, beyond ordinary
 * jitter, was a stall. (A stall that outlasts a wait is also seen by that wait's reply deadline;
 * this measures the shorter ones too.)
 */
export interface StallWatch {
  /** Ends the watch: how long the room was stalled since it began (ms; the same on a second call). */
  stop(): number;
}

const TICK_MS = 10;
/** Later than this past its tick, the loop was stalled: under ordinary load a timer runs within a few ms. */
const JITTER_MS = 20;

let ticker: NodeJS.Timeout | undefined;
let watching = 0;
let lastTick = 0;
/** Stalls seen by the ticks so far (only differences between two readings mean anything). */
let stalledMs = 0;

function lateBy(now: number): number {
  const late = now - lastTick - TICK_MS;
  return late > JITTER_MS ? late : 0;
}

/** The stalls so far, the one going on now included (the reply may be read before the next tick). */
function stalledSoFar(): number {
  return stalledMs + lateBy(performance.now());
}

function tick(): void {
  const now = performance.now();
  stalledMs += lateBy(now);
  lastTick = now;
}

/** Starts a watch of the room's stalls; `stop()` it when the wait ends, however it ends. */
export function watchRoomStalls(): StallWatch {
  if (watching++ === 0) {
    lastTick = performance.now();
    // Unref'd: a watch never keeps the process alive; it runs only while something is timed.
    ticker = setInterval(tick, TICK_MS);
    ticker.unref();
  }
  const from = stalledSoFar();
  let stalled: number | undefined;
  return {
    stop() {
      if (stalled !== undefined) return stalled;
      stalled = stalledSoFar() - from;
      if (--watching === 0) {
        clearInterval(ticker);
        ticker = undefined;
      }
      return stalled;
    },
  };
}
