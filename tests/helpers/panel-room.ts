/**
 * The opening most panel end-to-end tests share: the panel's build brought up to date, a test
 * room, a headless Chromium and — for the room's own panel — the panel open on it. One close
 * ends them all, the browser first: its pages hold the room's stream, so the room then closes
 * with no client left.
 */
import type { Browser } from 'playwright-core';
import { buildPanelIfStale, launchChromium, openPanel, type PanelPage } from './panel-browser.js';
import { startTestRoom, type TestRoom } from './test-room.js';

type TestRoomOptions = NonNullable<Parameters<typeof startTestRoom>[0]>;

/** A test room and a browser for it (phones, several panels). */
export interface BrowserRoom {
  room: TestRoom;
  browser: Browser;
  close(): Promise<void>;
}

/** A test room, a browser, and the room's panel open in it. */
export interface PanelRoom extends BrowserRoom, PanelPage {}

interface PanelRoomOptions extends TestRoomOptions {
  /** The panel opened unpaired (no token), as a new panel on the wall. */
  unpaired?: boolean;
  /** The window's size (default 1280×800). */
  viewport?: { width: number; height: number };
  /** Runs once the room is up, before the panel opens (listen to its bus, wait for its devices). */
  beforeOpen?: (room: TestRoom) => Promise<void> | void;
}

/** Builds the panel if stale, starts a test room and launches Chromium. */
export async function startBrowserRoom(options: TestRoomOptions = {}): Promise<BrowserRoom> {
  buildPanelIfStale();
  const room = await startTestRoom(options);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await room.close();
    throw err;
  }
  return {
    room,
    browser,
    async close() {
      await browser.close();
      await room.close();
    },
  };
}

/** `startBrowserRoom`, then the room's panel open with the room's token (or unpaired). */
export async function openPanelRoom(options: PanelRoomOptions = {}): Promise<PanelRoom> {
  const { unpaired, viewport, beforeOpen, ...roomOptions } = options;
  const opened = await startBrowserRoom(roomOptions);
  try {
    await beforeOpen?.(opened.room);
    const panel = await openPanel(opened.browser, opened.room.baseUrl, unpaired ? null : opened.room.token, viewport);
    return { ...opened, ...panel };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/** Opens the admin view with its PIN, as a person at the panel does; `tab` then shows that section. */
export async function enterAdmin(page: PanelPage['page'], pin: string, tab?: string): Promise<void> {
  await page.getByTestId('nav-admin').click();
  for (const digit of pin) await page.getByTestId(`pin-${digit}`).click();
  await page.getByTestId('pin-ok').click();
  if (tab) await page.getByTestId(`admin-tab-${tab}`).click();
}
