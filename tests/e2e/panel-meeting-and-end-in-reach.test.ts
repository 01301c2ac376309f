/**
 * A meeting in its last five minutes, its warning shown, with a long title and a three-item
 * agenda, then its end: every control in reach (in the window, uncut, nothing over it) and
 * the agenda never under the quick presets, the title whole, at every panel size in both languages; the
 * minutes' add buttons in one letter case; the summary's many decisions, action items and
 * people shown whole, with how many more are below, the cards filling the summary's space (none
 * alone in a row, none short of the bottom, no room for another item left under a list) and
 * each at least 11 of its letters wide (the QR code's column left them ~180 px at 800×480); the
 * rating screen's Skip and Send in view.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { controlsOutOfReach, FIT_SIZES, listItemsSeen, overflowing, problemsAtEverySize } from '../helpers/panel-fit.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { callRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let meetingId: string;

/** The visible boxes of the agenda list and the quick presets meet (the list spilling under the presets). */
const agendaUnderPresets = () =>
  page.locator('meeting-screen').evaluate((screen) => {
    const root = screen.shadowRoot!;
    const list = root.querySelector('[data-testid="agenda"]')?.getBoundingClientRect();
    const presets = root.querySelector('quick-controls')?.getBoundingClientRect();
    if (!list || !presets) return false;
    return list.bottom > presets.top + 0.5 && list.top < presets.bottom && list.right > presets.left && list.left < presets.right;
  });

/**
 * The summary's cards as they fill its space: no card alone in a row with room empty beside it
 * (the last row's cards reach the right edge), the cards reaching the bottom of their area
 * (unless it scrolls), and in each card no more room left under its list than the next item
 * below would need (else that item would show).
 */
const summarySpaceLeft = () =>
  page.locator('end-summary').evaluate((host) => {
    const root = host.shadowRoot!;
    const area = root.querySelector('.lists')!;
    const a = area.getBoundingClientRect();
    const cards = [...area.querySelectorAll('.card')].map((card) => ({
      card,
      r: card.getBoundingClientRect(),
      name: card.querySelector('h3')?.textContent?.trim(),
    }));
    const problems: string[] = [];
    for (const { r, name } of cards) {
      const rowEnd = Math.max(...cards.filter((c) => Math.abs(c.r.top - r.top) < 1).map((c) => c.r.right));
      if (r.right === rowEnd && a.right - rowEnd > 1) problems.push(`${name}: ${Math.round(a.right - rowEnd)} px empty beside its row`);
    }
    const lowest = Math.max(...cards.map((c) => c.r.bottom));
    if (area.scrollHeight <= area.clientHeight + 1 && a.bottom - lowest > 1) problems.push(`${Math.round(a.bottom - lowest)} px empty under the cards`);
    for (const { card, name } of cards) {
      const list = card.querySelector('ul');
      if (!list) continue;
      const l = list.getBoundingClientRect();
      const items = [...list.children].map((li) => li.getBoundingClientRect());
      const next = items.find((r) => r.bottom > l.bottom + 0.5);
      const lastWhole = items.filter((r) => r.bottom <= l.bottom + 0.5).at(-1);
      const cardEnd = card.getBoundingClientRect().bottom - Number.parseFloat(getComputedStyle(card).paddingBottom);
      if (next && lastWhole && next.bottom <= cardEnd + 0.5)
        problems.push(
          `${name}: ${Math.round(cardEnd - lastWhole.bottom)} px empty under its list, where the next item (${Math.round(next.bottom - lastWhole.bottom)} px) would show`,
        );
    }
    return problems;
  });

/** Narrower than this many of its letters a line (the 10" panel gives its cards 11.1), a card's list reads a few words a line. */
const CARD_LEAST_EM = 11;

/** The summary's cards narrower than CARD_LEAST_EM of their own letters (at 800×480 they were ~180 px, 10 em). */
const cardsTooNarrow = () =>
  page.locator('end-summary').evaluate((host, least) => {
    const problems: string[] = [];
    for (const card of host.shadowRoot!.querySelectorAll<HTMLElement>('.card')) {
      const style = getComputedStyle(card);
      const inner = card.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      const em = inner / Number.parseFloat(style.fontSize);
      if (em < least) problems.push(`${card.querySelector('h3')?.textContent?.trim()}: ${Math.round(card.clientWidth)} px wide, ${em.toFixed(1)} em a line`);
    }
    return problems;
  }, CARD_LEAST_EM);

/** `also`: more problems at each size (one line each). */
async function outOfReach(step: string, also?: () => Promise<string[]>): Promise<string[]> {
  return problemsAtEverySize(page, step, FIT_SIZES, async () => [...(await controlsOutOfReach(page)), ...((await also?.()) ?? [])]);
}

