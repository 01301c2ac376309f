/**
 * The everyday flow on the touch panel, in real Chromium against the demo room: book now for
 * 30 min → check in → start → move the camera with the joystick and recall a named preset →
 * mute the room → take a note → end (confirmed) → the summary → rate the room. Each step is photographed at both panel
 * sizes in both languages (test-artifacts/screenshots/meeting-flow/).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStep, containsBytes, SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'meeting-flow';
/** VISCA "CAM_Memory Recall" for preset 2 ("Table" in the demo config) on camera 1. */
const RECALL_PRESET_2 = [0x81, 0x01, 0x04, 0x3f, 0x02, 0x02, 0xff];

let room: TestRoom;
let opened: PanelRoom | undefined;
let browser: Browser;
let page: Page;
let errors: string[];

const api = async <T>(path: string): Promise<T> =>
  (await (await fetch(room.baseUrl + path, { headers: { authorization: `Bearer ${room.token}` } })).json()) as T;

describe('panel: book now, check in, start, camera, mute, end, rate', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, browser, page, errors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the room free on the door view, and books it for 30 minutes', async () => {
    await page.locator('[data-testid="room-status"][data-state="free"]').waitFor();
    await captureStep(page, FLOW, '1-idle');
    await page.getByTestId('book-30').click();
    await page.getByTestId('checkin-title').waitFor();
    const meetings = await api<{ status: string; start: string; end: string }[]>('/api/v1/meetings');
    const booked = meetings.find((m) => m.status === 'booked');
    expect(booked && (Date.parse(booked.end) - Date.parse(booked.start)) / 60_000).toBe(30);
  });

  it('checks a walk-in in by name, then starts the meeting', async () => {
    // Booked at the door, nobody invited: no "tap your name" over an empty list.
    expect(await page.getByText('Tap your name to check in').count()).toBe(0);
    await page.getByLabel('Not on the list? Your name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByRole('button', { name: 'Ada Lovelace, checked in' }).waitFor();
    expect(await page.getByTestId('people-heading').textContent()).toBe('Checked in');
    await captureStep(page, FLOW, '2-checkin');
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('time-left').waitFor();
    await captureStep(page, FLOW, '3-meeting');
  });

  it('moves the camera while the joystick is held, stops it on release, and recalls the "Table" preset', async () => {
    await page.getByTestId('nav-controls').click();
    const stick = page.getByTestId('joystick');
    await stick.waitFor();
    const box = (await stick.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 4 });
    await waitFor(() => room.camera.camera.moving, 3_000, 'the camera to move');
    // Held for longer than the dead-man's window: the heartbeats keep it moving.
    await new Promise((r) => setTimeout(r, 900));
    expect(room.camera.camera.moving).toBe(true);
    await page.mouse.up();
    await waitFor(() => !room.camera.camera.moving, 3_000, 'the camera to stop on release');

    await captureStep(page, FLOW, '4-controls');
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    await waitFor(() => containsBytes(room.camera.received, RECALL_PRESET_2), 3_000, 'VISCA preset recall 2');
  });

  it('mutes the whole room with one touch', async () => {
    await page.getByTestId('room-mute').click();
    await waitFor(async () => (await api<{ on: boolean }>('/api/v1/room/mute')).on, 3_000, 'the room mute');
    await page.locator('[data-testid="room-mute"][aria-pressed="true"]').waitFor();
  });

  it('takes a note and an action item in the minutes', async () => {
    await page.getByTestId('nav-minutes').click();
    await page.getByTestId('new-notes').fill('Budget approved for the new camera.');
    await page.getByRole('button', { name: 'Add Note' }).click();
    await page.getByTestId('list-notes').getByText('Budget approved').waitFor();
    await page.getByTestId('tab-actions').click();
    await page.getByTestId('action-text').fill('Order the camera');
    await page.getByTestId('action-owner').fill('Grace');
    await page.getByTestId('date-open').click();
    await page.getByTestId('date-tomorrow').click();
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page.getByTestId('list-actions').getByText('Order the camera').waitFor();
    await captureStep(page, FLOW, '5-minutes');
  });

  it('lets a phone check in and add a decision through the QR page, with the meeting code only', async () => {
    const meeting = (await api<{ id: string; status: string }[]>('/api/v1/meetings')).find((m) => m.status === 'in_progress')!;
    const access = await api<{ url: string; code: string }>(`/api/v1/meetings/${meeting.id}/access`);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${room.baseUrl}${new URL(access.url).pathname}?code=${access.code}`);
    await phonePage.getByTestId('phone-title').filter({ hasText: 'Ad-hoc meeting' }).waitFor();
    await phonePage.getByLabel('Your name').fill('Grace Hopper');
    await phonePage.getByRole('button', { name: 'Check in', exact: true }).click();
    await phonePage.getByTestId('phone-checked-in').waitFor();
    await phonePage.getByTestId('tab-decisions').click();
    await phonePage.getByTestId('new-decisions').fill('Ship the panel in March.');
    await phonePage.getByRole('button', { name: 'Add Decision' }).click();
    await phonePage.getByTestId('list-decisions').getByText('Ship the panel').waitFor();
    await phonePage.screenshot({ path: `${SCREENSHOT_ROOT}/${FLOW}/5b-phone-390x844-en.png`, fullPage: true });
    const checkIns = await api<{ name?: string; method: string }[]>(`/api/v1/meetings/${meeting.id}/checkins`);
    expect(checkIns.map((c) => c.name)).toContain('Grace Hopper');
    await phone.close();
  });

  it('ends the meeting (after one confirmation), shows its summary and takes a rating with a problem report', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.getByTestId('summary-actions').getByText('Order the camera').waitFor();
    await page.getByTestId('rate-room').click();
    await page.getByTestId('rate-4').waitFor();
    await page.getByTestId('rate-4').click();
    await page.getByTestId('problem-camera').click();
    await captureStep(page, FLOW, '6-end');
    await page.getByTestId('send-feedback').click();
    await page.getByTestId('thanks').waitFor();
    const row = await waitFor(
      () => room.demo.appliance.db.prepare('SELECT rating, categories FROM feedback').get() as { rating: number; categories: string } | undefined,
      3_000,
      'the feedback row',
    );
    expect(row).toEqual({ rating: 4, categories: JSON.stringify(['camera']) });
    expect(errors).toEqual([]);
  });
});
