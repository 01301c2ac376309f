/**
 * A toast never lies over what a person needs to touch. The self-test finds the front camera
 * (named at length) unplugged while the admin view is open, and its toast comes up at every
 * panel size in both languages: no control of the panel is under it, it ends inside the
 * header, the admin tabs are in sight, and a tab pressed while it shows is pressed; a finger
 * held on the screen keeps it still (the toast goes when it lifts). A refusal the panel has no
 * words for (the display answers a power command with a reply to another) shows its code whole
 * under the title and its words whole (the title gives up its second line for them, the
 * display's long name cut, "not done" in sight), all inside the header; when the display hangs up in the middle of
 * a command, the toast says to look at it before trying again, without a code. With every
 * device of the room down, the toast names
 * two and counts the rest, the count always in sight (the long name is cut for it).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_ROOT, setLanguage } from '../helpers/panel-browser.js';
import { controlsUnder, FIT_SIZES, fitProblems, problemsAtEverySize, TIGHT_SIZES } from '../helpers/panel-fit.js';
import { enterAdmin, openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { holdTheClock, tapAwayToasts } from '../helpers/panel-toasts.js';
import { callRoom, waitFor } from '../helpers/test-room.js';

const PIN = '314159';
const LONG_NAME = 'Front camera (PTZ, ceiling) over the north whiteboard, by the courtyard window';
/** Long enough that "… on: not done" takes the title's two lines on the smallest panels. */
const DISPLAY_NAME = { en: 'Wall display on the north side, by the courtyard window', 'zh-CN': '北墙靠庭院窗户一侧的壁挂显示屏（会议桌对面）' };
let opened: PanelRoom | undefined;
let page: Page;

const statusOf = async (id: string) => ((await (await fetch(`${opened!.room.baseUrl}/api/v1/devices/${id}`)).json()) as { status: string }).status;
const toast = () => page.locator('[data-testid="toast"]:not([hidden])');
/** The toast reaching above or below the header it lies over (one line, or none). */
async function pastTheHeader(): Promise<string[]> {
  const header = (await page.locator('room-panel header').boundingBox())!;
  const shown = (await toast().boundingBox())!;
  if (shown.y >= header.y - 0.5 && shown.y + shown.height <= header.y + header.height + 0.5) return [];
  return [
    `the toast (${Math.round(shown.y)}–${Math.round(shown.y + shown.height)}) passes the header (${Math.round(header.y)}–${Math.round(header.y + header.height)})`,
  ];
}

/**
 * The toast as a person sees it: each of its parts that shows (title, words, code) whole
 * inside the toast's box and the code not cut at its end (one line each if not); the words
 * that show (the full ones or a shorter wording, never those kept for screen readers) and
 * whether they end cut ("…"); the code.
 */
async function toastSeen(): Promise<{ problems: string[]; words: string; wordsCut: boolean; code: string | null; titleEnd: boolean }> {
  return page.locator('room-panel panel-toast').evaluate((host) => {
    const box = host.shadowRoot!.querySelector('div')!;
    const b = box.getBoundingClientRect();
    const inner = {
      top: b.top + box.clientTop,
      bottom: b.top + box.clientTop + box.clientHeight,
      left: b.left + box.clientLeft,
      right: b.left + box.clientLeft + box.clientWidth,
    };
    const problems: string[] = [];
    const shown = [...box.children].filter((el) => el.getClientRects().length > 0 && !el.classList.contains('sr-only'));
    for (const el of shown) {
      const r = el.getBoundingClientRect();
      const part = el.className || el.tagName.toLowerCase();
      if (r.top < inner.top - 0.5 || r.bottom > inner.bottom + 0.5 || r.left < inner.left - 0.5 || r.right > inner.right + 0.5)
        problems.push(
          `its ${part} (${Math.round(r.top)}–${Math.round(r.bottom)}) is cut by the toast's edge (${Math.round(inner.top)}–${Math.round(inner.bottom)})`,
        );
      if (part === 'code' && el.scrollWidth > el.clientWidth + 1) problems.push(`its code is cut at its end (${el.scrollWidth} px in ${el.clientWidth})`);
    }
    const words = shown.find((el) => el.classList.contains('text'));
    // The title's last letter inside the title's box (its outcome, ": not done", not clamped or cut away).
    const title = box.querySelector('strong')!;
    const range = document.createRange();
    const ends = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
    let last: Node | null = null;
    for (let n = ends.nextNode(); n; n = ends.nextNode()) if (n.textContent?.trim()) last = n;
    let titleEnd = false;
    if (last) {
      const text = last.textContent!.trimEnd();
      range.setStart(last, text.length - 1);
      range.setEnd(last, text.length);
      const t = title.getBoundingClientRect();
      // Its middle, as glyph boxes reach past a line's height.
      titleEnd = [...range.getClientRects()].some(
        (r) => r.width > 0 && (r.top + r.bottom) / 2 < t.bottom && r.right <= t.right + 0.5 && (r.top + r.bottom) / 2 > t.top,
      );
    }
    return {
      titleEnd,
      problems,
      words: words?.textContent?.trim() ?? '',
      wordsCut: words ? words.scrollHeight > words.clientHeight + 1 : false,
      code: box.querySelector('.code')?.textContent?.trim() ?? null,
    };
  });
}

