/**
 * The calendar feed is read like untrusted input: the body is counted after decompression
 * and the read stops at the limit (a 1 MB gzip bomb never becomes a gigabyte), and a
 * redirect may not lead the room to another host or onto this machine and its networks
 * unless the config says so.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../appliance/schedule/testing/feed-server.js';
import { feedFixture, type FeedFixture } from '../../appliance/schedule/testing/feed-fixture.js';
import { calendarOf } from '../../appliance/schedule/testing/ics-text.js';
import type { CalendarConfig } from '../../appliance/schedule/calendar-config.js';

let server: FeedServer;
let fx: FeedFixture | undefined;
const good = calendarOf([['UID:a@example.com', 'DTSTART:20261208T090000Z', 'DTEND:20261208T100000Z', 'SUMMARY:Planning']]);
const open = (config: Omit<CalendarConfig, 'url'>, path = '/room.ics') =>
  (fx = feedFixture({ url: `${server.url}${path}`, ...config }, { start: '2026-12-07T08:00:00Z' }));
const titles = () => fx!.meetings.between('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z', ['booked']).map((m) => m.title);

beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  fx?.close();
  fx = undefined;
  await server.close();
});

describe('a gzip bomb', () => {
  it('stops reading at the limit counted after decompression, keeps the schedule and says why', async () => {
    // 100 gzip members of 10 MB of zeros each: about 1 MB on the wire, 1 GB unpacked.
    const member = gzipSync(Buffer.alloc(10 * 1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 100 }, () => member));
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    server.routes.set('/room.ics', { body: good });
    open({ maxFeedBytes: 1024 * 1024 });
    await fx!.feed.refresh();
    server.routes.set('/room.ics', { body: bomb, headers: { 'content-encoding': 'gzip' } });
    const rssBefore = process.memoryUsage().rss;
    expect(await fx!.feed.refresh()).toBeUndefined();
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect(fx!.feed.state().lastError).toMatch(/ROOMCTL_E_CALENDAR_FEED: .* sent more than 1048576 bytes \(calendar\.maxFeedBytes\)/);
    expect(titles()).toEqual(['Planning']);
  });
});

describe('redirects', () => {
  it('follows a redirect within the feed’s own server', async () => {
    server.routes.set('/old.ics', { status: 301, headers: { location: '/room.ics' } });
    server.routes.set('/room.ics', { body: good });
    open({}, '/old.ics');
    expect(await fx!.feed.refresh()).toMatchObject({ added: 1 });
  });

  it('refuses a redirect to another host not named in the config', async () => {
    const other = await startFeedServer('127.0.0.2');
    other.routes.set('/room.ics', { body: good });
    server.routes.set('/room.ics', { status: 302, headers: { location: `${other.url}/room.ics` } });
    open({});
    expect(await fx!.feed.refresh()).toBeUndefined();
    expect(fx!.feed.state().lastError).toContain('another host (allow it with calendar.redirectHosts)');
    expect(other.requests).toEqual([]);
    await other.close();
  });

  it('refuses a named host on a loopback address unless private redirects are allowed', async () => {
    const port = new URL(server.url).port;
    server.routes.set('/room.ics', { body: good });
    server.routes.set('/moved.ics', { status: 307, headers: { location: `http://localhost:${port}/room.ics` } });
    open({ redirectHosts: ['localhost'] }, '/moved.ics');
    expect(await fx!.feed.refresh()).toBeUndefined();
    expect(fx!.feed.state().lastError).toContain('a loopback or private address (allow it with calendar.privateRedirects)');
    fx!.close();
    open({ redirectHosts: ['localhost'], privateRedirects: true }, '/moved.ics');
    expect(await fx!.feed.refresh()).toMatchObject({ added: 1 });
  });
});
