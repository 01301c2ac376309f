/**
 * A phone (real Chromium against a test room) saves the agenda in the minutes screen's editor:
 * the "Agenda (n)" tab counts the saved items at once, from the save's own answer — not at the
 * screen's next read of the minutes. The page's timers are stopped before the save (no 3-second
 * read can do it) and the minutes are held on their way (a read after the save cannot either).
 * Then a save that drops the item that ran and renames the running one: the editor sends each
 * item's id, so the renamed item keeps the time it started. On a merged agenda of 51 items (as
 * linked rooms' edits can leave it) one is added back after one is removed, and no more — on
 * the phone, then on the room's panel in both languages (the two smallest sizes; all five with
 * ROOMCTL_FULL=1): the full editor says why it adds no more, the new row comes into sight above
 * the editor's buttons, the words saying why Save waits for it (a title) show in sight above the
 * buttons, and no row shows below them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPanel, phonePage } from '../helpers/panel-browser.js';
import { fitProblems, problemsAtEverySize, TIGHT_SIZES } from '../helpers/panel-fit.js';
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

  it('on the room’s panel at each size in both languages: says why no more can be added, brings the added row into sight above the buttons, shows no row below them', {
    timeout: 60_000,
  }, async () => {
    const { page } = await openPanel(browser, room.baseUrl, room.token);
    await page.getByTestId('nav-minutes').click();
    await page.getByTestId('tab-agenda').click();
    const editor = page.locator('agenda-editor');
    await page.getByTestId('agenda-title-51').waitFor({ state: 'attached' });
    const add = page.getByTestId('agenda-add-item');
    /** Rows showing between the editor's buttons (stuck to the screen's bottom) and the screen's bottom edge. */
    const rowsBelowTheButtons = () =>
      editor.evaluate((host) => {
        let main: Element | null = host;
        while (main && main.tagName !== 'MAIN') main = main.parentElement ?? ((main.getRootNode() as ShadowRoot).host || null);
        const bottom = main!.getBoundingClientRect().bottom;
        const buttons = host.shadowRoot!.querySelector('.row')!.getBoundingClientRect();
        return [...host.shadowRoot!.querySelectorAll('ol > li')].flatMap((li, i) => {
          const r = li.getBoundingClientRect();
          const shown = Math.min(r.bottom, bottom) - Math.max(r.top, buttons.bottom);
          return shown > 0.5 ? [`item ${i + 1} shows ${Math.round(shown)} px below the buttons`] : [];
        });
      });
    const found = await problemsAtEverySize(page, 'agenda of 51', TIGHT_SIZES, async () => {
      const problems: string[] = [];
      const zh = (await page.evaluate(() => document.documentElement.lang)) === 'zh-CN';
      if (!(await add.isDisabled())) problems.push('"Add an item" takes a 52nd');
      const full = (await add.innerText()).trim();
      if (full !== (zh ? '最多 51 项' : 'At most 51 items')) problems.push(`the full editor's button says "${full}"`);
      await editor.locator('ol > li').nth(50).locator('button').click();
      await add.click();
      // The new row: in sight (not under the buttons), and the field to type in has the focus.
      for (const p of await fitProblems(page, ['agenda-title-51'])) problems.push(`the added row's title ${p.problem}`);
      if (!(await page.getByTestId('agenda-title-51').evaluate((el) => el.matches(':focus')))) problems.push('the added row has not the focus');
      problems.push(...(await rowsBelowTheButtons()));
      // The blank row keeps Save greyed out: why is said in sight, above the buttons, with no scrolling.
      const why = page.getByTestId('agenda-why-not-saved');
      for (const p of await fitProblems(page, ['agenda-why-not-saved'])) problems.push(`why Save waits ${p.problem}`);
      if (!(await page.getByTestId('agenda-save').isDisabled())) problems.push('Save takes a blank row');
      const [said, save] = [await why.boundingBox(), await page.getByTestId('agenda-save').boundingBox()];
      if (said && save && said.y + said.height > save.y + 0.5)
        problems.push(`why Save waits is below its button (${Math.round(said.y)} under ${Math.round(save.y)})`);
      await page.getByTestId('agenda-title-51').fill('Added back');
      if (!(await add.isDisabled())) problems.push('"Add an item" takes a 52nd after one was added back');
      return problems;
    });
    expect(found).toEqual([]);
  });
});
