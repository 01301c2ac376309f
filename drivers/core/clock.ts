/**
 * Time as a dependency. Drivers with time-based rules (keep-alives, inter-character timeouts,
 * hot-plug polling) take a Clock so tests can move time by hand instead of waiting for it.
 */
export interface ClockTimer {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Run `fn` once after `ms`. The timer never keeps the process alive. */
  after(ms: number, fn: () => void): ClockTimer;
  /** Run `fn` every `ms` until cancelled. The timer never keeps the process alive. */
  every(ms: number, fn: () => void): ClockTimer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return { cancel: () => clearInterval(t) };
  },
};
