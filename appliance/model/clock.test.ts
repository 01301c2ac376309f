import { expect, it } from 'vitest';
import { systemClock } from '../../drivers/core/clock.js';
import { driverClockOf, SystemClock } from './clock.js';
import { ManualClock } from './manual-clock.js';

it("one manual clock drives the drivers' timers too: same time, fired by the same advance, cancellable", async () => {
  const room = new ManualClock('2026-03-02T09:00:00Z');
  const drivers = driverClockOf(room);
  expect(drivers.now()).toBe(Date.parse('2026-03-02T09:00:00Z'));
  const fired: string[] = [];
  drivers.after(1_000, () => fired.push(`once at ${drivers.now() - Date.parse('2026-03-02T09:00:00Z')}`));
  const every = drivers.every(500, () => fired.push('tick'));
  const cancelled = drivers.after(700, () => fired.push('never'));
  cancelled.cancel();
  room.setTimeout(() => fired.push('room rule'), 600);
  await room.advance(1_000);
  // Timers due together fire in the order they were set.
  expect(fired).toEqual(['tick', 'room rule', 'once at 1000', 'tick']);
  every.cancel();
  expect(room.pending).toBe(0);
});

it("the system clock maps to the drivers' own system clock, so device timers behave as before", () => {
  expect(driverClockOf(new SystemClock())).toBe(systemClock);
});
