/**
 * The next meeting starts in ten minutes: the door cannot offer even its shortest "book now",
 * and says why in the panel's language instead of showing only greyed-out buttons; the
 * sentence and the buttons fit at every panel size.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../helpers/panel-browser.js';
import { captureFitting } from '../helpers/panel-fit.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';

let opened: PanelRoom | undefined;
let page: Page;

describe('panel: the door says why it cannot book', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      // Check-in opens 5 minutes before the start: ten minutes before, the door still shows.
      configure: (c) => void (c.meetings = { ...c.meetings, checkInOpensMinutes: 5 }),
      beforeOpen: async (room) => {
        const booked = await fetch(`${room.baseUrl}/api/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
          body: JSON.stringify({ minutes: 30, start: new Date(Date.now() + 10 * 60_000).toISOString(), title: 'Design review' }),
        });
        expect(booked.status).toBe(201);
      },
    });
    page = opened.page;
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('greys out every length and says the next meeting starts too soon, in both languages', async () => {
    await page.getByTestId('book-none-fits').waitFor();
    for (const minutes of [15, 30, 60]) expect(await page.getByTestId(`book-${minutes}`).isDisabled()).toBe(true);
    expect(await page.getByTestId('book-none-fits').textContent()).toBe('The next meeting starts too soon to book the room now.');
    await setLanguage(page, 'zh-CN');
    expect(await page.getByTestId('book-none-fits').textContent()).toBe('下一场会议即将开始，现在无法预订会议室。');
    await setLanguage(page, 'en');
    await captureFitting(page, 'door-too-soon', '1-door', ['book-none-fits', 'book-15', 'book-60']);
  });
});
