/**
 * The panel's words, in real Chromium against the demo room (whose config names its devices,
 * display inputs and camera presets in English and Chinese): a Chinese panel shows no English
 * device name and no raw input code; the PJLink display offers the network input 52 its
 * config adds, and the panel switches to it; "book now" buttons say they book; typed text is
 * not grey like a placeholder; labels keep one letter case; the check-in toast lies over
 * the header's words; the admin settings word the meeting rules; the admin view says what the room
 * can still save (its free space; once its data folder is full, that it saves nothing, with the
 * code); ending the meeting clears the room mute. Screenshots at every panel size in both languages: test-artifacts/screenshots/words/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomNowView, StatusView } from '../../appliance/api/api-types.js';
import { captureStep, setLanguage } from '../helpers/panel-browser.js';
import { enterAdmin, openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { captureFitting, controlsUnder, FIT_SIZES, problemsAtEverySize, TIGHT_SIZES, wordsBrokenInside } from '../helpers/panel-fit.js';
import { mountSmallDisk } from '../helpers/small-disk.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'words';
/** Every device's English name in the demo config: none may show on a Chinese panel. */
const ENGLISH_NAMES = ['Front camera', 'Rear camera', 'Side camera', 'Display', 'Door signage', 'Whole room', 'Whiteboard'];

/** A 32 MB tmpfs for the room's data, which the storage step fills (the demo room's stills take more than 2 MB); undefined where mounting is not allowed. */
const disk = await mountSmallDisk('32m');
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let errors: string[];

const api = async <T>(path: string): Promise<T> =>
  (await (await fetch(room.baseUrl + path, { headers: { authorization: `Bearer ${room.token}` } })).json()) as T;

/** The text a person sees on the panel's screen area (through every shadow root). */
const screenText = (p: Page) =>
  p.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Document | ShadowRoot | Element) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el.getClientRects().length === 0) continue;
        for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) texts.push(n.textContent!.trim());
      }
    };
    walk(document);
    return texts;
  });

/** Each preset tile's name on the screen with the size of its letters in px. */
const presetNameSizes = (p: Page) =>
  p.evaluate(() => {
    const found: [string, number][] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el.matches('preset-tiles') && el.shadowRoot)
          for (const name of el.shadowRoot.querySelectorAll('.tile .name'))
            found.push([name.textContent!.trim(), Number.parseFloat(getComputedStyle(name).fontSize)]);
      }
    };
    walk(document);
    return found;
  });

