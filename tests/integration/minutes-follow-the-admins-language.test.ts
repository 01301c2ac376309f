/**
 * The room's language is one setting: the config's `room.locale`, replaced by the admin's
 * choice while it is set. An admin switches an English room to Chinese in the admin view; the
 * next minutes arrive in Chinese, without a restart; clearing the choice returns to English.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailPart, mailSubject, startSmtpRecorder, type SmtpRecorder } from '../../appliance/notify/testing/smtp-recorder.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import { waitFor } from '../helpers/test-room.js';

const PIN = '246813';
let room: ClockedRoom;
let smtp: SmtpRecorder;

beforeAll(async () => {
  smtp = await startSmtpRecorder();
  room = await startClockedRoom({
    start: '2026-12-08T09:00:00Z',
    configure: (c) => {
      c.panel = { adminPin: PIN };
      // Sent at the end, without the time to review them.
      c.meetings = { minutesReviewMinutes: 0 };
      c.notifications = { email: { host: '127.0.0.1', port: smtp.port, from: 'aurora@example.com' } };
    },
  });
});
afterAll(async () => {
  await room?.close();
  await smtp?.close();
});

async function setLanguage(locale: 'zh-CN' | null): Promise<void> {
  const { session } = (await room.call('POST', '/api/v1/admin/session', { pin: PIN }, {})).body as { session: string };
  const answer = await room.call('PUT', '/api/v1/admin/settings', { locale }, { 'x-roomctl-admin': session });
  expect(answer.status).toBe(200);
}

/** A short meeting with Bob invited, from booking to its end; the minutes go out at the end. */
async function holdMeeting(title: string): Promise<void> {
  const booked = await room.call('POST', '/api/v1/bookings', { minutes: 15, title, attendees: [{ name: 'Bob', email: 'bob@example.com' }] });
  expect(booked.status).toBe(201);
  expect((await room.call('POST', `/api/v1/meetings/${booked.body.id}/start`)).status).toBe(200);
  expect((await room.call('POST', `/api/v1/meetings/${booked.body.id}/end`)).status).toBe(200);
}

const minutesTitled = (subject: string) =>
  waitFor(() => smtp.messages.find((x) => mailSubject(x.data) === subject)?.data, 8000, `the minutes titled "${subject}"`);

it('an admin switches the room to Chinese: the next minutes are in Chinese; cleared, they are in English again', async () => {
  await setLanguage('zh-CN');
  await holdMeeting('Budget review');
  const chinese = mailPart(await minutesTitled('会议纪要：Budget review'), 'text/plain');
  expect(chinese).toContain('- Bob：缺席');
  expect(chinese).not.toContain('Attendance');

  await setLanguage(null);
  await holdMeeting('Hiring plan');
  const english = mailPart(await minutesTitled('Minutes: Hiring plan'), 'text/plain');
  expect(english).toContain('Attendance');
  expect(english).not.toContain('缺席');
});
