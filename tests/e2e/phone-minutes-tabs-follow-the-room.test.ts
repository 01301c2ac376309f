/**
 * A phone opened the meeting's page before anyone wrote an agenda or a note (real Chromium
 * against the demo room). Then the panel's people add two agenda items and a note: the
 * phone's minutes tabs count them without a reload, in Chinese too — not "议程 (0)" above an
 * agenda of two.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { phonePage } from '../helpers/panel-browser.js';
import { type BrowserRoom, startBrowserRoom } from '../helpers/panel-room.js';
import { callRoom, meetingPageUrl, startMeeting, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let opened: BrowserRoom | undefined;
let browser: Browser;
let phone: Page;
let meetingId: string;

const api = <T>(method: string, path: string, body?: unknown) => callRoom<T>(room, method, path, body);

describe("the phone's minutes tabs follow what others add", () => {
  beforeAll(async () => {
    opened = await startBrowserRoom();
    ({ room, browser } = opened);
    meetingId = await startMeeting(room);
    phone = await phonePage(browser, 'zh-CN');
    await phone.goto(await meetingPageUrl(room, meetingId));
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('counts the agenda items and the note the panel added after the phone opened the page', async () => {
    await phone.getByTestId('tab-agenda').filter({ hasText: '(0)' }).waitFor();
    await phone.getByTestId('tab-notes').filter({ hasText: '(0)' }).waitFor();
    await api('PUT', `/api/v1/meetings/${meetingId}/agenda`, {
      items: [
        { title: 'Budget', minutes: 10 },
        { title: 'Rollout', minutes: 10 },
      ],
    });
    await api('POST', `/api/v1/meetings/${meetingId}/notes`, { text: 'Rollout waits for the budget' });
    // The phone's agenda card shows the two items; its tabs must say the same.
    await phone.getByTestId('phone-agenda').getByText('Rollout').waitFor();
    await phone.getByTestId('tab-agenda').filter({ hasText: '议程 (2)' }).waitFor();
    await phone.getByTestId('tab-notes').filter({ hasText: '(1)' }).waitFor();
    await phone.getByTestId('tab-notes').click();
    await phone.getByTestId('list-notes').getByText('Rollout waits for the budget').waitFor();
  });
});
