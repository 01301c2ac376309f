import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { mailPart, mailSubject } from '../notify/testing/smtp-recorder.js';
import { book } from './meeting-lifecycle.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('a room set to Chinese reminds and nudges in Chinese, at Shanghai times', async () => {
  const { fx, smtp } = await mailingRoom({
    start: '2026-04-01T01:40:00.000Z',
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
    meetings: { reminderMinutes: 15 },
  });
  book(fx.room.ctx, {
    start: '2026-04-01T02:00:00.000Z',
    minutes: 30,
    title: '周会',
    attendees: [{ name: 'Dan', email: 'dan@example.com', required: true }],
  });
  const mailTitled = (subject: string) => smtp.messages.find((x) => mailSubject(x.data) === subject)?.data;

  await fx.advanceTo('2026-04-01T01:46:00.000Z');
  await waitFor(() => !!mailTitled('提醒：周会将于 15 分钟后开始（Aurora）'), 8000, 'the reminder, in Chinese');
  expect(mailPart(mailTitled('提醒：周会将于 15 分钟后开始（Aurora）')!, 'text/plain')).toContain('周会将于 10:00 在 Aurora 开始（10:00–10:30）。');

  // Nobody checked in: at the start the required invitee is nudged.
  await fx.advanceTo('2026-04-01T02:00:05.000Z');
  await waitFor(() => !!mailTitled('周会已在 Aurora 开始'), 8000, 'the roll-call nudge, in Chinese');
  const nudge = mailPart(mailTitled('周会已在 Aurora 开始')!, 'text/plain');
  expect(nudge).toContain('Dan，会议已于 10:00 开始，您尚未签到。');
  expect(nudge).toMatch(/^签到：http:\/\/room\.example:8080\/meeting\//m);
  expect(nudge).not.toContain('checked in');
});
