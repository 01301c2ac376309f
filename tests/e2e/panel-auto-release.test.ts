/**
 * A booking nobody comes to. The door panel shows the check-in screen with the invitees and
 * the countdown to the auto-release; nobody checks in; the room releases the booking by
 * itself and the panel goes back to "free" and says why. The booking started 56 s ago under
 * a 2-minute release, so the countdown shows a minute and a few seconds; the release then
 * comes when the test lowers the room's rule to 1 minute (as a shorter config would), not at
 * a moment a loaded machine could reach in the middle of the countdown's screenshots — where
 * the release's toast, gone after its 5 s, used to be missed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'auto-release';
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let meetingId: string;
/** The booking's start, 56 s before the test books it: its release is due two minutes after. */
let startsAt: number;

/**
 * The shown toast that has `words`, as a person reads it. Toasts take turns: one before it
 * (the self-test's, say) is tapped away, as a person would.
 */
function toastSaying(words: string): Promise<string> {
  const shown = page.locator('[data-testid="toast"]:not([hidden])');
  return waitFor(
    async () => {
      if ((await shown.count()) === 0) return null;
      const text = await shown.innerText();
      if (text.includes(words)) return text;
      await shown.click().catch(() => undefined);
      return null;
    },
    20_000,
    `a toast saying "${words}"`,
  );
}

describe('panel: auto-release while nobody comes', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      configure: (c) => void (c.meetings = { autoReleaseMinutes: 2 }),
      beforeOpen: async (r) => {
        room = r;
        startsAt = Date.now() - 56_000;
        const booked = await fetch(`${room.baseUrl}/api/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
          body: JSON.stringify({
            minutes: 30,
            start: new Date(startsAt).toISOString(),
            title: 'Design review',
            organiser: { name: 'Ada Lovelace', email: 'ada@example.com' },
            attendees: [
              { name: 'Grace Hopper', email: 'grace@example.com', required: true },
              { name: 'Alan Turing', email: 'alan@example.com', required: false },
            ],
          }),
        });
        expect(booked.status).toBe(201);
        meetingId = ((await booked.json()) as { id: string }).id;
      },
    });
    ({ page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows who is missing and counts down to the release', async () => {
    await page.getByTestId('auto-release').waitFor();
    expect(await page.getByTestId('person').count()).toBe(2);
    // The time to the release, as the room's rule makes it (within the few seconds a loaded machine may take to show and read it).
    const [, mm, ss] = /released in\s+(\d\d):(\d\d)/.exec((await page.getByTestId('auto-release').textContent()) ?? '') ?? [];
    expect(Math.abs(Number(mm) * 60 + Number(ss) - (startsAt + 120_000 - Date.now()) / 1000)).toBeLessThanOrEqual(5);
    await captureStep(page, FLOW, '1-countdown');
  });

  it('releases the booking when nobody has checked in, and the panel shows the room free again and says why', async () => {
    // The page's time stands still from here: the release's toast stays until it is read.
    await page.clock.install();
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    // The booking is now past its release time: the room's next round of rules releases it.
    room.demo.appliance.core.meetings!.ctx.rules.autoReleaseMinutes = 1;
    await page.locator('[data-testid="room-status"][data-state="free"]').waitFor({ timeout: 20_000 });
    const meeting = (await (await fetch(`${room.baseUrl}/api/v1/meetings/${meetingId}`, { headers: { authorization: `Bearer ${room.token}` } })).json()) as {
      status: string;
    };
    expect(meeting.status).toBe('released');
    expect(await toastSaying('The room was released')).toBe('The room was released\nNobody checked in, so the booking was cancelled.');
    await page.clock.resume();
    await captureStep(page, FLOW, '2-released');
  });
});