describe('panel: words a person reads, in both languages', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      warmupMs: 0,
      configure: (c) => {
        if (disk) c.storage.dir = join(disk.dir, 'data');
      },
    });
    ({ room, page, errors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
    await disk?.unmount();
  });

  it('says on each "book now" button that it books the room, and keeps one letter case for labels', async () => {
    await page.locator('[data-testid="room-status"][data-state="free"]').waitFor();
    // Booking buttons come with the room's live stream, which connects after the first render.
    await page.getByTestId('book-15').waitFor();
    await captureFitting(page, FLOW, '1-door', ['book-15', 'book-30', 'book-60']);
    expect(await page.getByTestId('book-30').innerText()).toMatch(/^Book\s+30 min$/);
    await setLanguage(page, 'zh-CN');
    expect(await page.getByTestId('book-30').innerText()).toMatch(/^预订\s+30 分钟$/);
    const shouting = await page.evaluate(() => {
      const found: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          if (getComputedStyle(el).textTransform !== 'none') found.push(el.outerHTML.slice(0, 60));
        }
      };
      walk(document);
      return found;
    });
    expect(shouting).toEqual([]);
    await setLanguage(page, 'en');
  });

  it('shows typed text bright, not grey like its label, and the check-in toast over the header’s words', async () => {
    await page.getByTestId('book-30').click();
    const field = page.getByLabel('Not on the list? Your name');
    await field.fill('Ada Lovelace');
    const colours = await field.evaluate((input) => ({ typed: getComputedStyle(input).color, label: getComputedStyle(input.closest('label')!).color }));
    expect(colours.typed).toBe('rgb(232, 237, 242)');
    expect(colours.typed).not.toBe(colours.label);
    for (const [size, name] of [
      [{ width: 1280, height: 800 }, 'Ada Lovelace'],
      [{ width: 800, height: 480 }, 'Grace Hopper'],
    ] as const) {
      await page.setViewportSize(size);
      await field.fill(name);
      await page.getByTestId('walkin-checkin').click();
      const toast = page.locator('[data-testid="toast"]:not([hidden])').filter({ hasText: name });
      await toast.waitFor();
      // Over the header's words (the screen below never moves), never over a control: the language switch stays free.
      const header = (await page.locator('room-panel header').boundingBox())!;
      const box = (await toast.boundingBox())!;
      expect(box.y + box.height, `toast at ${size.width}×${size.height}`).toBeLessThanOrEqual(header.y + header.height);
      expect(await controlsUnder(page, 'toast'), `controls under the toast at ${size.width}×${size.height}`).toEqual([]);
      await toast.click();
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('names devices, inputs and presets in Chinese on a Chinese panel, never a raw input code, and switches to the input the config adds (52)', async () => {
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('room-mute').click();
    await waitFor(async () => (await api<{ on: boolean }>('/api/v1/room/mute')).on, 3_000, 'the room muted');
    await page.getByTestId('nav-controls').click();
    await page.getByTestId('display-display').waitFor();
    await setLanguage(page, 'zh-CN');
    // A display's inputs are listed when its input button is pressed.
    await page.getByTestId('input-pick-display').click();
    const words = await screenText(page);
    expect(words).toEqual(expect.arrayContaining(['显示屏', '信号源', '笔记本（HDMI 1）', '网络', '前置摄像头', '全景']));
    expect(words.filter((w) => ENGLISH_NAMES.includes(w))).toEqual([]);
    expect(words.filter((w) => /^(\d\d|[1-6][A-Z]|输入 \d+|Input \d+)$/.test(w))).toEqual([]);
    // A Chinese preset name has no Latin word to size its letters by: it must still be legible on its tile.
    expect((await presetNameSizes(page)).map(([name, px]) => [name, px >= 10])).toEqual([
      ['全景', true],
      ['会议桌', true],
      ['演讲者', true],
      ['白板', true],
    ]);
    await page.getByRole('button', { name: '网络', exact: true }).click();
    await waitFor(() => room.display.display.input === '52', 5_000, 'the display on input 52');
    await setLanguage(page, 'en');
    await page.getByTestId('input-pick-display').click();
    expect(await screenText(page)).toEqual(expect.arrayContaining(['Display', 'Input', 'Laptop (HDMI 1)', 'Network', 'Front camera']));
    await page.getByTestId('inputs-close').click();
    await captureFitting(page, FLOW, '2-controls', ['joystick', 'preset-1']);
  });

  it('words the meeting rules of the admin settings in Chinese, with the config name beside each', async () => {
    await setLanguage(page, 'zh-CN');
    await enterAdmin(page, room.demo.adminPin, 'settings');
    const reminder = page.getByTestId('rule-reminderMinutes');
    expect(await reminder.textContent()).toMatch(/^会前提醒参会者（开始前）\s*reminderMinutes$/);
    expect(await reminder.evaluate((dt) => dt.nextElementSibling?.textContent)).toBe('15 分钟');
    // No rule is named by its config name alone.
    const unworded = await page.locator('[data-testid^="rule-"]').evaluateAll((dts) =>
      dts
        .filter((dt) => {
          const key = dt.querySelector('code')?.textContent ?? '';
          return (dt.textContent ?? '').replace(key, '').trim() === key;
        })
        .map((dt) => dt.textContent),
    );
    expect(unworded).toEqual([]);
    // The values keep their words whole beside the long names of the rules, on the narrow panels too.
    const broken = await problemsAtEverySize(page, 'admin settings', TIGHT_SIZES, async () =>
      (await wordsBrokenInside(page, 'dl dd')).map((w) => `a value broken inside a word: ${w}`),
    );
    expect(broken).toEqual([]);
    await page.setViewportSize(FIT_SIZES[0]);
    await page.getByTestId('nav-home').click();
  });

  it.skipIf(!disk)('says in the admin view what the room can still save: its free space, and that it saves nothing once its data folder is full', async () => {
    await enterAdmin(page, room.demo.adminPin);
    const storage = page.getByTestId('admin-storage');
    expect(await storage.textContent()).toMatch(/^\s*Storage: ok, \d+ MB free\s*$/);
    await setLanguage(page, 'zh-CN');
    expect(await storage.textContent()).toMatch(/^\s*存储：正常，剩余 \d+ MB\s*$/);
    await captureStep(page, FLOW, '5-admin-storage-ok');
    const meeting = (await api<RoomNowView>('/api/v1/room/now')).current!;
    const note = (text: string) =>
      fetch(`${room.baseUrl}/api/v1/meetings/${meeting.id}/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${room.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    try {
      // SQLite keeps room in its write-ahead log for a while: the disk is filled again before each note until the room refuses one.
      let status = 0;
      for (let i = 0; i < 50 && status !== 507; i++) {
        disk!.fill();
        status = (await note(`${i} ${'minutes '.repeat(500)}`)).status;
      }
      expect(status).toBe(507);
      // Another tab reads the room again.
      await page.getByTestId('admin-tab-settings').click();
      await storage.filter({ hasText: 'Storage full: not saved' }).waitFor();
      expect(await storage.textContent()).toMatch(/^\s*Storage full: not saved\s+ROOMCTL_E_STORAGE/);
      await captureFitting(page, FLOW, '6-admin-storage-full', ['admin-storage']);
      await setLanguage(page, 'zh-CN');
      expect(await storage.textContent()).toMatch(/^\s*存储已满：无法保存\s+ROOMCTL_E_STORAGE/);
      await setLanguage(page, 'en');
    } finally {
      await disk!.free();
    }
    // Space freed: the room sees it by itself, and the walk goes on with a room that saves.
    await waitFor(async () => (await api<StatusView>('/api/v1/status')).storage?.state === 'ok', 20_000, 'the room saving again');
    await page.getByTestId('nav-home').click();
  });

  it('clears the room mute when the meeting ends', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('end-meeting').click();
    await page.getByTestId('end-confirm-yes').click();
    const mute = await waitFor(
      async () => {
        const view = await api<{ on: boolean; source: string }>('/api/v1/room/mute');
        return view.on ? null : view;
      },
      5_000,
      'the room unmuted at the end',
    );
    expect(mute.source).toBe('scene');
    await page.locator('[data-testid="room-mute"][aria-pressed="false"]').waitFor();
    expect(errors).toEqual([]);
  });
});
