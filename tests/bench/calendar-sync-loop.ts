/**
 * The event loop during a calendar sync that asks for 100,000 occurrences (20 series of
 * FREQ=MINUTELY;COUNT=5000 read over loopback HTTP): the longest the loop was held, against
 * the same measurement while the process idles for as long (reference, same run). Each
 * figure is the median of several runs.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startFeedServer } from '../../appliance/schedule/testing/feed-server.js';
import { feedFixture } from '../../appliance/schedule/testing/feed-fixture.js';
import { calendarOf } from '../../appliance/schedule/testing/ics-text.js';

export interface SyncLoopFigures {
  syncMs: number;
  maxDelayMs: number;
  idleMaxDelayMs: number;
  bookings: number;
}

/** Several runs; the median of each figure (a shared machine's scheduler adds its own pauses to any single run). */
export async function calendarSyncLoopMedian(runs: number): Promise<SyncLoopFigures> {
  const all: SyncLoopFigures[] = [];
  for (let i = 0; i < runs; i++) all.push(await calendarSyncLoop());
  const median = (pick: (f: SyncLoopFigures) => number) => all.map(pick).sort((a, b) => a - b)[Math.floor(all.length / 2)]!;
  return {
    syncMs: median((f) => f.syncMs),
    maxDelayMs: median((f) => f.maxDelayMs),
    idleMaxDelayMs: median((f) => f.idleMaxDelayMs),
    bookings: median((f) => f.bookings),
  };
}

export async function calendarSyncLoop(): Promise<SyncLoopFigures> {
  const server = await startFeedServer();
  const series = Array.from({ length: 20 }, (_, i) => [
    `UID:flood-${i}@example.com`,
    'DTSTART:20261206T000000Z',
    'DURATION:PT1M',
    'RRULE:FREQ=MINUTELY;COUNT=5000',
    `SUMMARY:Flood ${i}`,
  ]);
  server.routes.set('/room.ics', { body: calendarOf(series) });
  const fx = feedFixture({ url: `${server.url}/room.ics`, horizonDays: 14 }, { start: '2026-12-07T00:00:00Z' });
  try {
    const during = monitorEventLoopDelay({ resolution: 1 });
    during.enable();
    const t0 = performance.now();
    const result = await fx.feed.refresh();
    const syncMs = performance.now() - t0;
    during.disable();
    const idle = monitorEventLoopDelay({ resolution: 1 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, Math.min(syncMs, 3000)));
    idle.disable();
    return { syncMs, maxDelayMs: during.max / 1e6, idleMaxDelayMs: idle.max / 1e6, bookings: result?.added ?? 0 };
  } finally {
    fx.close();
    await server.close();
  }
}
