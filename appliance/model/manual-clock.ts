import type { Clock, TimerHandle } from './clock.js';

interface ManualTimer {
  id: number;
  due: number;
  fn: () => unknown;
  every?: number;
}

/**
 * A clock that only moves when told. `advance(ms)` walks through every timer that falls due,
 * in order, setting `now()` to each one's time and awaiting what it returns, so a test sees
 * exactly what the room would have done in those minutes — without waiting for them.
 */
export class ManualClock implements Clock {
  private current: number;
  private next = 1;
  private readonly timers = new Map<number, ManualTimer>();

  constructor(start: Date | string | number) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimeout(fn: () => unknown, ms: number): TimerHandle {
    const id = this.next++;
    this.timers.set(id, { id, due: this.current + Math.max(0, ms), fn });
    return { id };
  }

  setInterval(fn: () => unknown, ms: number): TimerHandle {
    const id = this.next++;
    const every = Math.max(1, ms);
    this.timers.set(id, { id, due: this.current + every, fn, every });
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.timers.delete(handle.id);
  }

  /** Pending timers, for tests that check nothing is left behind. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing (and awaiting) every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!due) break;
      this.current = Math.max(this.current, due.due);
      if (due.every) due.due += due.every;
      else this.timers.delete(due.id);
      await due.fn();
    }
    this.current = target;
  }

  /** Moves to an absolute time (forward only). */
  async advanceTo(time: Date | string): Promise<void> {
    const ms = new Date(time).getTime() - this.current;
    if (ms > 0) await this.advance(ms);
  }
}
