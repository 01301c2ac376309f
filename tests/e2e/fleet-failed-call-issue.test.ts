/**
 * A room's online call fails during the board meeting (Debian's Chromium, the built dashboard,
 * a real Mosquitto): the dashboard lists a "Failed call" issue with the room's words and the
 * meeting; the room's next call goes through and the issue leaves the open list by itself,
 * its story saying so, in English and in Chinese.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPanelIfStale, launchChromium, SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-failed-call');
let broker: RunningMosquitto;
let fleet: Awaited<ReturnType<typeof startTestFleet>>;
let room: MqttClient;
let browser: Browser;
let page: Page;
const event = (id: string, body: Record<string, unknown>) =>
  room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ id, at: new Date().toISOString(), ...body }), { qos: 1 });
const call = (id: string, state: string, detail: string | null = null) =>
  event(id, { type: 'call.changed', state, provider: 'teams', meetingId: 'm-board', detail });

beforeAll(async () => {
  buildPanelIfStale();
  mkdirSync(SHOTS, { recursive: true });
  broker = await startMosquitto();
  fleet = await startTestFleet({ broker: { url: broker.url } });
  room = await mqtt.connectAsync(broker.url);
  await room.publishAsync('roomctl/hq/aurora/state', JSON.stringify({ room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' } }), {
    qos: 1,
    retain: true,
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, timezoneId: 'UTC', locale: 'en-US' });
  page = await context.newPage();
  await page.goto(`${fleet.url}/?token=${await fleet.operators.add('Ana Lima')}`);
  await page.locator('[data-operator]').waitFor({ timeout: 10_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await room?.endAsync();
  await fleet?.close();
  await broker?.close();
});

it('lists the failed call with the meeting, and closes it when the next call goes through', async () => {
  await event('e1', { type: 'meeting.started', meetingId: 'm-board', title: 'Board meeting' });
  await until(async () => (await fleet.store.currentMeeting('hq', 'aurora'))?.title === 'Board meeting', 8000, 'the meeting at the fleet');
  await call('e2', 'joining');
  await call('e3', 'failed', 'The meeting link did not open');
  const issue = page.locator('fleet-issue-list[data-open] li[data-kind="call"]');
  await issue.waitFor({ timeout: 10_000 });
  expect(await issue.locator('div').first().textContent()).toBe('Failed call in Aurora: teams: The meeting link did not open');
  expect(await issue.locator('[data-meeting]').textContent()).toContain('Board meeting');
  await issue.locator('button[name="details"]').click();
  await issue.locator('ol.log li[data-action="opened"]').waitFor({ timeout: 5000 });
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await issue.locator('div').first().textContent())?.startsWith('通话失败'), 5000, 'the issue in Chinese');
  await page.screenshot({ path: join(SHOTS, 'failed-call-1440x1000-zh-CN.png') });
  await page.locator('select[name="language"]').selectOption('en');
  await call('e4', 'joining');
  await call('e5', 'in-call');
  await until(async () => (await page.locator('fleet-issue-list[data-open] li[data-kind="call"]').count()) === 0, 10_000, 'the issue closed by itself');
  expect(await fleet.store.issue('call-e3')).toMatchObject({ state: 'resolved', resolvedBy: null });
  expect((await fleet.desk.log('call-e3')).map((e) => e.action)).toEqual(['opened', 'cleared']);
});
