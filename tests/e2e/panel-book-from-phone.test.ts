/**
 * Booking the room from a phone, in real Chromium against the demo room: the door panel shows
 * the booking QR code → a phone-sized page opens the URL it encodes → books 30 min from now →
 * the door panel turns "Booked" → the phone follows the link to the meeting's own page and
 * checks in. With a later meeting on the door, the QR code switches between booking and
 * check-in. The door is photographed at both panel sizes and the phone at 390×844, in both
 * languages (test-artifacts/screenshots/book-from-phone/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep, expectAccessibleControls, SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import type { TestRoom } from '../helpers/test-room.js';

const FLOW = 'book-from-phone';
const PHONE = { width: 390, height: 844 };

let room: TestRoom;
let opened: PanelRoom | undefined;
let browser: Browser;
let door: Page;
let phone: BrowserContext;
let phonePage: Page;
let doorErrors: string[];
const phoneErrors: string[] = [];

const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await fetch(room.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${room.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
};

/** The room's zone is set so that it is about noon there: a 30-minute booking from now always fits in the room's day. */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** The phone page in English and in Chinese (switched with its own button), checked for accessible controls. */
async function photographPhone(step: string): Promise<void> {
  mkdirSync(join(SCREENSHOT_ROOT, FLOW), { recursive: true });
  for (const locale of ['en', 'zh-CN'] as const) {
    if ((await phonePage.evaluate(() => document.documentElement.lang)) !== locale) {
      await phonePage.getByRole('button', { name: locale === 'zh-CN' ? '切换到中文' : 'Switch to English' }).click();
      await phonePage.waitForFunction((l) => document.documentElement.lang === l, locale);
    }
    await phonePage.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expectAccessibleControls(phonePage, `${FLOW}/${step} phone ${locale}`);
    await phonePage.screenshot({ path: join(SCREENSHOT_ROOT, FLOW, `${step}-${PHONE.width}x${PHONE.height}-${locale}.png`), fullPage: true });
  }
  await phonePage.getByRole('button', { name: 'Switch to English' }).click();
  await phonePage.waitForFunction(() => document.documentElement.lang === 'en');
}

