import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appliance } from '../../appliance/app.js';
import { AD_HOC_BOOKINGS, MEETING_LIMITS } from '../../appliance/meetings/meeting-limits.js';
import { SCREENSHOT_ROOT, setLanguage } from '../helpers/panel-browser.js';
import { openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { holdTheClock, tapAwayToasts } from '../helpers/panel-toasts.js';
import { HEADLESS_CALL_BROWSER } from '../helpers/provider-page.js';
import { mountSmallDisk } from '../helpers/small-disk.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

/** A 32 MB tmpfs for the room's data (the demo room's stills take more than 2); undefined where mounting is not allowed. */
const disk = await mountSmallDisk('32m');
let opened: PanelRoom | undefined;
let room: TestRoom;
let page: Page;
let meetingId: string;

const toast = () => page.locator('[data-testid="toast"]:not([hidden])');

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: { id?: string; code?: string } }> {
  const res = await fetch(room.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${room.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; code?: string } };
}

/** `count` requests, 8 at a time, each answered 2xx. */
async function inParallel(count: number, request: (i: number) => Promise<{ status: number; body: { code?: string } }>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const answer = await request(i);
      expect(answer.status, `request ${i}: ${answer.body.code}`).toBeLessThan(300);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * Presses what `press` presses and reads the refusal's toast whole (also words cut from sight),
 * the page's clock held from its coming until it is tapped away. Earlier toasts are tapped away
 * first, as a person would.
 */
async function refusalAfter(shot: string, press: () => Promise<void>): Promise<{ text: string; code: string | null }> {
  await tapAwayToasts(page);
  const zh = (await page.evaluate(() => document.documentElement.lang)) === 'zh-CN';
  const refused = toast().filter({ hasText: zh ? '未完成' : 'not done' });
  await press();
  await refused.waitFor({ timeout: 15_000 });
  await holdTheClock(page);
  try {
    const size = page.viewportSize()!;
    mkdirSync(join(SCREENSHOT_ROOT, 'refusals'), { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_ROOT, 'refusals', `${shot}-${size.width}x${size.height}-${zh ? 'zh-CN' : 'en'}.png`) });
    const code = (await refused.getByTestId('toast-code').count()) > 0 ? await refused.getByTestId('toast-code').textContent() : null;
    const seen = { text: (await refused.textContent())!.replace(/\s+/g, ' ').trim(), code };
    await refused.click();
    return seen;
  } finally {
    await page.clock.resume();
  }
}

/** The same refusal in English, then in Chinese; the panel ends in English. */
async function inBothLanguages(
  shot: string,
  press: () => Promise<void>,
): Promise<{ en: { text: string; code: string | null }; zh: { text: string; code: string | null } }> {
  await setLanguage(page, 'en');
  const en = await refusalAfter(shot, press);
  await setLanguage(page, 'zh-CN');
  const zh = await refusalAfter(shot, press);
  await setLanguage(page, 'en');
  return { en, zh };
}