describe('panel: the meeting’s last minutes and its end, every control in reach', () => {
  beforeAll(async () => {
    opened = await openPanelRoom();
    ({ room, page } = opened);
    // Five minutes long and begun 50 s ago: the room warns at once that its time runs out.
    ({ id: meetingId } = await callRoom<{ id: string }>(room, 'POST', '/api/v1/bookings', {
      minutes: 5,
      start: new Date(Date.now() - 50_000).toISOString(),
      title: 'Quarterly planning review with facilities and finance',
      agenda: [
        { title: 'Welcome and goals', minutes: 1, owner: 'Ada Lovelace' },
        { title: 'Budget for the new rooms on the third floor', minutes: 1, owner: 'Grace Hopper' },
        { title: '下一步计划', minutes: 3 },
      ],
    }));
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('warning').waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('keeps end, extend, minutes, the floor, the agenda and the presets in reach, and the title whole, while the meeting warns', {
    timeout: 60_000,
  }, async () => {
    const found = await outOfReach('meeting with its warning', async () => [
      ...((await agendaUnderPresets()) ? ['the agenda lies under the quick presets'] : []),
      // The whole title, on its two lines (on short panels it ended in "…" after three words).
      ...(await overflowing(page, 'h2[data-testid="meeting-title"]')).map((o) => `title cut: ${o}`),
    ]);
    expect(found).toEqual([]);
  });

  it('says "Add note" and "Add decision" in one letter case', async () => {
    await page.getByTestId('nav-minutes').click();
    expect(await page.getByTestId('add-notes').innerText()).toBe('Add note');
    await page.getByTestId('tab-decisions').click();
    expect(await page.getByTestId('add-decisions').innerText()).toBe('Add decision');
    await page.getByTestId('nav-home').click();
  });

  it('shows whole decisions, action items and people in the summary after the end, and says how many more are below', { timeout: 60_000 }, async () => {
    const decisions = [
      'Ship in March',
      'Move the weekly review to Thursday mornings so that the site in Shanghai can join',
      '下一季度预算不变',
      'Order two more ceiling microphones for the large rooms',
      'Keep the old projector as a spare',
      'Facilities own the booking rules from now on, with a monthly look at the no-shows',
      'Close the east wing rooms in August',
      'Test the new panels on the third floor first',
      'No more paper sign-up sheets',
      'Budget approved as proposed',
    ];
    for (const text of decisions) await callRoom(room, 'POST', `/api/v1/meetings/${meetingId}/decisions`, { text });
    for (let i = 1; i <= 9; i++)
      await callRoom(room, 'POST', `/api/v1/meetings/${meetingId}/action-items`, {
        text: i % 3 ? `Order camera mount ${i}` : `Write to every site's facilities team about the new rules, item ${i}`,
        owner: i % 2 ? 'Grace Hopper' : 'Li Wei',
        ...(i % 4 ? { deadline: new Date(Date.now() + i * 86_400_000).toISOString() } : {}),
      });
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Li Wei', 'Alan Turing', 'Wang Fang', 'Katherine Johnson'])
      await callRoom(room, 'POST', `/api/v1/meetings/${meetingId}/checkins`, { name, walkIn: true });
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm-yes').click();
    await page.getByTestId('summary-people').locator('li').nth(5).waitFor({ state: 'attached' });
    await page
      .getByTestId('summary-decisions')
      .locator('li')
      .nth(decisions.length - 1)
      .waitFor({ state: 'attached' });
    await page.getByTestId('summary-actions').locator('li').nth(8).waitFor({ state: 'attached' });
    const found = await outOfReach('summary', async () => {
      const problems: string[] = [];
      const zh = (await page.evaluate(() => document.documentElement.lang)) === 'zh-CN';
      for (const list of ['summary-decisions', 'summary-actions', 'summary-people']) {
        const now = await listItemsSeen(page, list);
        problems.push(...now.cut.map((text) => `${list}: "${text}" cut at the fold`));
        const words = now.below === 0 ? null : zh ? `↓ 还有 ${now.below} 个` : `↓ ${now.below} more`;
        if (now.more !== words) problems.push(`${list}: ${now.below} below, the list says ${JSON.stringify(now.more)}`);
        if (now.whole === 0) problems.push(`${list}: not one item shown whole`);
      }
      problems.push(...(await summarySpaceLeft()), ...(await cardsTooNarrow()));
      const size = page.viewportSize()!;
      mkdirSync(join(SCREENSHOT_ROOT, 'summary'), { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_ROOT, 'summary', `summary-${size.width}x${size.height}-${zh ? 'zh-CN' : 'en'}.png`) });
      return problems;
    });
    expect(found).toEqual([]);
    // Swiped to its end, the list has nothing below, and its line says so by going.
    expect((await listItemsSeen(page, 'summary-decisions')).below).toBeGreaterThan(0);
    await page.getByTestId('summary-decisions').evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
    await waitFor(async () => (await listItemsSeen(page, 'summary-decisions')).more === null, 5_000, 'no line under the list scrolled to its end');
    expect(opened!.errors).toEqual([]);
  });

  it('keeps the rating’s stars, problems, Skip and Send in view after the end', { timeout: 60_000 }, async () => {
    await page.getByTestId('rate-room').click();
    await page.getByTestId('send-feedback').waitFor();
    expect(await outOfReach('rating')).toEqual([]);
  });
});
