/**
 * A phone has the agenda editor open (real Chromium against a test room). Someone else changes
 * the agenda through the API: the open editor shows their items, as the tabs' counts do. Once
 * the person on the phone has typed in a field, a change elsewhere no longer replaces it, and
 * saving says so and shows theirs rather than writing over it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePage } from '../helpers/panel-browser.js';
import { type BrowserRoom, startBrowserRoom } from '../helpers/panel-room.js';
import { callRoom, meetingPageUrl, startMeeting, waitFor, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let opened: BrowserRoom | undefined;
let browser: Browser;
let phone: Page;
let meetingId: string;

const api = <T>(method: string, path: string, body?: unknown) => callRoom<T>(room, method, path, body);

const putAgenda = (...titles: string[]) => api('PUT', `/api/v1/meetings/${meetingId}/agenda`, { items: titles.map((title) => ({ title, minutes: 10 })) });
const titleField = (n: number) => phone.getByTestId(`agenda-title-${n}`);
const showsTitle = (n: number, title: string) => waitFor(async () => (await titleField(n).inputValue()) === title, 10_000, `agenda item ${n} "${title}"`);

describe('the open agenda editor follows agenda edits made elsewhere', () => {
  beforeAll(async () => {
    opened = await startBrowserRoom();
    ({ room, browser } = opened);
    meetingId = await startMeeting(room);
    await putAgenda('Budget');
    phone = await phonePage(browser);
    await phone.goto(await meetingPageUrl(room, meetingId));
    await phone.getByTestId('tab-agenda').click();
    await showsTitle(1, 'Budget');
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('shows an item added through the API', async () => {
    await putAgenda('Budget', 'Rollout');
    await showsTitle(2, 'Rollout');
  });

  it('keeps what the person typed when the agenda changes elsewhere meanwhile', async () => {
    await titleField(1).fill('Budget and hiring');
    await putAgenda('Budget', 'Rollout', 'Hiring');
    // The tab's count has followed the third item: the editor had its turn at the same beat.
    await phone.getByTestId('tab-agenda').filter({ hasText: '(3)' }).waitFor();
    expect(await titleField(1).inputValue()).toBe('Budget and hiring');
    expect(await titleField(3).count()).toBe(0);
  });

  it('warns on saving that the agenda changed meanwhile, shows it, and saves over it once told to', async () => {
    await phone.getByTestId('agenda-save').click();
    await phone.getByTestId('agenda-theirs').getByText('Hiring').waitFor();
    expect(await titleField(1).inputValue()).toBe('Budget and hiring');
    const titles = async () => (await api<{ items: { title: string }[] }>('GET', `/api/v1/meetings/${meetingId}/agenda`)).items.map((i) => i.title).join();
    expect(await titles()).toBe('Budget,Rollout,Hiring');
    await phone.getByTestId('agenda-keep-mine').click();
    await waitFor(async () => (await titles()) === 'Budget and hiring,Rollout', 10_000, "the phone's agenda saved over the other");
  });
});
