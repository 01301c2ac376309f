/**
 * The table panel (real Chromium against a test room) has unsaved agenda edits when someone
 * else saves the agenda. Saving does not write over theirs: the panel says so, shows their
 * agenda and keeps what was typed; "keep mine" then saves over theirs knowingly, "take theirs"
 * drops the typing for their agenda. The warning is checked (accessible controls) in both
 * languages at 1280×800 and photographed there and on the two small panels.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessibleControls, PORTRAIT_VIEWPORTS, SCREENSHOT_ROOT, setLanguage, VIEWPORTS } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { callRoom, startMeeting, waitFor, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let errors: string[];
let meetingId: string;

const api = <T>(method: string, path: string, body?: unknown) => callRoom<T>(room, method, path, body);
/** Someone else's save (another panel, a phone, a script): no revision, it replaces what is there. */
const savedElsewhere = (...titles: string[]) => api('PUT', `/api/v1/meetings/${meetingId}/agenda`, { items: titles.map((title) => ({ title, minutes: 10 })) });
const roomAgenda = async () => (await api<{ items: { title: string }[] }>('GET', `/api/v1/meetings/${meetingId}/agenda`)).items.map((i) => i.title);
const titleField = (n: number) => page.getByTestId(`agenda-title-${n}`);
const conflict = () => page.getByTestId('agenda-conflict');

describe('the agenda editor does not write over an agenda saved elsewhere meanwhile', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      beforeOpen: async (r) => {
        room = r;
        meetingId = await startMeeting(room);
        await savedElsewhere('Budget');
      },
    });
    ({ page, errors } = opened);
    page.setDefaultTimeout(10_000);
    await page.getByTestId('nav-minutes').click();
    await page.getByTestId('tab-agenda').click();
    await waitFor(async () => (await titleField(1).inputValue()) === 'Budget', 10_000, 'the agenda in the editor');
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('warns on saving, keeps the typing, shows their agenda, and "keep mine" saves over it', async () => {
    await titleField(1).fill('Budget and hiring');
    await savedElsewhere('Budget', 'Rollout');
    await page.getByTestId('agenda-save').click();

    await conflict().waitFor();
    await page.getByTestId('agenda-theirs').getByText('Rollout').waitFor();
    expect(await titleField(1).inputValue()).toBe('Budget and hiring');
    expect(await titleField(2).count()).toBe(0);
    expect(await roomAgenda()).toEqual(['Budget', 'Rollout']);
    // The choice replaces the plain save until it is made.
    expect(await page.getByTestId('agenda-save').count()).toBe(0);

    for (const [locale, words] of [
      ['zh-CN', '有人修改了议程'],
      ['en', 'Someone else changed the agenda'],
    ] as const) {
      await setLanguage(page, locale);
      expect(await conflict().innerText()).toContain(words);
      await expectAccessibleControls(page, `agenda conflict ${locale}`);
      // The choices sit in the editor's sticky row: in sight on the small panels too (pictures only).
      for (const viewport of [VIEWPORTS[0], VIEWPORTS[1], PORTRAIT_VIEWPORTS[1]]) {
        await page.setViewportSize(viewport);
        await page.screenshot({ path: join(SCREENSHOT_ROOT, 'agenda-conflict', `warning-${viewport.width}x${viewport.height}-${locale}.png`) });
      }
      await page.setViewportSize(VIEWPORTS[0]);
    }

    await page.getByTestId('agenda-keep-mine').click();
    await waitFor(async () => (await roomAgenda()).join() === 'Budget and hiring', 10_000, 'the panel agenda saved over the other');
    await conflict().waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('"take theirs" drops the typing for the agenda saved elsewhere, which stays as it is', async () => {
    await titleField(1).fill('Budget, hiring and travel');
    await savedElsewhere('Budget and hiring', 'Questions');
    await page.getByTestId('agenda-save').click();
    await page.getByTestId('agenda-theirs').getByText('Questions').waitFor();

    await page.getByTestId('agenda-take-theirs').click();
    await conflict().waitFor({ state: 'detached' });
    await waitFor(
      async () => (await titleField(2).count()) === 1 && (await titleField(2).inputValue()) === 'Questions',
      10_000,
      'their second item in the editor',
    );
    expect(await titleField(1).inputValue()).toBe('Budget and hiring');
    expect(await page.getByTestId('agenda-save').isDisabled()).toBe(true);
    expect(await roomAgenda()).toEqual(['Budget and hiring', 'Questions']);
    expect(errors).toEqual([]);
  });
});
