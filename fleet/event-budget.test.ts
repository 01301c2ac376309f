import { expect, it } from 'vitest';
import { ROOM_EVENT_BACKLOG_MINUTES, RoomBuckets } from './event-budget.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const takes = (budget: RoomBuckets, room: string, n: number, at: number) => Array.from({ length: n }, () => budget.take(room, at)).filter(Boolean).length;

it('lets a room have its backlog at once, then its minutes as they come, each room on its own', () => {
  const budget = new RoomBuckets(4);
  expect(takes(budget, 'hq/thief', 4 * ROOM_EVENT_BACKLOG_MINUTES + 3, T0)).toBe(4 * ROOM_EVENT_BACKLOG_MINUTES);
  expect(takes(budget, 'hq/aurora', 1, T0)).toBe(1);
  // A quarter of a minute on: one more; a clock that goes back gives none.
  expect(takes(budget, 'hq/thief', 3, T0 + 15_000)).toBe(1);
  expect(takes(budget, 'hq/thief', 1, T0)).toBe(0);
  // Two quiet days fill the bucket again (a day from empty), never above its backlog.
  expect(takes(budget, 'hq/thief', 5 * ROOM_EVENT_BACKLOG_MINUTES, T0 + 2 * 86_400_000)).toBe(4 * ROOM_EVENT_BACKLOG_MINUTES);
});

it('gives back what was taken and not stored, up to the backlog', () => {
  const budget = new RoomBuckets(1);
  expect(takes(budget, 'hq/aurora', ROOM_EVENT_BACKLOG_MINUTES, T0)).toBe(ROOM_EVENT_BACKLOG_MINUTES);
  budget.giveBack('hq/aurora', 2);
  expect(takes(budget, 'hq/aurora', 5, T0)).toBe(2);
  budget.giveBack('hq/aurora', 2 * ROOM_EVENT_BACKLOG_MINUTES);
  expect(takes(budget, 'hq/aurora', 2 * ROOM_EVENT_BACKLOG_MINUTES, T0)).toBe(ROOM_EVENT_BACKLOG_MINUTES);
});