describe('book the room from a phone, from the door panel QR code', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ phonesOnThisMachine: true, configure: (c) => void (c.room.timezone = zoneAtNoon()) });
    ({ room, browser, page: door, errors: doorErrors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the booking QR code on the free door', async () => {
    await door.locator('[data-testid="room-status"][data-state="free"]').waitFor();
    await door.locator('[data-testid="phone-qr"][data-kind="book"]').waitFor();
    await door.locator('booking-qr[data-url] qr-code img').waitFor();
    await door.getByText('Scan to book from your phone').waitFor();
    await captureStep(door, FLOW, '1-door-booking-qr');
  });

  it('opens the URL of the QR code on a phone: the room, today, and the form', async () => {
    const url = (await door.locator('booking-qr').getAttribute('data-url'))!;
    expect(url).toMatch(new RegExp(`^${room.baseUrl}/book#code=[0-9A-Z]+-[0-9A-Z]{10}$`));
    phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'UTC' });
    phonePage = await phone.newPage();
    phonePage.on('pageerror', (error) => phoneErrors.push(error.message));
    await phonePage.goto(url);
    await phonePage.getByTestId('book-room').filter({ hasText: 'Demo Room' }).waitFor();
    await phonePage.getByTestId('book-form').waitFor();
    await expect(phonePage.getByTestId('book-day').locator('li.free').count()).resolves.toBe(1);
    await photographPhone('phone-1-form');
    // The booking page's own words load with it, not with the panel: in Chinese all the same.
    await phonePage.getByRole('button', { name: '切换到中文' }).click();
    await phonePage.getByLabel('会议主题').waitFor();
    await phonePage.getByRole('button', { name: 'Switch to English' }).click();
  });

  it('says in words that a made-up or old link cannot book, and offers no form', async () => {
    const stranger = await phone.newPage();
    await stranger.goto(`${room.baseUrl}/book#code=ZZZZ-ZZZZZZZZZZ`);
    await stranger
      .locator('[data-testid="book-message"][data-code="ROOMCTL_E_UNAUTHORIZED"]')
      .filter({ hasText: 'Scan the QR code on the door again' })
      .waitFor();
    await expect(stranger.getByTestId('book-form').count()).resolves.toBe(0);
    await stranger.close();
  });

  it('books 30 minutes from now, and the door turns "Booked"', async () => {
    await phonePage.getByTestId('book-length-30').click();
    await expect(phonePage.getByTestId('book-start').inputValue()).resolves.toBe('');
    await phonePage.getByLabel('Title').fill('Design review');
    await phonePage.getByLabel('Your name').fill('Grace Hopper');
    await phonePage.getByLabel('Email (optional)').fill('grace@example.com');
    await phonePage.getByTestId('book-submit').click();
    await phonePage.getByTestId('book-done-title').filter({ hasText: 'Design review' }).waitFor();
    await photographPhone('phone-2-booked');

    await door.locator('[data-testid="room-state"]').filter({ hasText: 'Booked' }).waitFor();
    await door.getByTestId('checkin-title').filter({ hasText: 'Design review' }).waitFor();
    await captureStep(door, FLOW, '2-door-booked');
    const meetings = await api<{ id: string; title: string; start: string; end: string; organiser: { name: string } }[]>('GET', '/api/v1/meetings');
    const booked = meetings.find((m) => m.title === 'Design review')!;
    expect((Date.parse(booked.end) - Date.parse(booked.start)) / 60_000).toBe(30);
    expect(booked.organiser.name).toBe('Grace Hopper');
    const audit = await api<{ action: string; via: string }[]>('GET', `/api/v1/meetings/${booked.id}/audit`);
    expect(audit.map((a) => `${a.action}/${a.via}`)).toEqual(['book/door-code']);
  });

  it("follows the link to the meeting's own page and checks in from the phone", async () => {
    await phonePage.getByTestId('book-meeting-link').click();
    await phonePage.getByTestId('phone-title').filter({ hasText: 'Design review' }).waitFor();
    await phonePage.getByLabel('Your name').fill('Grace Hopper');
    await phonePage.getByRole('button', { name: 'Check in', exact: true }).click();
    await phonePage.getByTestId('phone-checked-in').waitFor();
    await phonePage.screenshot({ path: join(SCREENSHOT_ROOT, FLOW, `phone-3-checked-in-${PHONE.width}x${PHONE.height}-en.png`), fullPage: true });
    const meeting = (await api<{ id: string; title: string }[]>('GET', '/api/v1/meetings')).find((m) => m.title === 'Design review')!;
    const checkIns = await api<{ name?: string; method: string }[]>('GET', `/api/v1/meetings/${meeting.id}/checkins`);
    expect(checkIns).toEqual([expect.objectContaining({ name: 'Grace Hopper' })]);
    // The meeting starts on the door panel: the phone, checked in while it was booked, follows it to the floor and polls.
    await door.getByTestId('start-meeting').click();
    await phonePage.getByTestId('phone-raise-hand').waitFor({ timeout: 10_000 });
    await phone.close();
  });

  it('keeps both QR codes reachable on the door while a later meeting is booked: booking first, check-in one touch away', async () => {
    const current = (await api<{ id: string; title: string }[]>('GET', '/api/v1/meetings')).find((m) => m.title === 'Design review')!;
    await api('POST', `/api/v1/meetings/${current.id}/end`);
    await api('POST', '/api/v1/bookings', { minutes: 60, start: new Date(Date.now() + 3 * 3_600_000).toISOString(), title: 'Budget 2027' });
    await door
      .getByTestId('nav-home')
      .click()
      .catch(() => undefined);
    await door.locator('[data-testid="phone-qr"][data-kind="book"]').waitFor({ timeout: 10_000 });
    await door.getByTestId('qr-switch').click();
    await door.locator('[data-testid="phone-qr"][data-kind="meeting"] qr-code img').waitFor();
    await captureStep(door, FLOW, '3-door-check-in-qr');
    await door.getByTestId('qr-switch').click();
    await door.locator('[data-testid="phone-qr"][data-kind="book"] booking-qr[data-url]').waitFor();
    expect(doorErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  });
});
