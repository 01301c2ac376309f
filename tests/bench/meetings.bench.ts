/**
 * meetings: what the meeting room costs the appliance.
 * - rule tick with a busy fortnight booked (10 meetings a day, one running with an agenda),
 *   against the same tick in an empty room (reference, same run);
 * - expanding a calendar of 40 weekly series over 14 days with ical.js;
 * - notify() while the mail server accepts connections and never answers: the room's call
 *   must return at once (outbox write), against a bare outbox insert (reference);
 * - the event loop's longest hold during a sync asked for 100,000 occurrences, against the
 *   same process idling (reference).
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { book, start } from '../../appliance/meetings/meeting-lifecycle.js';
import { roomFixture } from '../../appliance/meetings/testing/room-fixture.js';
import { expandCalendar } from '../../appliance/schedule/ics-expand.js';
import { notifyFixture } from '../../appliance/notify/testing/notify-fixture.js';
import type { Benchmark } from './bench-types.js';
import { calendarSyncLoopMedian } from './calendar-sync-loop.js';
import { round, summarize } from './stats.js';

function timeEach(count: number, fn: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function tickCost(count: number): Promise<{ busy: number[]; empty: number[] }> {
  const empty = roomFixture({ start: '2026-04-01T06:00:00.000Z' });
  const emptySamples = timeEach(count, () => empty.room.tick());
  await empty.close();
  const busy = roomFixture({ start: '2026-04-01T06:00:00.000Z' });
  for (let day = 0; day < 14; day++) {
    for (let slot = 0; slot < 10; slot++) {
      const startAt = new Date(Date.parse('2026-04-01T07:00:00.000Z') + day * 86_400_000 + slot * 3_600_000).toISOString();
      book(busy.room.ctx, {
        start: startAt,
        minutes: 45,
        title: `M${day}-${slot}`,
        attendees: [
          { email: 'a@example.com', required: true },
          { email: 'b@example.com', required: false },
        ],
        agenda: [
          { title: 'one', minutes: 20 },
          { title: 'two', minutes: 25 },
        ],
      });
    }
  }
  await busy.advanceTo('2026-04-01T06:55:00.000Z');
  start(busy.room.ctx, busy.room.roomState().current!.id);
  await busy.room.settle();
  const busySamples = timeEach(count, () => busy.room.tick());
  await busy.close();
  return { busy: busySamples, empty: emptySamples };
}

function calendarText(series: number): string {
  const events = Array.from({ length: series }, (_, i) =>
    [
      'BEGIN:VEVENT',
      `UID:series-${i}@example.com`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART;TZID=Europe/Berlin:202603${String(2 + (i % 5)).padStart(2, '0')}T${String(8 + (i % 9)).padStart(2, '0')}0000`,
      `DTEND;TZID=Europe/Berlin:202603${String(2 + (i % 5)).padStart(2, '0')}T${String(8 + (i % 9)).padStart(2, '0')}4500`,
      'RRULE:FREQ=WEEKLY',
      `SUMMARY:Series ${i}`,
      'ATTENDEE;CN=Bob;ROLE=REQ-PARTICIPANT:mailto:bob@example.com',
      'END:VEVENT',
    ].join('\r\n'),
  );
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
}

async function notifyCost(count: number): Promise<{ notify: number[]; insert: number[] }> {
  // A mail server that takes the connection and never says a word.
  const sockets: Socket[] = [];
  const silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as AddressInfo).port;
  const fx = notifyFixture({ email: { host: '127.0.0.1', port, from: 'a@example.com', timeoutMs: 60_000 } });
  const message = { kind: 'reminder' as const, title: 'Reminder', text: 'Stand-up in 15 min' };
  const notify = timeEach(count, () => void fx.notifier.notify(message, { emails: ['bob@example.com'], groups: false }));
  const insert = timeEach(count, () => void fx.outbox.enqueue('email', message, ['bob@example.com'], fx.clock.now()));
  await fx.dispatcher.stop().catch(() => undefined);
  for (const s of sockets) s.destroy();
  silent.close();
  await fx.close().catch(() => undefined);
  return { notify, insert };
}

const bench: Benchmark = {
  name: 'meetings',
  async run({ quick }) {
    const ticks = await tickCost(quick ? 200 : 2000);
    const ics = calendarText(40);
    const window = { from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-04-15T00:00:00Z'), roomTimeZone: 'Europe/Berlin' };
    const expand = [];
    let occurrences = 0;
    for (let i = 0; i < (quick ? 10 : 50); i++) {
      const t0 = performance.now();
      occurrences = expandCalendar(ics, window).length;
      expand.push(performance.now() - t0);
    }
    const notify = await notifyCost(quick ? 200 : 2000);
    const flood = await calendarSyncLoopMedian(quick ? 3 : 7);
    const busy = summarize(ticks.busy);
    const empty = summarize(ticks.empty);
    const ex = summarize(expand);
    const n = summarize(notify.notify);
    const ins = summarize(notify.insert);
    return {
      name: 'meetings',
      figures: {
        tick_busy_p50_ms: round(busy.p50),
        tick_busy_p99_ms: round(busy.p99),
        tick_empty_p50_ms: round(empty.p50),
        tick_busy_vs_empty_p50_ratio: round(busy.p50 / empty.p50, 2),
        ics_expand_40_series_14_days_p50_ms: round(ex.p50),
        ics_expand_p99_ms: round(ex.p99),
        ics_occurrences: occurrences,
        notify_with_silent_smtp_p50_ms: round(n.p50),
        notify_with_silent_smtp_p99_ms: round(n.p99),
        outbox_insert_p50_ms: round(ins.p50),
        notify_vs_insert_p50_ratio: round(n.p50 / ins.p50, 2),
        calendar_sync_100k_ms: round(flood.syncMs),
        calendar_sync_100k_bookings: flood.bookings,
        calendar_sync_100k_loop_max_delay_ms: round(flood.maxDelayMs),
        loop_max_delay_idle_ms: round(flood.idleMaxDelayMs),
        sync_vs_idle_loop_max_delay_ratio: round(flood.maxDelayMs / flood.idleMaxDelayMs, 2),
      },
      units: {
        tick_busy_p50_ms: 'ms',
        tick_busy_p99_ms: 'ms',
        tick_empty_p50_ms: 'ms',
        tick_busy_vs_empty_p50_ratio: 'x',
        ics_expand_40_series_14_days_p50_ms: 'ms',
        ics_expand_p99_ms: 'ms',
        ics_occurrences: 'count',
        notify_with_silent_smtp_p50_ms: 'ms',
        notify_with_silent_smtp_p99_ms: 'ms',
        outbox_insert_p50_ms: 'ms',
        notify_vs_insert_p50_ratio: 'x',
        calendar_sync_100k_ms: 'ms',
        calendar_sync_100k_bookings: 'count',
        calendar_sync_100k_loop_max_delay_ms: 'ms',
        loop_max_delay_idle_ms: 'ms',
        sync_vs_idle_loop_max_delay_ratio: 'x',
      },
      targets: {
        tick_busy_p99_ms: { max: 20 },
        notify_with_silent_smtp_p99_ms: { max: 20 },
        ics_expand_p99_ms: { max: 1000 },
        calendar_sync_100k_loop_max_delay_ms: { max: 50 },
      },
      notes:
        'The rule tick runs every 5 s; notify() only writes the outbox, so a dead mail server never reaches the room. A flooding calendar is capped (2,000 bookings kept), expanded in slices of a few ms and written in one transaction. Outbox writes measured in the temp folder; on a real disk each commit also syncs the SQLite WAL.',
    };
  },
};

export default bench;
