import { afterEach, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';
import { waitFor } from '../../../tests/helpers/test-room.js';
import { mailPart, mailSubject, startSmtpRecorder, type SmtpRecorder } from '../../notify/testing/smtp-recorder.js';

let room: ClockedRoom | undefined;
let smtp: SmtpRecorder | undefined;
afterEach(async () => {
  await room?.close();
  await smtp?.close();
  room = smtp = undefined;
});

/** A room in Berlin whose mail goes to a recorder, with a booking from 10:00 to 11:00 that the panel frees at 10:03. */
async function freedFromThePanel(locale: 'en' | 'zh-CN') {
  smtp = await startSmtpRecorder();
  const port = smtp.port;
  room = await startClockedRoom({
    start: '2026-04-01T07:55:00.000Z',
    configure: (config) => {
      config.room.locale = locale;
      config.notifications = { email: { host: '127.0.0.1', port, from: 'aurora@example.com' } };
      // No reminder: the one mail to the organiser is the release's.
      config.meetings = { reminderMinutes: 0 };
    },
  });
  const booked = await room.call('POST', '/api/v1/bookings', {
    start: '2026-04-01T08:00:00.000Z',
    minutes: 60,
    title: 'Budget',
    organiser: { name: 'Alice', email: 'alice@example.com' },
  });
  expect(booked.status).toBe(201);
  const id = booked.body.id as string;
  await room.clock.advanceTo('2026-04-01T08:03:00.000Z');
  // What the panel's "We are not meeting: free the room" calls.
  expect((await room.call('POST', `/api/v1/meetings/${id}/release`)).status).toBe(200);
  const mail = await waitFor(() => smtp!.messages.find((m) => m.to.includes('alice@example.com')), 8000, "the organiser's mail");
  return { id, mail: { subject: mailSubject(mail.data), text: mailPart(mail.data, 'text/plain') } };
}

it('a booking freed from the panel tells the organiser so, not "nobody checked in"; the meeting and the figures say it was freed by hand', async () => {
  const { id, mail } = await freedFromThePanel('en');
  expect(mail.subject).toBe('Aurora freed from the panel: Budget');
  expect(mail.text).toContain(
    'At 10:03 someone in Aurora freed the room from its panel: the meeting (10:00–11:00) is not taking place. The booking was released so others can book the room.',
  );
  expect(mail.text).not.toMatch(/nobody checked in/i);

  expect((await room!.call('GET', `/api/v1/meetings/${id}`)).body).toMatchObject({
    status: 'released',
    releasedAt: '2026-04-01T08:03:00.000Z',
    releasedBy: 'by-hand',
  });
  const figures = (await room!.call('GET', '/api/v1/figures?from=2026-04-01T00:00:00.000Z&to=2026-04-02T00:00:00.000Z')).body;
  expect(figures).toMatchObject({ meetings: 1, autoReleases: 0, noShowPercent: 0, freedByHand: 1 });
});

it("in a Chinese room the organiser's mail says it in Chinese", async () => {
  const { mail } = await freedFromThePanel('zh-CN');
  expect(mail.subject).toBe('Aurora 已在面板上释放：Budget');
  expect(mail.text).toContain('10:03，Aurora 有人在会议室面板上释放了会议室：会议（10:00–11:00）不再举行。该预订已释放，其他人可以预订会议室。');
});
