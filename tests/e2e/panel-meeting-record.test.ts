/**
 * The meeting's record on the touch panel and a phone, in real Chromium against the demo room:
 * an ad-hoc meeting gets an agenda from the panel and from the phone page; notes, decisions
 * and action items (the deadline from the touch date picker) are corrected and deleted on
 * both; "End meeting" asks first; after the end the panel shows the summary (decisions,
 * action items, who came) with the minutes' QR code, the minutes can still be corrected
 * until they are sent, and not after. Screenshots at every panel size in both languages:
 * test-artifacts/screenshots/meeting-record/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { captureFitting } from '../helpers/panel-fit.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'meeting-record';

let room: TestRoom;
let opened: PanelRoom | undefined;
let browser: Browser;
let page: Page;
let errors: string[];
let phone: BrowserContext;
let phonePage: Page;
let meetingId: string;

const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
  const r = await fetch(room.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${room.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (r.status === 204 ? null : await r.json()) as T };
};
type MinutesRead = {
  sentAt: string | null;
  minutes: { notes: { id: string; text: string }[]; decisions: { text: string }[]; actionItems: { text: string; owner: string; deadline: string | null }[] };
};
const minutes = async () => (await call<MinutesRead>('GET', `/api/v1/meetings/${meetingId}/minutes.json`)).body;

// Each step photographs ten screens: longer than the default test timeout.
describe('panel and phone: agenda, minutes corrected until sent, end with a summary', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    opened = await openPanelRoom({ phonesOnThisMachine: true });
    ({ room, browser, page, errors } = opened);
  });

  afterAll(async () => {
    await phone?.close();
    await opened?.close();
  });

  it('gives an ad-hoc meeting an agenda from the panel', async () => {
    await page.getByTestId('book-30').click();
    await page.getByLabel('Not on the list? Your name').fill('Ada Lovelace');
    await page.getByTestId('walkin-checkin').click();
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('time-left').waitFor();
    await captureFitting(page, FLOW, '0-meeting-without-agenda', ['add-agenda', 'end-meeting', 'extend-15', 'preset-1']);
    await page.getByTestId('add-agenda').click();
    await page.getByTestId('agenda-title-1').fill('Budget');
    await page.getByTestId('agenda-minutes-1').fill('10');
    await page.getByTestId('agenda-add-item').click();
    await page.getByTestId('agenda-title-2').fill('Rollout');
    await captureFitting(page, FLOW, '1-agenda-panel', ['agenda-save', 'agenda-add-item']);
    await page.getByTestId('agenda-save').click();
    meetingId = (await call<{ id: string; status: string }[]>('GET', '/api/v1/meetings')).body.find((m) => m.status === 'in_progress')!.id;
    await waitFor(
      async () => (await call<{ items: unknown[] }>('GET', `/api/v1/meetings/${meetingId}/agenda`)).body.items.length === 2,
      3_000,
      'two agenda items',
    );
    await page.getByTestId('nav-home').click();
    await page.getByTestId('agenda-current').filter({ hasText: 'Budget' }).waitFor();
  });

  it('adds to the agenda from the phone page, and deletes a note there', async () => {
    const access = (await call<{ url: string; code: string }>('GET', `/api/v1/meetings/${meetingId}/access`)).body;
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phonePage = await phone.newPage();
    await phonePage.goto(`${room.baseUrl}${new URL(access.url).pathname}?code=${access.code}`);
    await phonePage.getByTestId('tab-agenda').click();
    await phonePage.getByTestId('agenda-add-item').click();
    await phonePage.getByTestId('agenda-title-3').fill('Any other business');
    await phonePage.getByTestId('agenda-minutes-3').fill('5');
    await phonePage.getByTestId('agenda-save').click();
    await waitFor(
      async () =>
        (await call<{ items: { title: string }[] }>('GET', `/api/v1/meetings/${meetingId}/agenda`)).body.items.map((i) => i.title).join() ===
        'Budget,Rollout,Any other business',
      3_000,
      "the phone's agenda item",
    );
    // The phone's own agenda follows the room's (it was read before the item was added).
    await phonePage.getByTestId('phone-agenda').getByText('Any other business').waitFor({ timeout: 10_000 });
    await phonePage.screenshot({ path: `${SCREENSHOT_ROOT}/${FLOW}/2-agenda-phone-390x844-en.png`, fullPage: true });

    await phonePage.getByTestId('tab-notes').click();
    await phonePage.getByTestId('new-notes').fill('A note typed by mistake');
    await phonePage.getByRole('button', { name: 'Add Note' }).click();
    await phonePage.getByTestId('list-notes').getByText('typed by mistake').waitFor();
    await phonePage.getByTestId('delete-entry').click();
    await phonePage.getByTestId('delete-confirm').click();
    await waitFor(async () => (await minutes()).minutes.notes.length === 0, 3_000, 'the note deleted from the phone');
  });

  it("corrects a note, deletes a decision and picks an action item's deadline with the touch date picker", async () => {
    await page.getByTestId('nav-minutes').click();
    await page.getByTestId('new-notes').fill('Budget aproved');
    await page.getByRole('button', { name: 'Add Note' }).click();
    await page.getByTestId('list-notes').getByText('Budget aproved').waitFor();
    await page.getByTestId('edit-entry').click();
    await page.getByTestId('edit-text').fill('Budget approved for the new camera');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('list-notes').getByText('Budget approved for the new camera').waitFor();
    await page.getByTestId('tab-decisions').click();
    for (const text of ['Ship in March', 'Ship in May (wrong)']) {
      await page.getByTestId('new-decisions').fill(text);
      await page.getByRole('button', { name: 'Add Decision' }).click();
      await page.getByTestId('list-decisions').getByText(text).waitFor();
    }
    await page.getByTestId('delete-entry').nth(1).click();
    await page.getByTestId('delete-confirm').click();
    await waitFor(async () => (await minutes()).minutes.decisions.map((d) => d.text).join() === 'Ship in March', 3_000, 'the wrong decision deleted');

    await page.getByTestId('tab-actions').click();
    await page.getByTestId('action-text').fill('Order the camera');
    await page.getByTestId('action-owner').fill('Grace');
    await page.getByTestId('date-open').click();
    await captureFitting(page, FLOW, '3-date-picker', ['date-today', 'date-week', 'date-next-month', 'date-clear'], {
      modal: { open: () => page.getByTestId('date-open').click(), close: () => page.keyboard.press('Escape') },
    });
    await page.getByTestId('date-week').click();
    await page.getByTestId('action-add').click();
    await page.getByTestId('list-actions').getByText('Order the camera').waitFor();
    const item = (await minutes()).minutes.actionItems[0]!;
    expect(Math.round((Date.parse(item.deadline!) - Date.now()) / 86_400_000)).toBe(7);
    await captureFitting(page, FLOW, '4-minutes', ['tab-notes', 'tab-agenda', 'edit-entry', 'delete-entry', 'action-add']);
  });

  it('asks before ending; "Keep going" keeps the meeting running', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm').waitFor();
    await captureFitting(page, FLOW, '5-end-confirm', ['end-confirm-yes', 'end-confirm-no'], {
      modal: { open: () => page.getByTestId('end-meeting').click(), close: () => page.getByTestId('end-confirm-no').click() },
    });
    await page.getByTestId('end-confirm-no').click();
    expect((await call<{ status: string }>('GET', `/api/v1/meetings/${meetingId}`)).body.status).toBe('in_progress');
  });

  it("after the end shows the summary with the minutes' QR code, takes corrections until the minutes are sent, then refuses them", async () => {
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.getByTestId('summary-decisions').getByText('Ship in March').waitFor();
    await page.getByTestId('summary-actions').getByText('Order the camera').waitFor();
    await page.getByTestId('summary-people').getByText('Ada Lovelace').waitFor();
    await page.locator('end-summary qr-code img').waitFor();
    await captureFitting(page, FLOW, '6-summary', ['summary-edit', 'summary-send', 'rate-room']);
    expect((await minutes()).sentAt).toBeNull();

    // Still open: correct the action item's owner from the panel.
    await page.getByTestId('summary-edit').click();
    await page.getByTestId('tab-actions').click();
    await page.getByTestId('edit-entry').click();
    await page.getByTestId('edit-action-owner').fill('Grace Hopper');
    await page.getByTestId('edit-save').click();
    await waitFor(async () => (await minutes()).minutes.actionItems[0]?.owner === 'Grace Hopper', 3_000, 'the corrected owner');
    await page.getByTestId('back-to-summary').click();
    await page.getByTestId('summary-send').click();
    await waitFor(async () => (await minutes()).sentAt !== null, 3_000, 'the minutes sent');
    await page.getByTestId('summary-sending').filter({ hasText: 'were sent at' }).waitFor();

    const note = (await minutes()).minutes.notes[0]!;
    const late = await call<{ code: string }>('PATCH', `/api/v1/meetings/${meetingId}/notes/${note.id}`, { text: 'too late' });
    expect(late).toMatchObject({ status: 409, body: { code: 'ROOMCTL_E_MINUTES_SENT' } });
    await page.getByTestId('rate-room').click();
    await page.getByTestId('rate-4').waitFor();
    expect(errors).toEqual([]);
  });
});
