/**
 * The meeting page on a phone (390×844): the chair's folded section shows a sign that it opens
 * (the browser's own triangle was gone), "Decision: saved" says it for a moment where the
 * person is and then goes (it stayed as a card at the top of the page), and a poll's decision
 * is put in its edit form in the page's language, as it is shown; saved unchanged, it stays
 * the poll's count (no correction in another language).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCREENSHOT_ROOT, setLanguage } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { callRoom, type TestRoom } from '../helpers/test-room.js';

let opened: PanelRoom | undefined;
let room: TestRoom;
let phone: Page;
let meetingId: string;
const phoneErrors: string[] = [];

const api = <T>(method: string, path: string, body?: unknown) => callRoom<T>(room, method, path, body);

beforeAll(async () => {
  opened = await openPanelRoom({
    beforeOpen: async (r) => {
      room = r;
      ({ id: meetingId } = await api<{ id: string }>('POST', '/api/v1/bookings', { minutes: 60, title: 'Budget review' }));
      await api('POST', `/api/v1/meetings/${meetingId}/start`);
    },
  });
  const context = await opened.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(8_000);
  phone = await context.newPage();
  phone.on('pageerror', (error) => phoneErrors.push(error.message));
  await phone.clock.install();
  await phone.goto((await api<{ url: string }>('GET', `/api/v1/meetings/${meetingId}/access`)).url);
  await phone.getByLabel('Your name').fill('Ada Lovelace');
  await phone.getByRole('button', { name: 'Check in', exact: true }).click();
  await phone.getByTestId('phone-checked-in').waitFor();
}, 60_000);

afterAll(async () => {
  await opened?.close();
});

/** What the chair's summary shows before its words (its ::before, or the list-item triangle a flex summary loses). */
const chairSign = () =>
  phone.getByTestId('phone-chair').evaluate((details) => {
    const summary = details.querySelector('summary')!;
    const style = getComputedStyle(summary);
    if (style.display === 'list-item') return `marker ${details.hasAttribute('open')}`;
    const before = getComputedStyle(summary, '::before').content;
    return before === 'none' || before === 'normal' ? null : before;
  });

it('shows a sign that the chair’s section opens, which changes once it is open', async () => {
  const shut = await chairSign();
  await phone.getByTestId('phone-chair').locator('summary').click();
  const open = await chairSign();
  expect(shut).not.toBeNull();
  expect(open).not.toBeNull();
  expect(open).not.toBe(shut);
});

it('says "Decision: saved" for a moment, then no longer', async () => {
  await phone.getByTestId('tab-decisions').click();
  await phone.getByTestId('new-decisions').fill('Ship in March');
  await phone.getByTestId('add-decisions').click();
  await phone.getByText('Decision: saved').waitFor();
  mkdirSync(join(SCREENSHOT_ROOT, 'phone-meeting-page'), { recursive: true });
  await phone.screenshot({ path: join(SCREENSHOT_ROOT, 'phone-meeting-page', 'decision-saved-390x844-en.png') });
  await phone.clock.runFor(10_000);
  expect(await phone.getByText('Decision: saved').count()).toBe(0);
});

it('fills a poll decision’s edit form in the page’s language, and keeps the count when saved unchanged', async () => {
  const { pollId } = await api<{ pollId: string }>('POST', `/api/v1/meetings/${meetingId}/polls`, { question: 'Approve the budget?' });
  await api('POST', `/api/v1/polls/${pollId}/close`);
  await setLanguage(phone, 'zh-CN');
  // The page asks again every few seconds: the decision comes with the next ask.
  const decision = phone.getByTestId('list-decisions').locator('li').filter({ hasText: 'Approve the budget?' });
  while ((await decision.count()) === 0) await phone.clock.runFor(3_000);
  // The decision's words, without the time and author under them.
  const shown = await decision.locator('.text').evaluate((el) =>
    [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim(),
  );
  expect(shown).toContain('票数相同');
  // The meeting page's own words load with it, not with the panel: in Chinese all the same.
  await phone.getByTestId('phone-chair').locator('summary').filter({ hasText: '主持人操作' }).waitFor();
  await decision.getByTestId('edit-entry').click();
  expect(await phone.getByTestId('edit-text').inputValue()).toBe(shown);
  await phone.getByTestId('edit-save').click();
  await phone.getByTestId('edit-text').waitFor({ state: 'detached' });
  const minutes = await api<{ minutes: { decisions: { id: string; text: string }[] } }>('GET', `/api/v1/meetings/${meetingId}/minutes.json`);
  expect(minutes.minutes.decisions.find((d) => d.id === `poll:${pollId}`)?.text).toBe('Approve the budget? — Tied, not approved 0–0');
  expect(phoneErrors).toEqual([]);
});
