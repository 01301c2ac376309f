/**
 * A booking freed by hand through the API: its organiser is told what it was — "we are not
 * meeting" once its check-in has opened, a cancellation ahead of time before — and through
 * what, a paired panel (someone at the room) or one of the room's tokens (a program or device
 * holding it), in the room's language — a kiosk panel set up with a token the config marks as a
 * panel's (`api.panelTokens`) rather than paired being the panel too; the meeting says so, and the day's figures count neither
 * as a no-show and a cancellation not at all.
 */
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

const PAIR_CODE = 'K7QM-4XPA';
/** The token a kiosk panel was set up with (`/?token=…`) instead of pairing. */
const KIOSK_TOKEN = 'kiosk-panel-token-0123456789';

/**
 * A room in Berlin at 09:55 whose mail goes to a recorder, a paired panel, and four bookings of
 * the day, each with its own organiser: Budget now (09:55–10:00) and Hiring at 10:00, whose
 * check-in is open, Offsite at 14:00 and Retro at 15:00, whose check-in is not. The panel frees
 * Budget and Retro, a room token Hiring and Offsite; the kiosk panel, with its panel token, the
 * Standup at 16:00.
 */
async function freedEachWay(locale: 'en' | 'zh-CN') {
  smtp = await startSmtpRecorder();
  const port = smtp.port;
  room = await startClockedRoom({
    start: '2026-04-01T07:55:00.000Z',
    configure: (config) => {
      config.room.locale = locale;
      config.notifications = { email: { host: '127.0.0.1', port, from: 'aurora@example.com' } };
      // No reminder: the one mail to each organiser is the release's.
      config.meetings = { reminderMinutes: 0 };
      config.panel = { pairCodes: [PAIR_CODE] };
      config.api.panelTokens = [KIOSK_TOKEN];
    },
  });
  const paired = await room.call('POST', '/api/v1/panels/pair', { code: PAIR_CODE, name: 'Door panel' }, {});
  const fromThePanel = { authorization: `Bearer ${paired.body.token as string}` };
  const fromTheKiosk = { authorization: `Bearer ${KIOSK_TOKEN}` };
  const book = async (startUtc: string, minutes: number, title: string, organiser: string) => {
    const booked = await room!.call('POST', '/api/v1/bookings', {
      start: `2026-04-01T${startUtc}:00.000Z`,
      minutes,
      title,
      organiser: { name: organiser, email: `${organiser.toLowerCase()}@example.com` },
    });
    expect(booked.status).toBe(201);
    return booked.body.id as string;
  };
  const ids = {
    budget: await book('07:55', 5, 'Budget', 'Alice'),
    hiring: await book('08:00', 60, 'Hiring', 'Bob'),
    offsite: await book('12:00', 60, 'Offsite', 'Carol'),
    retro: await book('13:00', 60, 'Retro', 'Dave'),
    standup: await book('14:00', 15, 'Standup', 'Erin'),
  };
  const release = async (id: string, headers?: Record<string, string>) =>
    expect((await room!.call('POST', `/api/v1/meetings/${id}/release`, undefined, headers)).status).toBe(200);
  await release(ids.budget, fromThePanel);
  await release(ids.hiring);
  await release(ids.offsite);
  await release(ids.retro, fromThePanel);
  await release(ids.standup, fromTheKiosk);
  const mailTo = async (organiser: string) => {
    const mail = await waitFor(() => smtp!.messages.find((m) => m.to.includes(`${organiser}@example.com`)), 8000, `${organiser}'s mail`);
    return { subject: mailSubject(mail.data), text: mailPart(mail.data, 'text/plain') };
  };
  const mails = {
    budget: await mailTo('alice'),
    hiring: await mailTo('bob'),
    offsite: await mailTo('carol'),
    retro: await mailTo('dave'),
    standup: await mailTo('erin'),
  };
  return { ids, mails, fromTheKiosk };
}

