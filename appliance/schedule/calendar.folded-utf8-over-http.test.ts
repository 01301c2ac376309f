import { afterEach, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from './testing/feed-server.js';
import { feedFixture, type FeedFixture } from './testing/feed-fixture.js';

let server: FeedServer;
let fx: FeedFixture;
afterEach(async () => {
  fx.close();
  await server.close();
});

it('keeps a Chinese character whole when the server folded the line in the middle of its bytes', async () => {
  server = await startFeedServer();
  const head = Buffer.from(
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:fold@example.com\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261208T020000Z\r\nDTEND:20261208T030000Z\r\n',
  );
  const summary = Buffer.from('SUMMARY:季度会议', 'utf8');
  // 会 is E4 BC 9A: the fold (CRLF + space) goes after its second byte, as a 75-octet folder may.
  const cut = summary.indexOf(Buffer.from('会', 'utf8')) + 2;
  const folded = Buffer.concat([summary.subarray(0, cut), Buffer.from('\r\n '), summary.subarray(cut), Buffer.from('\r\n')]);
  server.routes.set('/room.ics', { body: Buffer.concat([head, folded, Buffer.from('END:VEVENT\r\nEND:VCALENDAR\r\n')]) });
  fx = feedFixture({ url: `${server.url}/room.ics` }, { start: '2026-12-07T00:00:00Z', roomTimeZone: 'Asia/Shanghai' });
  await fx.feed.refresh();
  expect(fx.meetings.between('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z').map((m) => m.title)).toEqual(['季度会议']);
});
