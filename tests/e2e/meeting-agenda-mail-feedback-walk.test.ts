/**
 * Three flows walked as their people meet them, in real Chromium against the room on a manual
 * clock (minutes pass without waiting) with a real SMTP receiver:
 * - the chair: an agenda item runs over (the panel warns at 80 % and 100 %), "Next agenda item",
 *   then "Skip" on the next; the times stay right and the minutes say what happened;
 * - an attendee: the minutes email (HTML and text) read on a phone, its personal link opening
 *   the minutes; the page's address without a proof, or a forged link, opens nothing;
 * - the room's rating after the end: a double tap on Send rates once, a second rating and bad
 *   ones are refused with their codes, the rating reaches the room's figures;
 * - an attendee's own rating: the mail's rating link opens it on the phone, one each, counted
 *   with the room's; the link opened again shows the rating given instead of the stars, and so
 *   does a second Send from a page opened before the rating (the room refuses it).
 * Screenshots (test-artifacts/screenshots/agenda-mail-feedback/): the panel's steps as
 * captureStep takes them, the mail and the phone page at 390×844, in both languages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import { buildPanelIfStale, captureStep, launchWithPanel, phonePage, SCREENSHOT_ROOT, setLanguage } from '../helpers/panel-browser.js';
import { mailPart, mailSubject, startSmtpRecorder, type RecordedMail, type SmtpRecorder } from '../../appliance/notify/testing/smtp-recorder.js';
import { waitFor } from '../helpers/test-room.js';

const FLOW = 'agenda-mail-feedback';
const DIR = join(SCREENSHOT_ROOT, FLOW);
/** 10:00 in Shanghai, the room's zone. */
const START = '2026-04-01T02:00:00.000Z';

let smtp: SmtpRecorder;
let room: ClockedRoom;
let browser: Browser;
let page: Page;
let errors: string[];
let meetingId: string;

/** A room in Shanghai mailing its minutes to the recorder, in `locale`, with a meeting of three people and four agenda items, started. */
async function mailingRoom(locale: 'en' | 'zh-CN'): Promise<{ room: ClockedRoom; meetingId: string }> {
  const started = await startClockedRoom({
    start: START,
    timezone: 'Asia/Shanghai',
    configure: (c) => {
      c.room.locale = locale;
      c.notifications = { email: { host: '127.0.0.1', port: smtp.port, from: 'aurora@example.com' } };
    },
  });
  const booked = await started.call('POST', '/api/v1/bookings', {
    minutes: 30,
    title: 'Budget review',
    organiser: { name: 'Alice Chen', email: 'alice@example.com' },
    attendees: [
      { name: 'Bob Li', email: 'bob@example.com', required: true },
      { name: 'Carol Wu', email: 'carol@example.com', required: false },
    ],
    agenda: [
      { title: 'Budget', minutes: 2 },
      { title: 'Rollout', minutes: 5 },
      { title: 'Hiring', minutes: 5 },
      { title: 'Any other business', minutes: 3 },
    ],
  });
  expect(booked.status).toBe(201);
  expect((await started.call('POST', `/api/v1/meetings/${booked.body.id}/start`)).status).toBe(200);
  return { room: started, meetingId: booked.body.id };
}

const agenda = async () => (await room.call('GET', `/api/v1/meetings/${meetingId}/agenda`)).body;
const minutesMails = (to: string) => smtp.messages.filter((m) => m.to.includes(to) && /^(Minutes|会议纪要)/.test(mailSubject(m.data)));

/** The mail's HTML part as a phone shows it: it fits the phone's width (no sideways scrolling, words at their size). */
async function readOnPhone(mail: RecordedMail, name: string): Promise<void> {
  const phone = await phonePage(browser);
  await phone.setContent(mailPart(mail.data, 'text/html'));
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: join(DIR, `${name}-390x844.png`), fullPage: true });
  await phone.context().close();
}

