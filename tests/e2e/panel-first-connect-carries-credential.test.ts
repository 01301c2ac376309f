/**
 * A panel's first connection to the room's stream carries its credential: one WebSocket, with
 * the token, and the room's state drawn from its snapshot. (The panel element starts before
 * its entry hands it the API client; a link opened then would go without the token, be
 * refused, and leave the first render waiting for the retry.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BrowserRoom, startBrowserRoom } from '../helpers/panel-room.js';
import type { TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
let opened: BrowserRoom | undefined;
let browser: Browser;

beforeAll(async () => {
  opened = await startBrowserRoom({ logsInRingOnly: true });
  ({ room, browser } = opened);
});

afterAll(async () => {
  await opened?.close();
});

it('opens one stream, with its token, and draws the room from its snapshot', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(`${room.baseUrl}/?token=${encodeURIComponent(room.token)}`);
  await page.waitForFunction(() => !!document.querySelector('room-panel')?.shadowRoot?.querySelector('[data-testid="room-state"]'));
  expect(sockets).toHaveLength(1);
  expect(new URL(sockets[0]!).searchParams.get('token')).toBe(room.token);
  await context.close();
});
