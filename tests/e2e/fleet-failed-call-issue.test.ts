/**
 * A room's online call fails during the board meeting (Debian's Chromium, the built dashboard,
 * a real Mosquitto): the dashboard lists a "Failed call" issue with the room's words and the
 * meeting; the room's next call goes through and the issue leaves the open list by itself,
 * its story saying so, in English and in Chinese.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-failed-call');
let lab: FleetLab;
let fleet: FleetLab['fleet'];
let room: MqttClient;
let page: Page;
const event = (id: string, body: Record<string, unknown>) =>
  room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ id, at: new Date().toISOString(), ...body }), { qos: 1 });
const call = (id: string, state: string, detail: string | null = null) =>
  event(id, { type: 'call.changed', state, provider: 'teams', meetingId: 'm-board', detail });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startFleetLab();
  fleet = lab.fleet;
  room = await lab.mqttRoom();
  page = await lab.dashboard({ operator: 'Ana Lima' });
}, 90_000);

afterAll(async () => lab?.close());

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
