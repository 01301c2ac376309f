import type { Clock, ClockTimer } from '../core/clock.js';

interface Scheduled {
  at: number;
  every: number | undefined;
  fn: () => void;
  cancelled: boolean;
}

/** A Clock that only moves when a test calls `advance(ms)`; timers fire in time order. */
export class ManualClock implements Clock {
  private time: number;
  private readonly timers: Scheduled[] = [];

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): ClockTimer {
    return this.add({ at: this.time + ms, every: undefined, fn, cancelled: false });
  }

  every(ms: number, fn: () => void): ClockTimer {
    return this.add({ at: this.time + ms, every: Math.max(1, ms), fn, cancelled: false });
  }

  /** Timers still waiting to fire. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = next.at;
      if (next.every === undefined) next.cancelled = true;
      else next.at += next.every;
      next.fn();
    }
    this.time = end;
    for (let i = this.timers.length - 1; i >= 0; i--) if (this.timers[i]!.cancelled) this.timers.splice(i, 1);
  }

  private add(timer: Scheduled): ClockTimer {
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }
}