describe('the agenda kept, the minutes mailed and read, the room rated', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    buildPanelIfStale();
    mkdirSync(DIR, { recursive: true });
    smtp = await startSmtpRecorder();
    ({ room, meetingId } = await mailingRoom('en'));
    ({ browser, page, errors } = await launchWithPanel(room.baseUrl, room.token));
    await page.getByTestId('agenda-current').filter({ hasText: 'Budget' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await room?.close();
    await smtp?.close();
  });

  it('warns the chair as an item runs over, moves on, skips an item; the times stay right', async () => {
    await room.clock.advance(1.7 * 60_000);
    await page.getByTestId('warning').filter({ hasText: 'Agenda item 1 has used 80% of its time.' }).waitFor();
    await captureStep(page, FLOW, '1-item-at-80');
    await room.clock.advance(1.5 * 60_000);
    await page.getByTestId('warning').filter({ hasText: 'Agenda item 1 is over its time.' }).waitFor();
    // The manual clock jumped where the panel's ran on: a new page takes the room's time again.
    await page.reload();
    await page.locator('[data-testid="agenda-current"].over').waitFor();
    await captureStep(page, FLOW, '2-item-over');

    await page.getByTestId('agenda-next').click();
    await page.getByTestId('agenda-current').filter({ hasText: 'Rollout' }).waitFor();
    // The next item has its whole time, whatever the one before overran.
    expect((await agenda()).remainingSeconds).toBe(300);
    await room.clock.advance(4 * 60_000);
    await page.getByTestId('agenda-next').click();
    await page.getByTestId('agenda-current').filter({ hasText: 'Hiring' }).waitFor();
    await page.getByTestId('agenda-skip').click();
    await page.getByTestId('agenda-current').filter({ hasText: 'Any other business' }).waitFor();
    await captureStep(page, FLOW, '3-item-skipped');

    const items = (await agenda()).items as { title: string; startedAt: string; endedAt: string | null; overrunMinutes: number }[];
    const ran = (i: (typeof items)[number]) => (i.endedAt ? (Date.parse(i.endedAt) - Date.parse(i.startedAt)) / 60_000 : null);
    expect(items.map((i) => [i.title, ran(i), i.overrunMinutes])).toEqual([
      ['Budget', 3.2, 1.2],
      ['Rollout', 4, 0],
      ['Hiring', 0, 0],
      ['Any other business', null, 0],
    ]);
    expect((await agenda()).remainingSeconds).toBe(180);
  });

  it("mails each attendee the minutes in the room's time, which read well on a phone; their link opens them, a stranger's does not", async () => {
    await room.call('POST', `/api/v1/meetings/${meetingId}/decisions`, { text: 'Approve the Q2 budget' });
    await room.call('POST', `/api/v1/meetings/${meetingId}/action-items`, {
      text: 'Send the budget',
      owner: 'Bob Li',
      ownerEmail: 'bob@example.com',
      deadline: '2026-04-08T09:00:00.000Z',
    });
    await room.clock.advance(60_000);
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.getByTestId('summary-send').click();
    await waitFor(
      () => ['alice@example.com', 'bob@example.com', 'carol@example.com'].every((to) => minutesMails(to).length === 1),
      10_000,
      'the minutes, one mail each',
    );

    const mail = minutesMails('carol@example.com')[0]!;
    const text = mailPart(mail.data, 'text/plain');
    for (const line of [
      'booked 2026-04-01 10:00–10:30 · held 10:00–10:08 (Asia/Shanghai time)',
      'Organiser: Alice Chen',
      '- Bob Li: absent',
      '1. Budget: 2 min planned, 3.2 min, 1.2 min over',
      '2. Rollout: 5 min planned, 4 min',
      '3. Hiring: 5 min planned, skipped',
      '4. Any other business: 3 min planned, 1 min',
      '- Approve the Q2 budget',
      '- [ ] Send the budget — Bob Li, due 2026-04-08',
    ])
      expect(text).toContain(line);
    expect(mailPart(mail.data, 'text/html')).toContain('<li value="3">Hiring: 5 min planned, skipped</li>');
    await readOnPhone(mail, '4-mail-en');

    const link = /Your personal link to these minutes \(do not forward it\): (\S+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    const attendee = await phonePage(browser);
    await attendee.goto(link!);
    await attendee.getByTestId('phone-title').filter({ hasText: 'Budget review' }).waitFor();
    // The meeting is over: its minutes come first, no form to check in to it.
    expect(await attendee.getByRole('button', { name: 'Check in', exact: true }).count()).toBe(0);
    await attendee.getByTestId('tab-decisions').click();
    await attendee.getByTestId('list-decisions').getByText('Approve the Q2 budget').waitFor();
    for (const locale of ['en', 'zh-CN'] as const) {
      await setLanguage(attendee, locale);
      await attendee.screenshot({ path: join(DIR, `5-minutes-page-390x844-${locale}.png`), fullPage: true });
    }
    await attendee.context().close();

    // Without a proof (the page's bare address), or with a link made up for someone else, the minutes stay closed.
    const forged = link!.replace(/code=[^&]+&/, '').replace(/reader=[^.]+/, `reader=${Buffer.from('mallory@example.com').toString('base64url')}`);
    for (const [n, address] of [`${room.baseUrl}/meeting/${meetingId}`, forged].entries()) {
      const stranger = await phonePage(browser);
      await stranger.goto(address);
      await stranger.getByText('This link no longer opens the meeting. Scan its QR code again.').first().waitFor();
      expect(await stranger.getByText('Approve the Q2 budget').count()).toBe(0);
      await stranger.screenshot({ path: join(DIR, `6-stranger-${n}-390x844.png`), fullPage: true });
      await stranger.context().close();
    }
  });

  it('in a Chinese room the minutes mail reads in Chinese, the skipped item too', async () => {
    const zh = await mailingRoom('zh-CN');
    try {
      await zh.room.clock.advance(60_000);
      expect((await zh.room.call('POST', `/api/v1/meetings/${zh.meetingId}/agenda/next`)).status).toBe(200);
      expect((await zh.room.call('POST', `/api/v1/meetings/${zh.meetingId}/agenda/skip`)).status).toBe(200);
      await zh.room.clock.advance(60_000);
      expect((await zh.room.call('POST', `/api/v1/meetings/${zh.meetingId}/end`)).status).toBe(200);
      const before = minutesMails('bob@example.com').length;
      expect((await zh.room.call('POST', `/api/v1/meetings/${zh.meetingId}/minutes/send`)).status).toBe(200);
      await waitFor(() => minutesMails('bob@example.com').length === before + 1, 10_000, 'the Chinese minutes');
      const mail = minutesMails('bob@example.com').at(-1)!;
      expect(mailPart(mail.data, 'text/plain')).toContain('Rollout：计划 5 分钟，已跳过');
      expect(mailPart(mail.data, 'text/plain')).toContain('Hiring：计划 5 分钟，1 分钟');
      expect(mailPart(mail.data, 'text/plain')).toMatch(/会议室用得如何？请用手机评分，并告诉我们哪里出了问题：\S+#rate/);
      await readOnPhone(mail, '4-mail-zh-CN');
    } finally {
      await zh.room.close();
    }
  });

  it('takes one rating for the meeting: a double tap rates once, a second rating and bad ones are refused with their codes', async () => {
    await page.getByTestId('rate-room').click();
    await page.getByTestId('rate-4').click();
    await captureStep(page, FLOW, '7-rate');
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/feedback')) sent.push(r.url());
    });
    await page.getByTestId('send-feedback').dblclick();
    await page.getByTestId('thanks').waitFor();
    // Both taps were made before the room answered the first: the second sent nothing.
    expect(sent).toHaveLength(1);
    await captureStep(page, FLOW, '8-thanks');
    const ratings = () => room.appliance.db.prepare('SELECT rating FROM feedback WHERE meeting_id = ? AND rating IS NOT NULL').all(meetingId);
    expect(ratings()).toEqual([{ rating: 4 }]);

    const feedback = (body: unknown) => room.call('POST', `/api/v1/meetings/${meetingId}/feedback`, body);
    expect(await feedback({ rating: 5 })).toMatchObject({ status: 409, body: { code: 'ROOMCTL_E_FEEDBACK_GIVEN' } });
    expect(await feedback({ rating: 6 })).toMatchObject({ status: 400, body: { code: 'ROOMCTL_E_BAD_REQUEST' } });
    expect(await feedback({ problems: ['camera'], comment: 'x'.repeat(2001) })).toMatchObject({ status: 400, body: { code: 'ROOMCTL_E_BAD_REQUEST' } });
    // A problem found later still reaches facilities, rated or not.
    expect((await feedback({ problems: ['camera'], comment: 'The camera drifted left all meeting.' })).status).toBe(201);
    expect(ratings()).toEqual([{ rating: 4 }]);

    await room.clock.advance(60_000);
    expect((await room.call('GET', '/api/v1/figures')).body).toMatchObject({ ratings: 1, ratingAverage: 4 });
    expect(errors).toEqual([]);
  });

  it("lets an attendee rate the room from the mail's rating link on their phone, once, counted with the room's rating", async () => {
    const text = mailPart(minutesMails('carol@example.com')[0]!.data, 'text/plain');
    const link = /How was the room\? Rate it and tell us what did not work, from your phone: (\S+)/.exec(text)?.[1];
    expect(link).toMatch(/#rate$/);
    const carol = await phonePage(browser);
    await carol.goto(link!);
    const rating = carol.locator('phone-rating');
    await rating.getByTestId('rate-5').waitFor();
    await carol.screenshot({ path: join(DIR, '9-phone-rating-390x844-en.png') });
    await setLanguage(carol, 'zh-CN');
    await rating.getByText('会议室使用体验如何？').waitFor();
    await rating.getByTestId('rate-5').click();
    await rating.getByTestId('problem-audio').click();
    await rating.locator('textarea').fill('后排听不清');
    await carol.screenshot({ path: join(DIR, '9-phone-rating-390x844-zh-CN.png') });
    await rating.getByTestId('send-feedback').click();
    await rating.getByTestId('thanks').waitFor();
    await carol.screenshot({ path: join(DIR, '10-phone-thanks-390x844-zh-CN.png') });
    // The link opened again: the page knows she has rated, says how, and asks nothing more.
    await carol.reload();
    await rating.getByTestId('rated').filter({ hasText: '您给此会议评了 5/5 分' }).waitFor();
    expect(await rating.getByTestId('rate-2').count()).toBe(0);
    await carol.screenshot({ path: join(DIR, '11-phone-rated-already-390x844-zh-CN.png') });
    await setLanguage(carol, 'en');
    await rating.getByTestId('rated').filter({ hasText: 'You rated this meeting 5/5' }).waitFor();
    await carol.screenshot({ path: join(DIR, '11-phone-rated-already-390x844-en.png') });
    await carol.context().close();

    const kept = room.appliance.db
      .prepare('SELECT rating, given_by AS givenBy, comment FROM feedback WHERE meeting_id = ? AND rating IS NOT NULL ORDER BY at')
      .all(meetingId);
    expect(kept).toEqual([
      { rating: 4, givenBy: null, comment: null },
      { rating: 5, givenBy: 'carol@example.com', comment: '后排听不清' },
    ]);
    await room.clock.advance(60_000);
    expect((await room.call('GET', '/api/v1/figures')).body).toMatchObject({ ratings: 2, ratingAverage: 4.5 });
    expect(errors).toEqual([]);
  });

  it('shows a second Send, from a page opened before the first rating, the rating the room kept', async () => {
    const text = mailPart(minutesMails('bob@example.com')[0]!.data, 'text/plain');
    const link = /How was the room\? Rate it and tell us what did not work, from your phone: (\S+)/.exec(text)?.[1];
    // Two tabs of Bob's phone on his rating link, both showing the stars.
    const first = await phonePage(browser);
    const second = await first.context().newPage();
    for (const tab of [first, second]) {
      await tab.goto(link!);
      await tab.locator('phone-rating').getByTestId('rate-3').waitFor();
    }
    await first.locator('phone-rating').getByTestId('rate-3').click();
    await first.locator('phone-rating').getByTestId('send-feedback').click();
    await first.locator('phone-rating').getByTestId('thanks').waitFor();

    // The tab opened before knows nothing of it: its Send is refused, and it says what he gave.
    const rating = second.locator('phone-rating');
    await rating.getByTestId('rate-1').click();
    const refused = second.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/feedback/mine'));
    await rating.getByTestId('send-feedback').click();
    expect((await refused).status()).toBe(409);
    const settled = rating.locator('[data-testid="rated"], [data-testid="thanks"]');
    await settled.waitFor();
    expect(await settled.textContent()).toBe('You rated this meeting 3/5');
    await second.screenshot({ path: join(DIR, '12-phone-sent-again-390x844-en.png') });
    await setLanguage(second, 'zh-CN');
    await rating.getByTestId('rated').filter({ hasText: '您给此会议评了 3/5 分' }).waitFor();
    await second.screenshot({ path: join(DIR, '12-phone-sent-again-390x844-zh-CN.png') });
    await first.context().close();

    const bobs = room.appliance.db.prepare("SELECT rating FROM feedback WHERE meeting_id = ? AND given_by = 'bob@example.com'").all(meetingId);
    expect(bobs).toEqual([{ rating: 3 }]);
    expect(errors).toEqual([]);
  });
});
