/**
 * A booking nobody comes to. The door panel shows the check-in screen with the invitees and
 * the countdown to the auto-release; nobody checks in; the room releases the booking by
 * itself and the panel goes back to "free". The window is made short through the meetings
 * config (auto-release one minute after the start, the booking started 56 s ago).
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

describe('panel: auto-release while nobody comes', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      configure: (c) => void (c.meetings = { autoReleaseMinutes: 1 }),
      beforeOpen: async (r) => {
        room = r;
        const booked = await fetch(`${room.baseUrl}/api/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
          body: JSON.stringify({
            minutes: 30,
            start: new Date(Date.now() - 56_000).toISOString(),
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
    expect(await page.getByTestId('auto-release').textContent()).toMatch(/released in\s+00:\d\d/);
    await captureStep(page, FLOW, '1-countdown');
  });

  it('releases the booking when nobody has checked in, and the panel shows the room free again', async () => {
    await page.locator('[data-testid="room-status"][data-state="free"]').waitFor({ timeout: 20_000 });
    const meeting = (await (await fetch(`${room.baseUrl}/api/v1/meetings/${meetingId}`, { headers: { authorization: `Bearer ${room.token}` } })).json()) as {
      status: string;
    };
    expect(meeting.status).toBe('released');
    await waitFor(async () => (await page.getByTestId('toast').textContent())?.includes('released'), 3_000, 'the release toast').catch(async (e: Error) => {
      throw new Error(`${e.message}; toast: ${await page.getByTestId('toast').textContent()}`);
    });
    await captureStep(page, FLOW, '2-released');
  });
});