it('tells each organiser how their booking was freed and through what; the meetings say it, the figures count no no-show and no cancellation', async () => {
  const { ids, mails, fromTheKiosk } = await freedEachWay('en');
  expect(mails.budget.subject).toBe('Aurora freed from the panel: Budget');
  expect(mails.budget.text).toContain(
    'At 09:55 someone in Aurora freed the room from its panel: the meeting (09:55–10:00) is not taking place. The booking was released so others can book the room.',
  );
  expect(mails.hiring.subject).toBe('Aurora freed through its API: Hiring');
  expect(mails.hiring.text).toContain(
    "At 09:55 Aurora was freed through the room's API (by a program or device holding one of the room's tokens): the meeting (10:00–11:00) is not taking place. The booking was released so others can book the room.",
  );
  expect(mails.offsite.subject).toBe('Aurora booking cancelled ahead of time: Offsite');
  expect(mails.offsite.text).toContain(
    "At 09:55 the booking of Aurora on 2026-04-01, 14:00–15:00, was cancelled through the room's API (by a program or device holding one of the room's tokens), before its check-in opened. The room is free for others to book.",
  );
  expect(mails.retro.subject).toBe('Aurora booking cancelled ahead of time: Retro');
  expect(mails.retro.text).toContain(
    "At 09:55 the booking of Aurora on 2026-04-01, 15:00–16:00, was cancelled from the room's panel, before its check-in opened. The room is free for others to book.",
  );
  // The kiosk's token is the panel's: the organiser hears it was someone at the room.
  expect(mails.standup.text).toContain(
    "At 09:55 the booking of Aurora on 2026-04-01, 16:00–16:15, was cancelled from the room's panel, before its check-in opened. The room is free for others to book.",
  );
  for (const mail of Object.values(mails)) expect(mail.text).not.toMatch(/nobody checked in/i);

  const meeting = async (id: string) => (await room!.call('GET', `/api/v1/meetings/${id}`)).body;
  expect(await meeting(ids.budget)).toMatchObject({ status: 'released', releasedAt: '2026-04-01T07:55:00.000Z', releasedBy: 'by-hand', releasedVia: 'panel' });
  expect(await meeting(ids.hiring)).toMatchObject({ status: 'released', releasedBy: 'by-hand', releasedVia: 'token' });
  expect(await meeting(ids.offsite)).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time', releasedVia: 'token' });
  expect(await meeting(ids.retro)).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time', releasedVia: 'panel' });
  expect(await meeting(ids.standup)).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time', releasedVia: 'panel' });
  // The panel's handshake says what it holds: the kiosk's token is the room's panel, a room token is not.
  expect((await room!.call('GET', '/api/v1/panel/info', undefined, fromTheKiosk)).body).toMatchObject({ credential: 'panel', panelId: null });
  expect((await room!.call('GET', '/api/v1/panel/info')).body).toMatchObject({ credential: 'token' });
  const figures = (await room!.call('GET', '/api/v1/figures?from=2026-04-01T00:00:00.000Z&to=2026-04-02T00:00:00.000Z')).body;
  expect(figures).toMatchObject({ meetings: 2, autoReleases: 0, noShowPercent: 0, freedByHand: 2 });
});

it("in a Chinese room each organiser's mail says it in Chinese", async () => {
  const { mails } = await freedEachWay('zh-CN');
  expect(mails.budget.subject).toBe('Aurora 已在面板上释放：Budget');
  expect(mails.budget.text).toContain('09:55，Aurora 有人在会议室面板上释放了会议室：会议（09:55–10:00）不再举行。该预订已释放，其他人可以预订会议室。');
  expect(mails.hiring.subject).toBe('Aurora 已通过 API 释放：Hiring');
  expect(mails.hiring.text).toContain(
    '09:55，Aurora 已通过会议室 API 释放（由持有会议室令牌的程序或设备操作）：会议（10:00–11:00）不再举行。该预订已释放，其他人可以预订会议室。',
  );
  expect(mails.offsite.subject).toBe('Aurora 的预订已提前取消：Offsite');
  expect(mails.offsite.text).toContain(
    '09:55，Aurora 2026年4月1日 14:00–15:00 的预订已通过会议室 API 取消（由持有会议室令牌的程序或设备操作），当时签到尚未开始。会议室已空出，其他人可以预订。',
  );
  expect(mails.retro.subject).toBe('Aurora 的预订已提前取消：Retro');
  expect(mails.retro.text).toContain(
    '09:55，有人在会议室面板上取消了 Aurora 2026年4月1日 15:00–16:00 的预订，当时签到尚未开始。会议室已空出，其他人可以预订。',
  );
});
