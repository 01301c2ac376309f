/**
 * A toast says what happened, once, in the words people use: "+15 min" pressed, the toast
 * says "Meeting extended by 15 minutes" — not the button's own words again — in English and
 * in Chinese. A refusal still says what failed and why, in the panel's language: the room
 * is booked after the meeting, so "+30 min" is refused as "The room is booked at that time. Choose a shorter or another time."
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { callRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;

const shownToast = () => page.locator('[data-testid="toast"]:not([hidden])');

/**
 * Presses a button and reads the toast it brings (tone and words), then taps it away. The
 * page's clock stands still meanwhile: the toast stays until it is read, whatever the load.
 */
async function toastAfter(testId: string): Promise<{ tone: string | null; text: string; button: string }> {
  const button = page.getByTestId(testId);
  const words = `${await button.getAttribute('aria-label')} ${(await button.textContent())?.trim()}`;
  // What showed before the press (a self-test's news, say) is tapped away first, as a person would.
  await waitFor(
    async () =>
      (await shownToast().count()) === 0 ||
      void (await shownToast()
        .click({ timeout: 1_000 })
        .catch(() => undefined)),
    10_000,
    'the earlier toasts tapped away',
  );
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  try {
    await button.click();
    await shownToast().waitFor();
    const toast = { tone: await shownToast().getAttribute('data-tone'), text: (await shownToast().innerText()).replace(/\s+/g, ' ').trim(), button: words };
    await shownToast().click();
    // Gone, or other news in its place (the booking's own self-test may report meanwhile): these words are not shown again.
    const shownWords = async () => (await shownToast().innerText()).replace(/\s+/g, ' ').trim();
    await waitFor(async () => (await shownToast().count()) === 0 || (await shownWords()) !== toast.text, 5_000, 'the toast tapped away');
    return toast;
  } finally {
    await page.clock.resume();
  }
}

describe('panel: a toast says what happened, not the button again', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, page } = opened);
    await page.clock.install();
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('says once that the room was released when the people free it', async () => {
    await callRoom(room, 'POST', '/api/v1/bookings', { minutes: 30, title: 'Stand-up' });
    await page.getByTestId('release').waitFor();
    expect(await toastAfter('release')).toMatchObject({ tone: 'info', text: 'The room was released The booking was released so others can book the room.' });
    // Nothing else waiting its turn says it a second time (news of the booking's own self-test, run
    // at once as the booking starts now, may wait there: under load it can find a device slow).
    const after: string[] = [];
    for (let i = 0; i < 5 && (await shownToast().count()) > 0; i++) {
      after.push(await shownToast().innerText());
      await shownToast()
        .click({ timeout: 1_000 })
        .catch(() => undefined);
    }
    expect(after.filter((words) => words.includes('The room was released'))).toEqual([]);
  });

  it('says the meeting was extended, in English and in Chinese', async () => {
    const now = Date.now();
    await callRoom(room, 'POST', '/api/v1/bookings', { minutes: 30, title: 'Design review' });
    // The next booking starts 80 minutes from now: two extensions of 15 fit, one of 30 more does not.
    await callRoom(room, 'POST', '/api/v1/bookings', { start: new Date(now + 80 * 60_000).toISOString(), minutes: 30, title: 'Budget' });
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('extend-15').waitFor();

    const english = await toastAfter('extend-15');
    expect(english).toMatchObject({ tone: 'ok', text: 'Meeting extended by 15 minutes' });
    expect(english.button).not.toContain(english.text);
    await setLanguage(page, 'zh-CN');
    const chinese = await toastAfter('extend-15');
    expect(chinese).toMatchObject({ tone: 'ok', text: '会议已延长 15 分钟' });
    expect(chinese.button).not.toContain(chinese.text);
  });

  it('says what was refused and why, in the panel’s language', async () => {
    expect(await toastAfter('extend-30')).toMatchObject({ tone: 'error', text: '延长 30 分钟：未完成 该时段会议室已被预订。请选择更短或其他的时间。' });
    await setLanguage(page, 'en');
    expect(await toastAfter('extend-30')).toMatchObject({
      tone: 'error',
      text: 'Extend by 30 minutes: not done The room is booked at that time. Choose a shorter or another time.',
    });
  });

  it('says what the camera now shows when a preset is pressed', async () => {
    await waitFor(async () => (await callRoom<{ status: string }>(room, 'GET', '/api/v1/devices/cam-front')).status === 'ok', 15_000, 'the front camera ok');
    expect(await toastAfter('preset-2')).toMatchObject({ tone: 'ok', text: 'Front camera now shows “Table”' });
  });
});
