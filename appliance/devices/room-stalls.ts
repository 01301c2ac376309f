import { performance } from 'node:perf_hooks';

/**
 * How late the room's own process was in reading a device's answer: held up by a loaded room PC
 * that did not schedule it, a long garbage collection, a blocking call. A device's reply time is
 * measured from the room's side, and an answer that came during such a stall waits unread in the
 * socket until the room runs again: a plain difference of timestamps counts the room's pause as
 * the device's slowness. While anything is timed, a light timer checks every few milliseconds
 * that the event loop came round on time; coming round more than ordinary jitter late, it saw a
 * stall. What a timed wait leaves out is the stall the room was in, or had just come out of, when
 * it read the answer (the answer may have been there all along: the device gets the benefit of
 * the doubt); a stall followed by a free turn of the loop, in which the answer was not there yet,
 * delayed nothing and is the device's time. (A stall that outlasts a wait is also seen by that
 * wait's reply deadline; this sees the shorter ones.)
 */
export interface StallWatch {
  /** Ends the watch: how late the room is in reading what arrived, now (whole ms; the same on a second call). */
  stop(): number;
}

const TICK_MS = 10;
/** Later than this past its tick, the loop was stalled: under ordinary load a timer runs within a few ms. */
const JITTER_MS = 20;

let ticker: NodeJS.Timeout | undefined;
let watching = 0;
let lastTick = 0;
/**
 * The stall the last tick came out of, until the loop has read its input once since: the tick
 * runs with the timers, before the loop reads its sockets, and an immediate runs after that read
 * (and keeps that read from waiting for more input).
 */
let justStalled = 0;

function lateBy(now: number): number {
  const late = now - lastTick - TICK_MS;
  return late > JITTER_MS ? late : 0;
}

function tick(): void {
  const now = performance.now();
  const late = lateBy(now);
  lastTick = now;
  if (late === 0) return;
  justStalled = late;
  setImmediate(() => (justStalled = 0));
}

/** Starts timing a wait; `stop()` it when the answer is read (or the wait ends another way). */
export function watchRoomStalls(): StallWatch {
  if (watching++ === 0) {
    lastTick = performance.now();
    justStalled = 0;
    // Unref'd: a watch never keeps the process alive; it runs only while something is timed.
    ticker = setInterval(tick, TICK_MS);
    ticker.unref();
  }
  const startedAt = performance.now();
  let late: number | undefined;
  return {
    stop() {
      if (late !== undefined) return late;
      const now = performance.now();
      // The stall going on now (not seen by a tick yet), and the one the last tick came out of.
      // Whole milliseconds, as every reply time is (Date.now): a fraction would show as "10.9 ms".
      late = Math.round(Math.min(now - startedAt, lateBy(now) + justStalled));
      if (--watching === 0) {
        clearInterval(ticker);
        ticker = undefined;
      }
      return late;
    },
  };
}