describe('panel: each refusal says what happened and what to do', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      viewport: { width: 800, height: 480 },
      configure: (c) => {
        c.calls = { browser: HEADLESS_CALL_BROWSER, allowDomains: ['127.0.0.1'] };
        if (disk) c.storage.dir = join(disk.dir, 'data');
        // No broker: the linked-room sync would meet the full disk on its timer (not what is measured here).
        delete c.mqtt;
      },
      // The meeting and its walk-ins are there before the panel opens: it shows no toast for each of them.
      beforeOpen: async (r) => {
        room = r;
        meetingId = (await call('POST', '/api/v1/bookings', { minutes: 30, title: 'Budget review', online: { url: 'http://127.0.0.1:9/j/880' } })).body.id!;
        await inParallel(MEETING_LIMITS.walkIns, (i) => call('POST', `/api/v1/meetings/${meetingId}/checkins`, { name: `Guest ${i}`, walkIn: true }));
      },
    });
    page = opened.page;
    await page.clock.install();
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
    await disk?.unmount();
  });

  it('says to join from a laptop when the room joins no calls (ROOMCTL_E_NO_CALL_LAUNCHER)', { timeout: 60_000 }, async () => {
    // The room loses its call browser (its config changed under it) as the panel's Join is on its way.
    const core = opened!.room.demo.appliance.core as { calls: Appliance['core']['calls'] };
    const calls = core.calls;
    await page.route('**/api/v1/meetings/*/join', (route) => {
      core.calls = undefined;
      return route.continue();
    });
    const join = async () => {
      core.calls = calls;
      await page.getByTestId('call-join').click();
    };
    try {
      const seen = await inBothLanguages('no-call-launcher', join);
      expect(seen.en.text).toContain('Join 127.0.0.1: not done');
      expect(seen.en.text).toContain('This room does not join online meetings itself. Join from a laptop with the meeting’s link, and show it on the display.');
      expect(seen.zh.text).toContain('本会议室不能自行加入线上会议。请用笔记本电脑通过会议链接加入，并投到显示屏上。');
      expect([seen.en.code, seen.zh.code]).toEqual([null, null]);
    } finally {
      core.calls = calls;
      await page.unroute('**/api/v1/meetings/*/join');
    }
  });

  it('says to write the others in the minutes when the meeting has its 200 walk-ins (ROOMCTL_E_MEETING_LIMIT)', async () => {
    const walkIn = async () => {
      await page.locator('[data-testid="walkin-form"] input').fill('Grace Hopper');
      await page.getByTestId('walkin-checkin').click();
    };
    const seen = await inBothLanguages('meeting-limit', walkIn);
    expect(seen.en.text).toContain(
      `${MEETING_LIMITS.walkIns} people who were not invited have checked in, as many as a meeting takes. Write the names of the others in the minutes.`,
    );
    expect(seen.zh.text).toContain(`未受邀人员签到已达 ${MEETING_LIMITS.walkIns} 人`);
    expect([seen.en.code, seen.zh.code]).toEqual([null, null]);
  });

  /**
   * Extend, until the room refuses. A refused write leaves its frames in SQLite's log, and a
   * smaller write made later may fit in them: so the disk is filled again before each press, and
   * an extension the room could still save (its own toast) is tapped away and pressed again.
   */
  async function extendUntilRefused(): Promise<void> {
    const refused = toast().filter({ hasText: /not done|未完成/ });
    for (let press = 1; press <= 6; press++) {
      disk!.fill();
      await page.getByTestId('extend-15').click();
      await toast().first().waitFor({ timeout: 15_000 });
      if ((await refused.count()) > 0) return;
      await tapAwayToasts(page);
    }
  }

  it.skipIf(!disk)('says to write it down and call facilities when the data folder is full (ROOMCTL_E_STORAGE)', async () => {
    expect((await call('POST', `/api/v1/meetings/${meetingId}/start`)).status).toBe(200);
    await page.getByTestId('extend-15').waitFor();
    disk!.fill();
    try {
      // SQLite still has room in its write-ahead log for a while; written until the disk says no.
      await waitFor(
        async () => (await call('POST', `/api/v1/meetings/${meetingId}/notes`, { text: 'minutes '.repeat(500) })).status === 507,
        30_000,
        'a write refused',
      );
      const seen = await inBothLanguages('storage', extendUntilRefused);
      expect(seen.en.text).toContain(
        'The room could not save that: its storage is full or failing. Write it down for now and call facilities; the rest of the room works.',
      );
      expect(seen.zh.text).toContain('存储空间已满');
      expect([seen.en.code, seen.zh.code]).toEqual([null, null]);
    } finally {
      await disk!.free();
    }
  });

  it('says to book in the calendar when the room has made its 200 bookings of the day (ROOMCTL_E_BOOKING_LIMIT)', async () => {
    await call('POST', `/api/v1/meetings/${meetingId}/end`).catch(() => undefined);
    await call('POST', `/api/v1/meetings/${meetingId}/release`).catch(() => undefined);
    await waitFor(
      async () =>
        (await call('POST', '/api/v1/bookings', { minutes: 15, title: 'Probe', start: new Date(Date.now() + 3 * 3_600_000).toISOString() })).status === 201,
      15_000,
      'a booking taken again',
    );
    // Bookings from three hours on, a quarter of an hour apart, until the day's worth (the meeting and the probe are two).
    const from = Date.now() + 4 * 3_600_000;
    await inParallel(AD_HOC_BOOKINGS.perDay - 2, (i) =>
      call('POST', '/api/v1/bookings', { minutes: 15, title: `Stand-up ${i}`, start: new Date(from + i * 15 * 60_000).toISOString() }),
    );
    await page.reload();
    await page.getByTestId('book-30').waitFor();
    const seen = await inBothLanguages('booking-limit', () => page.getByTestId('book-30').click());
    expect(seen.en.text).toContain(
      `The room has taken ${AD_HOC_BOOKINGS.perDay} bookings made here in the last 24 hours, as many as it takes. Book it in the calendar instead.`,
    );
    expect(seen.zh.text).toContain(`过去 24 小时内在此已预订 ${AD_HOC_BOOKINGS.perDay} 次`);
    expect([seen.en.code, seen.zh.code]).toEqual([null, null]);
  });
});
