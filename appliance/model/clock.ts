import { systemClock, type Clock as DriverClock } from '../../drivers/core/clock.js';

// The drivers' shape of the same time (milliseconds, `after`/`every`), for the room's code that
// hands a clock to drivers (the device supervisors): the room takes every clock from here.
export { systemClock, type ClockTimer, type Clock as DriverClock } from '../../drivers/core/clock.js';

/**
 * Time as the room sees it: the room's one clock. Every rule (reminders, check-in windows, auto-release, warnings,
 * retries) asks this for `now()` and schedules through it, so tests drive the whole meeting
 * with a ManualClock instead of waiting.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): Date;
  /** Calls `fn` after `ms`; a returned promise is awaited by ManualClock.advance. */
  setTimeout(fn: () => unknown, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Calls `fn` every `ms` until cleared. */
  setInterval(fn: () => unknown, ms: number): TimerHandle;
}

/** The real clock: Date and Node timers, unref'd so a pending rule never keeps the process alive. */
export class SystemClock implements Clock {
  private next = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): Date {
    return new Date();
  }

  setTimeout(fn: () => unknown, ms: number): TimerHandle {
    const id = this.next++;
    const t = setTimeout(
      () => {
        this.timers.delete(id);
        void Promise.resolve()
          .then(fn)
          .catch(() => undefined);
      },
      Math.max(0, ms),
    );
    t.unref();
    this.timers.set(id, t);
    return { id };
  }

  setInterval(fn: () => unknown, ms: number): TimerHandle {
    const id = this.next++;
    const t = setInterval(
      () =>
        void Promise.resolve()
          .then(fn)
          .catch(() => undefined),
      Math.max(1, ms),
    );
    t.unref();
    this.timers.set(id, t);
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const t = this.timers.get(handle.id);
    if (t) clearTimeout(t);
    this.timers.delete(handle.id);
  }
}

export const MINUTE = 60_000;

/**
 * The same clock in the drivers' words (milliseconds, `after`/`every`), so one clock — a
 * ManualClock in a test or a soak — drives the meetings and the device supervisors alike.
 * The system clock maps to the drivers' own system clock, whose timers behave exactly as before.
 */
export function driverClockOf(clock: Clock): DriverClock {
  if (clock instanceof SystemClock) return systemClock;
  return {
    now: () => clock.now().getTime(),
    after(ms, fn) {
      const handle = clock.setTimeout(fn, ms);
      return { cancel: () => clock.clearTimeout(handle) };
    },
    every(ms, fn) {
      const handle = clock.setInterval(fn, ms);
      return { cancel: () => clock.clearTimeout(handle) };
    },
  };
}