// What shows of each: its box cut to every box around it that clips (the list scrolls, the names below it out of sight).
const boxes = async (testId: string) =>
  page.getByTestId(testId).evaluateAll((els) =>
    els
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const shown = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        for (let p = el.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflowY === 'visible') continue;
          const c = p.getBoundingClientRect();
          shown.top = Math.max(shown.top, c.top);
          shown.bottom = Math.min(shown.bottom, c.bottom);
        }
        return shown;
      })
      .filter((r) => r.bottom > r.top),
  );

describe('panel: a toast leaves the controls in reach', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      configure: (c) => {
        c.panel = { ...c.panel, adminPin: PIN };
        // The walks run a self-test at each size in each language: more than the 6 a minute a room takes on request.
        c.api = { ...c.api, limits: { ...c.api.limits, selfTestsPerMinute: 60 } };
        // A name longer than the header holds in a toast's line: its words are cut to the lines that fit.
        const front = c.devices.find((d) => d.id === 'cam-front')!;
        front.name = { en: LONG_NAME, 'zh-CN': '前置摄像头（吸顶云台），位于北墙白板上方、朝向庭院的窗户旁边，正对会议桌的中间位置' };
        c.devices.find((d) => d.id === 'display')!.name = DISPLAY_NAME;
      },
    });
    page = opened.page;
    await opened.room.demo.cameraLink.unplug();
    await waitFor(async () => (await statusOf('cam-front')) === 'offline', 15_000, 'the front camera offline');
    // The page's clock, installed running, is paused while a toast is looked at.
    await page.clock.install();
    await enterAdmin(page, PIN, 'selftest');
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('shows the self-test toast beside the admin tabs, never over a control, at every size in both languages', { timeout: 120_000 }, async () => {
    const found: string[] = [];
    for (const locale of ['en', 'zh-CN'] as const) {
      await setLanguage(page, locale);
      for (const size of FIT_SIZES) {
        const where = `${size.width}x${size.height} ${locale}`;
        await page.setViewportSize(size);
        await page.getByTestId('admin-tab-selftest').click();
        await page.getByTestId('run-selftest').click();
        await toast().waitFor({ timeout: 15_000 });
        // Time stands still while it is looked at: the toast stays up whatever the machine's load.
        await holdTheClock(page);
        for (const control of await controlsUnder(page, 'toast')) found.push(`${where}: ${control} under the toast`);
        for (const p of await pastTheHeader()) found.push(`${where}: ${p}`);
        for (const p of await fitProblems(page, ['admin-tabs', 'admin-tab-devices', 'admin-tab-settings'])) found.push(`${where}: ${p.testId} ${p.problem}`);
        // Pressed while the toast shows: the tab is taken, not the toast.
        const pressed = await page
          .getByTestId('admin-tab-devices')
          .click({ timeout: 3_000 })
          .then(() => true)
          .catch(() => false);
        if (!pressed) found.push(`${where}: the Devices tab cannot be pressed while the toast shows`);
        expect(await toast().count(), where).toBe(1);
        if (pressed) expect(await page.getByTestId('admin-tab-devices').getAttribute('aria-pressed'), where).toBe('true');
        await toast().click();
        await waitFor(async () => (await toast().count()) === 0, 5_000, 'the toast tapped away');
        await page.clock.resume();
      }
    }
    expect(found).toEqual([]);
  });

  it('keeps the screen still under a held finger: the toast goes only when the finger lifts', async () => {
    await page.setViewportSize({ width: 800, height: 480 });
    await page.getByTestId('admin-tab-selftest').click();
    await page.getByTestId('run-selftest').click();
    await toast().waitFor({ timeout: 15_000 });
    await holdTheClock(page);
    const tab = page.getByTestId('admin-tab-settings');
    // The row of tabs (a pressed button itself sinks a little, as press feedback).
    const tabs = page.getByTestId('admin-tabs');
    const before = (await tab.boundingBox())!;
    const row = (await tabs.boundingBox())!;
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    // The toast's turn (5 s) is long over while the finger stays down.
    await page.clock.runFor(10_000);
    expect(await toast().count()).toBe(1);
    expect((await tabs.boundingBox())!.y).toBe(row.y);
    await page.mouse.up();
    await waitFor(async () => (await toast().count()) === 0, 5_000, 'the toast gone when the finger lifts');
    expect(await tab.getAttribute('aria-pressed')).toBe('true');
    await page.clock.resume();
  });

  it('keeps check-in whole while its toast shows: the walk-in field never lies over the names', async () => {
    const booked = await fetch(`${opened!.room.baseUrl}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${opened!.room.token}` },
      body: JSON.stringify({
        minutes: 30,
        title: 'Design review',
        attendees: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Li Wei'].map((name, i) => ({ name, email: `p${i}@example.com` })),
      }),
    });
    expect(booked.status).toBe(201);
    await page.getByTestId('nav-home').click();
    await page.getByTestId('checkin-title').waitFor();
    const found: string[] = [];
    for (const [locale, size] of [
      ['en', { width: 800, height: 480 }],
      ['zh-CN', { width: 800, height: 480 }],
      ['en', { width: 480, height: 800 }],
    ] as const) {
      await setLanguage(page, locale);
      await page.setViewportSize(size);
      await page.locator('[data-testid="person"]:not(.here)').first().click();
      await toast().waitFor();
      await holdTheClock(page);
      const form = (await boxes('walkin-form'))[0]!;
      for (const name of [...(await boxes('person')), ...(await boxes('people-heading'))])
        if (name.left < form.right && name.right > form.left && name.top < form.bottom && name.bottom > form.top)
          found.push(`${size.width}x${size.height} ${locale}: the walk-in field over a name at ${Math.round(name.left)},${Math.round(name.top)}`);
      await toast().click();
      await page.clock.resume();
    }
    await setLanguage(page, 'en');
    expect(found).toEqual([]);
  });

  it("keeps the meeting screen whole while a toast shows: the presets never lie over the agenda's button", async () => {
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('time-left').waitFor();
    const found: string[] = [];
    for (const size of FIT_SIZES) {
      await page.setViewportSize(size);
      await page.getByTestId('extend-15').click();
      await toast().waitFor();
      await holdTheClock(page);
      // The agenda's own button (its box may shrink while what it holds spills out of it).
      const [agenda] = await boxes('add-agenda');
      const [presets] = await boxes('quick-controls');
      if (agenda && presets && agenda.top < presets.bottom && agenda.bottom > presets.top && agenda.left < presets.right && agenda.right > presets.left)
        found.push(`${size.width}x${size.height}: the presets over the agenda`);
      await toast().click();
      await page.clock.resume();
    }
    expect(found).toEqual([]);
  });

  it('shows the code of a refusal it cannot explain whole under the title and its words whole, all inside the header, on the smallest panels in both languages', {
    timeout: 120_000,
  }, async () => {
    const { room } = opened!;
    // The display answers a power command with a reply to another (ROOMCTL_E_PROTOCOL): a refusal the panel has no words for.
    const display = room.display.display;
    const handle = display.handle;
    display.handle = (line) => (/^%1POWR [01]$/.test(line) ? '%1INPT=OK' : handle.call(display, line));
    await page.getByTestId('nav-controls').click();
    try {
      const found = await problemsAtEverySize(page, 'a refusal', TIGHT_SIZES, async () => {
        await tapAwayToasts(page);
        await waitFor(async () => (await statusOf('display')) === 'ok', 15_000, 'the display back');
        const tab = page.getByTestId('controls-tab-room');
        if (await tab.isVisible()) await tab.click();
        await page.getByTestId('display-display').locator('.row button').first().click();
        const zh = (await page.evaluate(() => document.documentElement.lang)) === 'zh-CN';
        await toast()
          .filter({ hasText: zh ? '未完成' : 'not done' })
          .waitFor({ timeout: 15_000 });
        await holdTheClock(page);
        const seen = await toastSeen();
        const problems = [...(await pastTheHeader()), ...seen.problems];
        if (seen.code !== 'ROOMCTL_E_PROTOCOL') problems.push(`the toast's code is ${JSON.stringify(seen.code)}`);
        // The words show whole beside a long name's title and the code (they once gave way to both), the title's outcome in sight.
        const words = zh ? '会议室未能完成该操作。请重试或求助。' : 'The room could not do that. Try again, or call for help.';
        if (seen.words !== words || seen.wordsCut) problems.push(`the toast shows the words "${seen.words}"${seen.wordsCut ? ' cut' : ''}`);
        if (!seen.titleEnd) problems.push('the title’s end ("not done") is cut from sight');
        const size = page.viewportSize()!;
        mkdirSync(join(SCREENSHOT_ROOT, 'toast'), { recursive: true });
        await page.screenshot({ path: join(SCREENSHOT_ROOT, 'toast', `refusal-with-code-${size.width}x${size.height}-${zh ? 'zh-CN' : 'en'}.png`) });
        const title = (await toast().locator('strong').textContent()) ?? '';
        if (!title.includes(DISPLAY_NAME[zh ? 'zh-CN' : 'en'].slice(0, 10))) problems.push(`the title says "${title}"`);
        await toast().click();
        await page.clock.resume();
        return problems;
      });
      expect(found).toEqual([]);
    } finally {
      display.handle = handle;
    }
  });

  it('says to look at the display before trying again when it hangs up in the middle of a command, without a code', async () => {
    const { room } = opened!;
    // Sent, outcome unknown: the power command reached the display, whose answer never came back.
    const hangUpOnPower = (line: string) => {
      if (/^%1POWR [01]$/.test(line)) room.display.dropConnections();
    };
    room.display.display.on('command', hangUpOnPower);
    try {
      await setLanguage(page, 'en');
      await page.setViewportSize({ width: 800, height: 480 });
      await tapAwayToasts(page);
      await waitFor(async () => (await statusOf('display')) === 'ok', 15_000, 'the display back');
      const tab = page.getByTestId('controls-tab-room');
      if (await tab.isVisible()) await tab.click();
      await page.getByTestId('display-display').locator('.row button').first().click();
      await toast().filter({ hasText: 'not done' }).waitFor({ timeout: 15_000 });
      await holdTheClock(page);
      // All its words, also those cut from sight (a screen reader reads them whole).
      expect((await toast().textContent())!.replace(/\s+/g, ' ')).toContain(
        `${DISPLAY_NAME.en} lost its connection in the middle of that, so it may have done it. Look at ${DISPLAY_NAME.en} before you try again.`,
      );
      expect((await toastSeen()).code).toBeNull();
      await toast().click();
      await page.clock.resume();
    } finally {
      room.display.display.off('command', hangUpOnPower);
    }
  });

  it('names two of many failed devices and counts the rest, in a toast never taller than the header, on the smallest panels in both languages', {
    timeout: 120_000,
  }, async () => {
    const { room } = opened!;
    await room.display.close();
    for (const simulator of room.demo.simulators.values()) await (simulator as { close(): Promise<void> }).close();
    // The media signals are the room's own pipeline, not devices with a simulator.
    const devices = async () => (await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as { id: string; status: string; driver: string }[];
    await waitFor(async () => (await devices()).filter((d) => !d.driver.startsWith('media-')).every((d) => d.status !== 'ok'), 30_000, 'every device down');
    await page.getByTestId('nav-home').click();
    await enterAdmin(page, PIN, 'selftest');
    const found = await problemsAtEverySize(page, 'self-test', TIGHT_SIZES, async () => {
      // What showed before (the meeting's extensions) is tapped away first, as a person would.
      await tapAwayToasts(page);
      const zh = (await page.evaluate(() => document.documentElement.lang)) === 'zh-CN';
      await page.getByTestId('run-selftest').click();
      await toast()
        .filter({ hasText: zh ? '自检发现问题' : 'Self-test found a problem' })
        .waitFor({ timeout: 15_000 });
      await holdTheClock(page);
      const report = await callRoom<{ results: { deviceId: string; ok: boolean }[] }>(room, 'GET', '/api/v1/selftests/latest');
      const failed = new Set(report.results.filter((r) => !r.ok).map((r) => r.deviceId)).size;
      const problems = await pastTheHeader();
      for (const control of await controlsUnder(page, 'toast')) problems.push(`${control} under the toast`);
      // All its words, also those cut from sight.
      const words = (await toast().textContent())!.replace(/\s+/g, ' ');
      const more = zh ? `及另外 ${failed - 2} 个设备` : `and ${failed - 2} more`;
      if (!words.includes(more) || (!zh && !words.includes(LONG_NAME)))
        problems.push(`the toast says "${words}", not the front camera and "${more}" of ${failed} devices`);
      // What shows: the count, whole — the names give way for it, never the count.
      const seen = await toastSeen();
      problems.push(...seen.problems);
      if (!seen.words.endsWith(more) || seen.wordsCut) problems.push(`the toast shows "${seen.words}"${seen.wordsCut ? ' cut' : ''}, not "${more}" in sight`);
      await toast().click();
      await waitFor(async () => (await toast().count()) === 0, 5_000, 'the toast tapped away');
      await page.clock.resume();
      return problems;
    });
    expect(found).toEqual([]);
  });
});
