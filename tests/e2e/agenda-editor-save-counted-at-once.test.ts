/**
 * A phone (real Chromium against a test room) saves the agenda in the minutes screen's editor:
 * the "Agenda (n)" tab counts the saved items at once, from the save's own answer — not at the
 * screen's next read of the minutes. The page's timers are stopped before the save (no 3-second
 * read can do it) and the minutes are held on their way (a read after the save cannot either).
 * Then a save that drops the item that ran and renames the running one: the editor sends each
 * item's id, so the renamed item keeps the time it started.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePage } from '../helpers/panel-browser.js';
import { type BrowserRoom, startBrowserRoom } from '../helpers/panel-room.js';
import { callRoom, meetingPageUrl, startMeeting, type TestRoom, waitFor } from '../helpers/test-room.js';

let room: TestRoom;
let opened: BrowserRoom | undefined;
let browser: Browser;
let phone: Page;
let meetingId: string;

const api = <T>(method: string, path: string, body?: unknown) => callRoom<T>(room, method, path, body);
const agendaTab = () => phone.getByTestId('tab-agenda');

describe('the agenda editor saves: counted at once, items known by their ids', () => {
  beforeAll(async () => {
    opened = await startBrowserRoom();
    ({ room, browser } = opened);
    meetingId = await startMeeting(room);
    await api('PUT', `/api/v1/meetings/${meetingId}/agenda`, { items: [{ title: 'Budget', minutes: 10 }] });
    phone = await phonePage(browser);
    await phone.clock.install();
    await phone.goto(await meetingPageUrl(room, meetingId));
    await agendaTab().click();
    await agendaTab().filter({ hasText: '(1)' }).waitFor();
    await phone.getByTestId('agenda-title-1').waitFor();
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the count of the items just saved, with no read of the minutes in between', async () => {
    // From here no timer of the page fires: the minutes screen's 3-second read cannot update the tab.
    await phone.clock.pauseAt(Date.now() + 60_000);
    await phone.route('**/minutes.json', () => undefined);
    await phone.getByTestId('agenda-add-item').click();
    await phone.getByTestId('agenda-title-2').fill('Rollout');
    await phone.getByTestId('agenda-add-item').click();
    await phone.getByTestId('agenda-title-3').fill('Hiring');
    await phone.getByTestId('agenda-save').click();

    await agendaTab().filter({ hasText: '(3)' }).waitFor();
    const saved = await api<{ items: { title: string }[] }>('GET', `/api/v1/meetings/${meetingId}/agenda`);
    expect(saved.items.map((i) => i.title)).toEqual(['Budget', 'Rollout', 'Hiring']);
  });

  it("keeps the running item's start when the item before it is removed and it is renamed in the same save", async () => {
    await phone.unroute('**/minutes.json');
    await phone.clock.resume();
    await api('POST', `/api/v1/meetings/${meetingId}/agenda/next`);
    await phone.getByRole('button', { name: 'Remove item 1' }).click();
    await phone.getByTestId('agenda-title-1').fill('Rollout plan');
    await phone.getByTestId('agenda-save').click();

    await agendaTab().filter({ hasText: '(2)' }).waitFor();
    const saved = await api<{ items: { title: string; startedAt: string | null; endedAt: string | null }[] }>('GET', `/api/v1/meetings/${meetingId}/agenda`);
    expect(saved.items.map((i) => ({ title: i.title, running: i.startedAt !== null && i.endedAt === null }))).toEqual([
      { title: 'Rollout plan', running: true },
      { title: 'Hiring', running: false },
    ]);
  });

  it('on an agenda a merge of linked rooms left at 51 items, adds one back after one is removed, and no more', async () => {
    // What linked rooms' edits at the same moment leave: written as the merge writes it (past the 50 one save takes).
    const merged = Array.from({ length: 51 }, (_, i) => ({ title: `Item ${i + 1}`, minutes: 5 }));
    room.demo.appliance.core.meetings!.ctx.agenda.replace(meetingId, merged);
    await phone.reload();
    await agendaTab().click();
    await agendaTab().filter({ hasText: '(51)' }).waitFor();
    await phone.getByTestId('agenda-title-51').waitFor();
    const add = phone.getByTestId('agenda-add-item');
    expect(await add.isDisabled()).toBe(true);

    await phone.getByRole('button', { name: 'Remove item 51' }).click();
    expect(await add.isDisabled()).toBe(false);
    await add.click();
    await phone.getByTestId('agenda-title-51').fill('Added back');
    expect(await add.isDisabled()).toBe(true);
    await phone.getByTestId('agenda-save').click();

    const saved = await waitFor(
      async () => {
        const agenda = await api<{ items: { title: string }[]; maxItems: number }>('GET', `/api/v1/meetings/${meetingId}/agenda`);
        return agenda.items.at(-1)?.title === 'Added back' ? agenda : undefined;
      },
      10_000,
      'the save of 51 items',
    );
    expect({ items: saved.items.length, maxItems: saved.maxItems }).toEqual({ items: 51, maxItems: 51 });
    expect(await add.isDisabled()).toBe(true);
  });
});
