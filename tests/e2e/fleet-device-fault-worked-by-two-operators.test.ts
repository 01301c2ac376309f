/**
 * A device fault as facilities work it, end to end (Debian's Chromium, the built dashboard, a
 * real Mosquitto, a room with a PJLink projector simulator): the projector dies during the
 * board meeting, an issue opens by itself naming the projector and the meeting; operator A
 * acknowledges it on her dashboard; the projector comes back (the issue stays hers: someone
 * took it on); operator B, signed in with his own token elsewhere, adds a note and resolves
 * it; the room's history shows the fault with its duration; both languages are pictured.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import type { TelemetryRoom } from '../helpers/telemetry-room.js';
import { DEVICE_FAULT_WORDS } from '../../panel-ui/src/fleet/fleet-device-fault-words.js';
import { FLEET_ZH_CN } from '../../panel-ui/src/fleet/fleet-zh-cn.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-device-fault');
let lab: FleetLab;
let fleet: FleetLab['fleet'];
let room: TelemetryRoom;
let ana: Page;
let bo: Page;

beforeAll(async () => {
  lab = await startFleetLab();
  fleet = lab.fleet;
  room = await lab.telemetryRoom({ displayName: { en: 'Projector', 'zh-CN': '投影机' } });
  await until(
    async () => (await fleet.store.room('hq', 'aurora'))?.devices.some((d) => d.status === 'ok' && d.names?.en === 'Projector'),
    10_000,
    'the room and its projector in the fleet',
  );
  ana = await lab.dashboard({ operator: 'Ana Lima' });
  bo = await lab.dashboard({ operator: 'Bo Chen' });
}, 90_000);

afterAll(async () => lab?.close());

it('opens an issue when the projector dies in the board meeting, naming both; the room is degraded', async () => {
  room.appliance.events.publish({ type: 'meeting.started', meetingId: 'm-board', title: 'Board meeting' });
  await until(async () => (await fleet.store.currentMeeting('hq', 'aurora'))?.title === 'Board meeting', 8000, 'the meeting at the fleet');
  await room.display.close();
  const issue = ana.locator('fleet-issue-list[data-open] li[data-kind="device"]');
  await issue.waitFor({ timeout: 15_000 });
  expect(await issue.textContent()).toContain('Projector');
  expect(await issue.locator('[data-meeting]').textContent()).toContain('Board meeting');
  const tile = ana.locator('fleet-room-tile button', { hasText: 'Aurora' });
  expect(await tile.getAttribute('data-status')).toBe('degraded');
  expect(await ana.locator('[data-totals]').textContent()).toContain('0 appliance offline');
  // Worded from the device's error code, in the operator's language; the device's own English beside it.
  const id = (await issue.getAttribute('data-issue'))!;
  const { errorCode, summary } = (await fleet.store.issue(id))!;
  const words = DEVICE_FAULT_WORDS[errorCode ?? ''];
  expect(words, `words for ${errorCode}`).toBeDefined();
  expect(await issue.textContent()).toContain(words);
  expect(await issue.locator('[data-device-says]').textContent()).toContain(summary);
  mkdirSync(SHOTS, { recursive: true });
  await ana.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await issue.textContent())?.includes(FLEET_ZH_CN[words!]!), 5000, 'the issue worded in Chinese');
  // Its story opens with the fault in Chinese too, the device's English kept as the detail.
  await issue.locator('button[name="details"]').click();
  const opened = issue.locator('ol.log li[data-action="opened"]');
  await opened.waitFor({ timeout: 5000 });
  expect(await opened.locator('[data-story-fault-words]').textContent()).toBe(FLEET_ZH_CN[words!]);
  expect(await opened.locator('[data-story-device-says]').textContent()).toContain(summary);
  await ana.screenshot({ path: join(SHOTS, 'issue-1440x1000-zh-CN.png') });
  await ana.locator('select[name="language"]').selectOption('en');
  await until(async () => (await issue.textContent())?.includes(words!), 5000, 'the issue worded in English again');
});

it('operator A acknowledges it; it stays hers when the projector comes back', async () => {
  const issue = ana.locator('fleet-issue-list[data-open] li[data-kind="device"]');
  await issue.locator('button[name="acknowledge"]').click();
  await until(async () => (await issue.getAttribute('data-state')) === 'acknowledged', 8000, 'acknowledged');
  expect(await issue.textContent()).toContain('acknowledged by Ana Lima');
  // The projector comes back on its old address.
  lab.closeAtEnd(await startPjlinkSimulator({ host: '127.0.0.1', port: room.display.endpoint.port, warmupMs: 50 }));
  const id = (await issue.getAttribute('data-issue'))!;
  await until(async () => (await fleet.store.issue(id))?.clearedAt, 15_000, 'the fault to clear');
  expect(await fleet.store.issue(id)).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Ana Lima' });
});

it('operator B adds a note and resolves it on his own dashboard; the record says who did what', async () => {
  const issue = bo.locator('fleet-issue-list[data-open] li[data-kind="device"]');
  await until(async () => (await issue.getAttribute('data-state').catch(() => null)) === 'acknowledged', 8000, "the acknowledged issue on B's dashboard");
  const id = (await issue.getAttribute('data-issue'))!;
  await issue.locator('button[name="details"]').click();
  await issue.locator('input[name="note"]').fill('Lamp cable was loose; reseated it');
  await issue.locator('input[name="note"]').press('Enter');
  await issue.locator('ol.log li[data-action="note"]').waitFor({ timeout: 8000 });
  await bo.screenshot({ path: join(SHOTS, 'story-1440x1000-en.png') });
  await issue.locator('button[name="resolve"]').click();
  await until(async () => (await bo.locator(`fleet-issue-list[data-open] li[data-issue="${id}"]`).count()) === 0, 8000, 'the issue to leave the open list');
  expect(await fleet.store.issue(id)).toMatchObject({ state: 'resolved', acknowledgedBy: 'Ana Lima', resolvedBy: 'Bo Chen' });
  expect((await fleet.desk.log(id)).map((e) => [e.action, e.actor])).toEqual([
    ['opened', null],
    ['acknowledged', 'Ana Lima'],
    ['cleared', null],
    ['note', 'Bo Chen'],
    ['resolved', 'Bo Chen'],
  ]);
  // Resolved, and still found by a search.
  await bo.locator('fleet-issue-search input[name="q"]').fill('lamp cable');
  await bo.locator('fleet-issue-search button[name="search"]').click();
  await bo.locator(`fleet-issue-search li[data-issue="${id}"][data-state="resolved"]`).waitFor({ timeout: 8000 });
});

it("shows the fault in the room's history with its duration, in both languages", async () => {
  mkdirSync(SHOTS, { recursive: true });
  await bo.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const fault = bo.locator('fleet-room-history li[data-fault="display"][data-ongoing="no"]');
  await fault.waitFor({ timeout: 10_000 });
  expect(await fault.textContent()).toContain('Projector');
  expect(await fault.locator('[data-duration]').textContent()).toMatch(/^for \d+ s$/);
  expect(await bo.locator('fleet-room-history tr[data-room-uptime] td[data-uptime="24h"]').textContent()).toMatch(/^\d+\.\d\d%$/);
  // The fleet's trends count the fault against the projector.
  const flapper = bo.locator('fleet-trends li[data-flapper="display"]');
  await flapper.waitFor({ timeout: 8000 });
  expect(await flapper.textContent()).toContain('Projector');
  await bo.screenshot({ path: join(SHOTS, 'history-1440x1000-en.png'), fullPage: true });
  await bo.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await bo.locator('h1').first().textContent()) === '会议室总览', 5000, 'the dashboard in Chinese');
  expect(await fault.textContent()).toContain('投影机');
  // Its metrics in words of the language, not their names in the code.
  // The lamp's hours are read by the first probe after the projector's reconnect, and go out as
  // soon as the room knows them (not with its once-a-minute flush of changed metrics).
  const metricsCell = bo.locator('fleet-room-detail tr[data-device="display"] .metrics');
  await until(async () => /灯泡 \d+ 小时/.test((await metricsCell.textContent()) ?? ''), 10_000, 'the lamp hours on the dashboard');
  const metrics = await metricsCell.textContent();
  expect(metrics).toMatch(/响应 \d+ 毫秒/);
  expect(metrics).toMatch(/灯泡 \d+ 小时/);
  // The fault worded from its code too, the projector's own English kept beside it.
  const { errorCode } = (await fleet.store.issue((await fleet.desk.search({}))[0]!.id))!;
  expect(await fault.locator('[data-fault-words]').textContent()).toBe(FLEET_ZH_CN[DEVICE_FAULT_WORDS[errorCode!]!]);
  expect(await flapper.textContent()).toContain('投影机');
  expect(await fault.locator('[data-duration]').textContent()).toMatch(/^持续 \d+ 秒$/);
  // The room's events in Chinese, the projector by its name; the room's own English (naming it by its id) as the fault's detail,
  // and none beside "works again", which it would only repeat.
  const raised = bo.locator('fleet-room-detail li[data-event="fault.raised"]').first();
  expect(await raised.locator('[data-event-words]').textContent()).toBe(`投影机：${FLEET_ZH_CN[DEVICE_FAULT_WORDS[errorCode!]!]}`);
  const cleared = bo.locator('fleet-room-detail li[data-event="fault.cleared"]').first();
  expect(await cleared.locator('[data-event-words]').textContent()).toBe('投影机 已恢复正常');
  expect(await cleared.locator('[data-event-detail]').count()).toBe(0);
  await bo.screenshot({ path: join(SHOTS, 'history-1440x1000-zh-CN.png'), fullPage: true });
  await ana.screenshot({ path: join(SHOTS, 'operator-a-1440x1000-en.png'), fullPage: true });
  expect(lab.errors).toEqual([]);
});
