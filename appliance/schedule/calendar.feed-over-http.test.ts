import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RoomEventBus, type RoomEventEnvelope } from '../model/room-events.js';
import { createLogger } from '../logger.js';
import { AgendaRepository } from '../meetings/agenda-repository.js';
import { MeetingRepository } from '../meetings/meeting-repository.js';
import { tempDb } from '../meetings/testing/temp-db.js';
import { startHttpReceiver, type HttpReceiver } from '../notify/testing/http-receiver.js';
import { CalendarFeed } from './calendar-feed.js';
import { ManualClock } from '../model/manual-clock.js';

const ics = readFileSync(new URL('./fixtures/weekly-across-dst.ics', import.meta.url), 'utf8');
let feedServer: HttpReceiver;
let store: ReturnType<typeof tempDb>;
let events: RoomEventEnvelope[];
let feed: CalendarFeed;
let meetings: MeetingRepository;
const clock = () => new ManualClock('2026-03-18T12:00:00.000Z');

beforeEach(async () => {
  feedServer = await startHttpReceiver({ status: 200, body: ics, contentType: 'text/calendar' });
  store = tempDb();
  events = [];
  meetings = new MeetingRepository(store.db);
});
afterEach(async () => {
  feed.stop();
  await feedServer.close();
  store.close();
});

function makeFeed(c: ManualClock, url = `${feedServer.url}/room.ics`) {
  const bus = new RoomEventBus(() => c.now());
  bus.on('event', (e: RoomEventEnvelope) => events.push(e));
  feed = new CalendarFeed({
    db: store.db,
    meetings,
    agenda: new AgendaRepository(store.db),
    config: { url, horizonDays: 60, refreshMinutes: 5 },
    clock: c,
    bus,
    log: createLogger({ level: 'silent', pretty: false }),
    roomTimeZone: 'Europe/Berlin',
  });
  return feed;
}

it('reads a recurring series over HTTP and stores each occurrence at 10:00 Berlin, before and after the DST change', async () => {
  const c = clock();
  expect(await makeFeed(c).refresh()).toEqual({ added: 4, updated: 0, cancelled: 0 });
  const stored = meetings.between('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z');
  expect(stored.map((m) => m.start)).toEqual(['2026-03-19T09:00:00.000Z', '2026-03-26T09:00:00.000Z', '2026-04-09T12:00:00.000Z', '2026-04-23T08:00:00.000Z']);
  expect(stored.every((m) => m.status === 'booked' && m.source === 'calendar')).toBe(true);
  expect(feed.state()).toMatchObject({ goodAt: '2026-03-18T12:00:00.000Z', lastError: null });
  expect(feedServer.requests[0]!.headers.accept).toContain('text/calendar');
});

it('a broken feed keeps the last good schedule and raises one fault, cleared when the feed is good again', async () => {
  const c = clock();
  makeFeed(c).start();
  await feed.refresh();
  expect(meetings.between('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z')).toHaveLength(4);

  feedServer.fallback = { status: 200, body: '<html>Sign in to Outlook</html>', contentType: 'text/html' };
  await c.advance(5 * 60_000);
  await feed.refresh();
  feedServer.fallback = { status: 500, body: 'oops' };
  await c.advance(5 * 60_000);
  await feed.refresh();
  expect(meetings.between('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z').map((m) => m.status)).toEqual(['booked', 'booked', 'booked', 'booked']);
  const faults = events.filter((e) => e.event.type === 'fault.raised');
  expect(faults).toHaveLength(1);
  expect(faults[0]!.event).toMatchObject({ faultId: 'calendar-feed', detail: expect.stringContaining('not valid iCalendar') });
  expect(feed.state().lastError).toContain('HTTP 500');

  feedServer.fallback = { status: 200, body: ics, contentType: 'text/calendar' };
  await c.advance(5 * 60_000);
  await feed.refresh();
  expect(events.filter((e) => e.event.type === 'fault.cleared')).toHaveLength(1);
  expect(feed.state().lastError).toBeNull();
});

it('an occurrence removed from the feed is cancelled; one that started is left alone', async () => {
  const c = clock();
  await makeFeed(c).refresh();
  const [first] = meetings.between('2026-03-19T00:00:00Z', '2026-03-20T00:00:00Z');
  meetings.setStatus(first!.id, 'in_progress', '2026-03-19T09:00:00.000Z');
  const other =
    'BEGIN:VEVENT\r\nUID:other@example.com\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260320T090000Z\r\nDTEND:20260320T100000Z\r\nSUMMARY:Other\r\nEND:VEVENT\r\n';
  feedServer.fallback = {
    status: 200,
    body: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n${other}END:VCALENDAR\r\n`,
    contentType: 'text/calendar',
  };
  expect(await feed.refresh()).toMatchObject({ cancelled: 3 });
  expect(meetings.get(first!.id)!.status).toBe('in_progress');
});

it('an unreachable feed after a restart still has the cached schedule', async () => {
  const c = clock();
  await makeFeed(c).refresh();
  await feedServer.close();
  meetings = new MeetingRepository(store.db);
  expect(await makeFeed(c, 'http://127.0.0.1:9/room.ics').refresh()).toBeUndefined();
  expect(meetings.between('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z')).toHaveLength(4);
  expect(events.map((e) => e.event.type)).toEqual(['fault.raised']);
  feedServer = await startHttpReceiver();
});
